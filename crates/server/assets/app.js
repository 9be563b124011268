// shiju dashboard: shared helpers, names, routing and start-up. Every piece
// of data from the store (titles, text, evidence, names) is untrusted: it
// enters the page only through textContent / createTextNode and elements
// created by code — never as HTML.
'use strict';

const FONT = '"Noto Sans CJK SC", "Noto Sans CJK TC", sans-serif';
const $ = (id) => document.getElementById(id);

/** Names from the lexicon (/api/names): actors, cameo, quads. */
let NAMES = { actors: {}, cameo: {}, quads: [] };
let STATS = {};

/** An element with attributes (set as properties or attributes, never HTML) and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function showError(msg) {
  const p = $('error');
  p.textContent = msg ? t('err.prefix') + msg : '';
  p.hidden = !msg;
}

/** A query string of the non-empty values of `params`. */
function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && String(v).trim() !== '') q.set(k, String(v).trim());
  }
  return q.toString();
}

async function api(path, params) {
  const q = qs(params);
  const r = await fetch(q ? `${path}?${q}` : path, { headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await r.json(); } catch (_) { body = null; }
  if (!r.ok) throw new Error((body && body.error) || `${r.status} ${r.statusText}`);
  return body;
}

/** Escapes text for the one place HTML strings exist: ECharts tooltips, which ECharts renders as HTML. */
function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function fmtG(g) {
  return g === null || g === undefined ? '–' : (g > 0 ? '+' : '') + Number(g).toFixed(1);
}

// ---------------------------------------------------------------- names

/** An actor's name in the current language ('' if the lexicon has none). */
function actorName(code) {
  const n = NAMES.actors[code];
  return n ? (LANG === 'zh' ? n.zh || n.en : n.en || n.zh) : '';
}

/** `中国 CHN` / `China CHN`. */
function actorLabel(code) {
  const n = actorName(code);
  return n ? `${n} ${code}` : String(code ?? '');
}

function cameoName(code) {
  const n = NAMES.cameo[code];
  return n ? (LANG === 'zh' ? n.zh || n.en : n.en || n.zh) : '';
}

/** `042 访问` / `042 Make a visit`. */
function cameoLabel(code) {
  const n = cameoName(code);
  return n ? `${code} ${n}` : String(code ?? '');
}

function quadInfo(q) {
  return NAMES.quads.find((x) => x.quad === Number(q)) || { quad: q, en: `quad ${q}`, zh: `第${q}类`, color: '#999', about: { en: '', zh: '' } };
}

function quadName(q) {
  const i = quadInfo(q);
  return LANG === 'zh' ? i.zh : i.en;
}

/** An actor code from what was typed: a code, or a name in either language. */
function actorCode(v) {
  const s = String(v || '').trim();
  if (!s) return '';
  const up = s.toUpperCase();
  if (NAMES.actors[up]) return up;
  const low = s.toLowerCase();
  for (const [code, n] of Object.entries(NAMES.actors)) {
    if (n.zh === s || (n.en && n.en.toLowerCase() === low)) return code;
  }
  const m = /\b([A-Z0-9+]{2,12})$/.exec(up);
  return m ? m[1] : up;
}

// ---------------------------------------------------------------- downloads

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function downloadCsv(name, header, rows) {
  const text = [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  download(name, new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }));
}

function downloadPng(id, name) {
  const c = echarts.getInstanceByDom($(id));
  if (!c) return;
  const url = c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
  const a = el('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
}

// ---------------------------------------------------------------- charts

function chartOf(id) {
  return echarts.getInstanceByDom($(id)) || echarts.init($(id), null, { renderer: 'canvas' });
}

/** Clears a chart and shows `msg` where it was (its error line). */
function chartError(id, msg) {
  const c = echarts.getInstanceByDom($(id));
  if (c) c.dispose();
  $(id).hidden = !!msg;
  const p = $(id.replace('-chart', '-error'));
  if (p) { p.textContent = msg ? t('err.prefix') + msg : ''; p.hidden = !msg; }
}

/** First and last day of a period label (2024-05, 2024-W07, 2024-05-03). */
function periodRange(p) {
  const w = /^(\d{4})-W(\d{2})$/.exec(p);
  if (w) {
    const jan4 = new Date(Date.UTC(Number(w[1]), 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (Number(w[2]) - 1) * 7 * 86400000);
    const sunday = new Date(monday.getTime() + 6 * 86400000);
    return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
  }
  return [p, p];
}

// ---------------------------------------------------------------- routing

function parseHash() {
  const h = location.hash.replace(/^#/, '');
  const [path, query] = h.split('?');
  const params = new URLSearchParams(query || '');
  const parts = decodeURIComponent(path || 'relations').split('/');
  return { view: parts[0] || 'relations', arg: parts[1], params };
}

function go(view, arg, params) {
  const q = params ? qs(params) : '';
  const h = view + (arg !== undefined ? '/' + encodeURIComponent(arg) : '') + (q ? '?' + q : '');
  if (location.hash === '#' + h) route(); else location.hash = h;
}

const VIEWS = {};
const CHARTS = ['rel-chart', 'tl-chart', 'map-chart', 'net-chart'];
let lastList = 'relations';

function showView(name) {
  for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== 'view-' + name;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.view === name);
  for (const id of CHARTS) {
    const c = window.echarts && echarts.getInstanceByDom($(id));
    if (c) c.resize();
  }
}

async function route() {
  showError('');
  const { view, arg, params } = parseHash();
  const v = VIEWS[view] ? view : 'relations';
  try {
    showView(v);
    if (v !== 'article') lastList = location.hash.replace(/^#/, '') || v;
    await VIEWS[v](params, arg);
  } catch (e) {
    showError(e.message);
  }
}

/** Fills form fields `prefix-<key>` from the hash parameters. */
function fillForm(prefix, keys, params) {
  for (const k of keys) {
    const e = $(`${prefix}-${k}`);
    if (e && params.has(k)) e.value = params.get(k);
  }
}

/** A pager below a table: previous / next, calling `to(offset)`. */
function pager(node, total, offset, limit, to) {
  clear(node);
  if (total <= limit) return;
  const prev = el('button', { type: 'button', class: 'prev' }, t('pager.prev'));
  const next = el('button', { type: 'button', class: 'next' }, t('pager.next'));
  prev.disabled = offset <= 0;
  next.disabled = offset + limit >= total;
  prev.addEventListener('click', () => to(Math.max(0, offset - limit)));
  next.addEventListener('click', () => to(offset + limit));
  node.append(prev, ' ', el('span', { class: 'muted' }, `${Math.floor(offset / limit) + 1} / ${Math.ceil(total / limit)}`), ' ', next);
}

// ---------------------------------------------------------------- start

function fillChoices() {
  const dl = $('actors');
  clear(dl);
  for (const code of Object.keys(NAMES.actors).sort()) {
    dl.appendChild(el('option', { value: code, label: actorName(code) }));
  }
  const root = $('ev-root'); const cur = root.value;
  clear(root);
  root.appendChild(el('option', { value: '' }, '—'));
  for (let r = 1; r <= 20; r++) { const c = String(r).padStart(2, '0'); root.appendChild(el('option', { value: c }, cameoLabel(c))); }
  root.value = cur;
  const quad = $('ev-quad'); const cq = quad.value;
  clear(quad);
  quad.appendChild(el('option', { value: '' }, '—'));
  for (const q of NAMES.quads) quad.appendChild(el('option', { value: q.quad }, `${q.quad} ${quadName(q.quad)}`));
  quad.value = cq;
}

function setLang(lang) {
  LANG = lang;
  try { localStorage.setItem('shiju.lang', lang); } catch (_) { /* private mode */ }
  applyLang();
  fillChoices();
  $('stats').textContent = STATS.documents !== undefined ? t('stats', STATS) : '';
  route();
}

async function start() {
  applyLang();
  for (const b of document.querySelectorAll('.lang button')) b.addEventListener('click', () => setLang(b.dataset.lang));
  $('quick-search').addEventListener('submit', (e) => { e.preventDefault(); go('search', undefined, { q: $('quick-q').value }); });
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => {
    for (const id of CHARTS) { const c = echarts.getInstanceByDom($(id)); if (c) c.resize(); }
  });
  bindViews();
  try {
    const [names, stats, edges, outlets] = await Promise.all([
      api('/api/names'), api('/api/stats'), api('/api/network', { min: 1 }), api('/api/outlets'),
    ]);
    NAMES = names;
    STATS = stats;
    $('stats').textContent = t('stats', stats);
    fillChoices();
    for (const o of outlets) $('outlets').appendChild(el('option', { value: o.outlet }));
    if (!$('rel-a').value && edges.length) {
      // The busiest dyad, by default.
      $('rel-a').value = edges[0].source; $('rel-b').value = edges[0].target;
      $('tl-actor').value = edges[0].source;
    }
  } catch (e) {
    showError(e.message);
  }
  await route();
  document.body.dataset.ready = '1';
}
