// shiju dashboard. Every piece of data from the store (titles, text,
// evidence, names) is untrusted: it enters the page only through
// textContent / createTextNode and elements created by code — never as HTML.
'use strict';

const QUAD_NAMES = ['verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
const QUAD_COLORS = ['#7fc97f', '#2e8b57', '#f0a35e', '#c0392b'];
const FONT = '"Noto Sans CJK SC", "Noto Sans CJK TC", sans-serif';

const $ = (id) => document.getElementById(id);

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
  p.textContent = msg || '';
  p.hidden = !msg;
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && String(v).trim() !== '') qs.set(k, String(v).trim());
  }
  const url = qs.toString() ? `${path}?${qs}` : path;
  const r = await fetch(url, { headers: { Accept: 'application/json' } });
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

// ---------------------------------------------------------------- routing

function parseHash() {
  const h = decodeURIComponent(location.hash.replace(/^#/, ''));
  const [path, query] = h.split('?');
  const params = new URLSearchParams(query || '');
  const parts = (path || 'relations').split('/');
  return { view: parts[0] || 'relations', arg: parts[1], params };
}

function go(view, arg, params) {
  const qs = params ? new URLSearchParams(params).toString() : '';
  location.hash = view + (arg !== undefined ? '/' + encodeURIComponent(arg) : '') + (qs ? '?' + qs : '');
}

function showView(name) {
  for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== 'view-' + name;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.view === name);
  for (const id of ['rel-chart', 'net-chart']) {
    const c = window.echarts && echarts.getInstanceByDom($(id));
    if (c) c.resize();
  }
}

let lastList = 'relations';

async function route() {
  showError('');
  const { view, arg, params } = parseHash();
  try {
    if (view === 'article' && arg) {
      showView('article');
      await showArticle(Number(arg), params.get('event') ? Number(params.get('event')) : null);
      return;
    }
    if (view === 'network') { lastList = view; showView('network'); await showNetwork(); return; }
    if (view === 'events') {
      lastList = view; showView('events');
      for (const k of ['actor', 'dyad', 'root', 'quad', 'from', 'to']) if (params.has(k)) $('ev-' + k).value = params.get(k);
      await showEvents();
      return;
    }
    if (view === 'search') {
      lastList = view; showView('search');
      if (params.has('q')) { $('search-q').value = params.get('q'); await showSearch(); }
      return;
    }
    lastList = 'relations'; showView('relations');
    for (const k of ['a', 'b', 'by', 'from', 'to']) if (params.has(k)) $('rel-' + k).value = params.get(k);
    if ($('rel-a').value && $('rel-b').value) await showRelations();
  } catch (e) {
    showError(e.message);
  }
}

// ---------------------------------------------------------------- event tables

function eventTable(table, rows, opts) {
  clear(table);
  table.appendChild(el('thead', {}, el('tr', {},
    ['Date', 'Source → target', 'CAMEO', 'Quad', 'Goldstein', 'Evidence', 'Article'].map((h) => el('th', {}, h)))));
  const tb = el('tbody');
  for (const r of rows) {
    const tr = el('tr', {
      class: 'event-row',
      dataset: { event: r.id, article: r.article ?? '' },
      tabindex: 0,
      title: 'Open the article at this evidence',
    },
    el('td', {}, r.date),
    el('td', {}, `${r.source} → ${r.target}`),
    el('td', {}, r.code),
    el('td', { class: 'q' + r.quad, title: QUAD_NAMES[r.quad - 1] || '' }, String(r.quad)),
    el('td', { class: 'num' }, fmtG(r.goldstein)),
    el('td', { class: 'evidence' }, r.evidence || ''),
    el('td', {}, r.first_article || ''));
    const open = () => { if (r.article) go('article', r.article, { event: r.id }); };
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    tb.appendChild(tr);
  }
  table.appendChild(tb);
  if (opts && opts.empty && rows.length === 0) {
    tb.appendChild(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, opts.empty)));
  }
}

// ---------------------------------------------------------------- relations

function chartOf(id) {
  return echarts.getInstanceByDom($(id)) || echarts.init($(id), null, { renderer: 'canvas' });
}

/** First and last day of a period label (2024-05, 2024-W07, 2024-05-03). */
function periodRange(p) {
  const w = /^(\d{4})-W(\d{2})$/.exec(p);
  if (w) {
    const y = Number(w[1]); const n = Number(w[2]);
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (n - 1) * 7 * 86400000);
    const sunday = new Date(monday.getTime() + 6 * 86400000);
    return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
  }
  return [p, p];
}

async function showRelations() {
  const a = $('rel-a').value.trim().toUpperCase();
  const b = $('rel-b').value.trim().toUpperCase();
  const by = $('rel-by').value;
  const from = $('rel-from').value; const to = $('rel-to').value;
  $('rel-feed').href = `/feeds/dyad/${encodeURIComponent(a)}-${encodeURIComponent(b)}.atom`;
  const rel = await api('/api/relations', { a, b, by, from, to });
  const both = new Map();
  for (const r of rel.rows) if (r.direction === 'both') both.set(r.period, r);
  const quads = [1, 2, 3, 4].map((q) => rel.periods.map((p) => {
    const r = both.get(p);
    return r ? r[['q1_verbal_coop', 'q2_material_coop', 'q3_verbal_conflict', 'q4_material_conflict'][q - 1]] : 0;
  }));
  const chart = chartOf('rel-chart');
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: `${a} – ${b}`, left: 8, top: 0, textStyle: { fontFamily: FONT, fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 8, data: [...QUAD_NAMES, 'Goldstein mean'] },
    grid: { top: 56, left: 48, right: 56, bottom: 40 },
    xAxis: { type: 'category', data: rel.periods },
    yAxis: [
      { type: 'value', name: 'events', minInterval: 1 },
      { type: 'value', name: 'Goldstein', min: -10, max: 10 },
    ],
    series: [
      ...QUAD_NAMES.map((name, i) => ({
        name, type: 'bar', stack: 'quad', data: quads[i], itemStyle: { color: QUAD_COLORS[i] },
      })),
      {
        name: 'Goldstein mean', type: 'line', yAxisIndex: 1, connectNulls: false,
        data: rel.goldstein_mean.map((m) => (m === null ? null : Math.round(m * 100) / 100)),
        itemStyle: { color: '#2456a6' }, symbolSize: 7,
      },
    ],
  }, true);
  chart.off('click');
  chart.on('click', (e) => {
    const [f, t] = periodRange(e.name);
    listRelationEvents(a, b, f, t);
  });
  await listRelationEvents(a, b, from, to);
  // Settled: what the browser test waits for.
  $('view-relations').dataset.shown = `${a}-${b}-${by}`;
}

async function listRelationEvents(a, b, from, to) {
  const [ab, ba] = await Promise.all([
    api('/api/events', { dyad: `${a}-${b}`, from, to, limit: 500 }),
    api('/api/events', { dyad: `${b}-${a}`, from, to, limit: 500 }),
  ]);
  const rows = [...ab, ...ba].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.id - y.id));
  $('rel-events-title').textContent = `Events ${a} ↔ ${b}` + (from || to ? ` (${from || '…'} – ${to || '…'})` : '') + `: ${rows.length}`;
  eventTable($('rel-events'), rows, { empty: 'No events between these actors.' });
}

// ---------------------------------------------------------------- network

async function showNetwork() {
  const edges = await api('/api/network', { from: $('net-from').value, to: $('net-to').value, min: $('net-min').value });
  const deg = new Map();
  for (const e of edges) {
    deg.set(e.source, (deg.get(e.source) || 0) + e.events);
    deg.set(e.target, (deg.get(e.target) || 0) + e.events);
  }
  const max = Math.max(1, ...deg.values());
  const color = (g) => (g === null || g === undefined ? '#999' : g >= 0 ? '#2e8b57' : '#c0392b');
  const chart = chartOf('net-chart');
  chart.setOption({
    textStyle: { fontFamily: FONT },
    tooltip: {
      formatter: (p) => esc(p.dataType === 'edge'
        ? `${p.data.source} → ${p.data.target}: ${p.data.events} events, Goldstein ${fmtG(p.data.mean)}`
        : `${p.name}: ${p.value} events`),
    },
    series: [{
      type: 'graph', layout: 'force', roam: true, draggable: true,
      force: { repulsion: 500, gravity: 0.1, edgeLength: [80, 200], layoutAnimation: false },
      label: { show: true, position: 'right', fontFamily: FONT },
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
      // Start on a circle (sorted by name) rather than at random: the same
      // data always gives the same picture.
      data: [...deg.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([name, v], i, all) => ({
        name, value: v, symbolSize: 14 + 36 * Math.sqrt(v / max),
        x: 300 * Math.cos((2 * Math.PI * i) / all.length), y: 300 * Math.sin((2 * Math.PI * i) / all.length),
      })),
      links: edges.map((e) => ({
        source: e.source, target: e.target, events: e.events, mean: e.goldstein_mean,
        lineStyle: { width: 1 + Math.min(8, e.events), color: color(e.goldstein_mean), opacity: 0.7, curveness: 0.15 },
      })),
    }],
  }, true);
  chart.off('click');
  chart.on('click', (p) => {
    if (p.dataType === 'edge') go('events', undefined, { dyad: `${p.data.source}-${p.data.target}`, actor: '' });
    else if (p.dataType === 'node') go('events', undefined, { actor: p.name, dyad: '' });
  });
}

// ---------------------------------------------------------------- events

async function showEvents() {
  const rows = await api('/api/events', {
    actor: $('ev-actor').value, dyad: $('ev-dyad').value, root: $('ev-root').value, quad: $('ev-quad').value,
    from: $('ev-from').value, to: $('ev-to').value, limit: $('ev-limit').value,
  });
  $('ev-count').textContent = `${rows.length} event(s)`;
  eventTable($('ev-table'), rows, { empty: 'No events match.' });
}

// ---------------------------------------------------------------- search

/** Text with <mark> around the [start, end] code-point ranges. */
function marked(text, ranges) {
  const cps = Array.from(text || '');
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [s, e] of (ranges || []).slice().sort((x, y) => x[0] - y[0])) {
    if (s < at || e <= s) continue;
    if (s > at) frag.appendChild(document.createTextNode(cps.slice(at, s).join('')));
    frag.appendChild(el('mark', {}, cps.slice(s, e).join('')));
    at = e;
  }
  if (at < cps.length) frag.appendChild(document.createTextNode(cps.slice(at).join('')));
  return frag;
}

async function showSearch() {
  const q = $('search-q').value.trim();
  const list = $('search-results');
  clear(list);
  if (!q) return;
  $('search-feed').hidden = false;
  $('search-feed').href = '/feeds/search.atom?q=' + encodeURIComponent(q);
  const hits = await api('/api/search', { q, limit: 50 });
  if (hits.length === 0) list.appendChild(el('li', { class: 'muted' }, 'No article matches.'));
  for (const h of hits) {
    list.appendChild(el('li', { class: 'hit' },
      el('a', { href: `#article/${h.article}`, class: 'title' }, h.title || h.item || `article ${h.article}`),
      ' ', el('span', { class: 'muted' }, [h.published || '', h.copies > 1 ? ` · ${h.copies} copies` : ''].join('')),
      el('div', { class: 'snippet' }, marked(h.snippet_text, h.highlights))));
  }
}

// ---------------------------------------------------------------- article

let currentArticle = null;

/**
 * The paragraphs with entity mentions and event evidence highlighted.
 * Offsets count code points over the paragraphs joined with "\n".
 */
function renderBody(a, focus) {
  const body = $('art-body');
  clear(body);
  const spans = [];
  for (const e of a.entities) {
    for (const m of e.mentions) spans.push({ start: m.start, end: m.end, kind: 'ent', label: e.name ? `${e.key} (${e.name})` : e.key });
  }
  for (const ev of a.events) spans.push({ start: ev.start, end: ev.end, kind: 'ev', ev });
  let offset = 0;
  for (const p of a.paragraphs) {
    const cps = Array.from(p);
    const ps = offset; const pe = offset + cps.length;
    const cuts = new Set([ps, pe]);
    const here = spans.filter((s) => s.end > ps && s.start < pe);
    for (const s of here) { cuts.add(Math.max(ps, s.start)); cuts.add(Math.min(pe, s.end)); }
    const points = [...cuts].sort((x, y) => x - y);
    const para = el('p');
    for (let i = 0; i + 1 < points.length; i++) {
      const s = points[i]; const e = points[i + 1];
      const text = cps.slice(s - ps, e - ps).join('');
      const cover = here.filter((x) => x.start <= s && x.end >= e);
      const evs = cover.filter((x) => x.kind === 'ev');
      const ents = cover.filter((x) => x.kind === 'ent');
      let node = document.createTextNode(text);
      if (ents.length) node = el('span', { class: 'ent', title: ents.map((x) => x.label).join(', ') }, node);
      if (evs.length) {
        const ids = evs.map((x) => x.ev.event);
        node = el('mark', {
          class: 'ev' + (focus !== null && ids.includes(focus) ? ' focus' : ''),
          dataset: { events: ids.join(' ') },
          title: evs.map((x) => `${x.ev.source} → ${x.ev.target} CAMEO ${x.ev.code} (Goldstein ${fmtG(x.ev.goldstein)})`).join('\n'),
        }, node);
      }
      para.appendChild(node);
    }
    body.appendChild(para);
    offset = pe + 1;
  }
  const f = body.querySelector('mark.focus');
  if (f) f.scrollIntoView({ block: 'center' });
}

async function showArticle(id, focus) {
  const a = await api(`/api/articles/${id}`);
  currentArticle = a;
  $('art-title').textContent = a.title || a.item;
  $('art-meta').textContent = [a.published, a.outlet, a.authors.join('、'), a.url, `${a.form}, ${a.encoding}`, `document ${a.doc}`]
    .filter(Boolean).join(' · ');
  $('art-back').href = '#' + lastList;
  renderBody(a, focus);
  const evl = $('art-events');
  clear(evl);
  for (const ev of a.events) {
    evl.appendChild(el('li', {
      class: ev.event === focus ? 'q' + ev.quad + ' focus' : 'q' + ev.quad,
      onclick: () => go('article', a.id, { event: ev.event }),
    }, `${ev.date} ${ev.source} → ${ev.target} ${ev.code} (${fmtG(ev.goldstein)}): `, el('q', {}, ev.evidence)));
  }
  if (a.events.length === 0) evl.appendChild(el('li', { class: 'muted' }, 'No events coded.'));
  const enl = $('art-entities');
  clear(enl);
  for (const e of a.entities) {
    enl.appendChild(el('li', {}, `${e.name || e.key} `, el('span', { class: 'muted' }, `${e.key} ×${e.mentions.length}`)));
  }
}

// ---------------------------------------------------------------- start

async function start() {
  $('rel-form').addEventListener('submit', (e) => {
    e.preventDefault();
    go('relations', undefined, { a: $('rel-a').value.trim().toUpperCase(), b: $('rel-b').value.trim().toUpperCase(), by: $('rel-by').value, from: $('rel-from').value, to: $('rel-to').value });
  });
  $('rel-by').addEventListener('change', () => $('rel-form').requestSubmit());
  $('net-form').addEventListener('submit', (e) => { e.preventDefault(); showNetwork().catch((x) => showError(x.message)); });
  $('ev-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const p = {};
    for (const k of ['actor', 'dyad', 'root', 'quad', 'from', 'to']) p[k] = $('ev-' + k).value;
    go('events', undefined, p);
  });
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); go('search', undefined, { q: $('search-q').value }); });
  $('quick-search').addEventListener('submit', (e) => { e.preventDefault(); go('search', undefined, { q: $('quick-q').value }); });
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => {
    for (const id of ['rel-chart', 'net-chart']) { const c = echarts.getInstanceByDom($(id)); if (c) c.resize(); }
  });
  try {
    const [stats, edges] = await Promise.all([api('/api/stats'), api('/api/network', { min: 1 })]);
    $('stats').textContent = `${stats.documents} documents · ${stats.articles} articles · ${stats.events} events` +
      (stats.first_day ? ` · ${stats.first_day} – ${stats.last_day}` : '');
    const actors = new Set();
    for (const e of edges) { actors.add(e.source); actors.add(e.target); }
    const dl = $('actors');
    for (const a of [...actors].sort()) dl.appendChild(el('option', { value: a }));
    if (!$('rel-a').value && edges.length) {
      $('rel-a').value = edges[0].source; $('rel-b').value = edges[0].target;
    }
  } catch (e) {
    showError(e.message);
  }
  await route();
  document.body.dataset.ready = '1';
}

start();
