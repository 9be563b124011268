// shiju dashboard: the list views — events, search, one article — and the
// form bindings; starts the dashboard.
'use strict';

/** A link to an outside page: only http(s) URLs become links. */
function sourceLink(url, text) {
  if (!url || !/^https?:\/\//i.test(url)) return null;
  return el('a', { href: url, class: 'source-url', target: '_blank', rel: 'noopener noreferrer nofollow' }, text || url);
}

// ---------------------------------------------------------------- event tables

function eventTable(table, rows) {
  clear(table);
  table.appendChild(el('thead', {}, el('tr', {},
    [t('ev.date'), t('ev.dyad'), t('ev.cameo'), t('ev.quad'), t('ev.goldstein'), t('ev.evidence'), t('ev.source')].map((h) => el('th', {}, h)))));
  const tb = el('tbody');
  for (const r of rows) {
    const open = () => { if (r.article) go('article', r.article, { event: r.id }); };
    const links = el('td', { class: 'src' },
      r.article ? el('a', { href: `#article/${r.article}?event=${r.id}`, class: 'article-link' }, r.first_article || `${t('ev.article')} ${r.article}`) : '',
      r.outlet ? el('div', { class: 'muted' }, r.outlet) : null,
      sourceLink(r.url, t('ev.link')));
    const tr = el('tr', { class: 'event-row', dataset: { event: r.id, article: r.article ?? '', date: r.date }, tabindex: 0 },
      el('td', { class: 'date' }, r.date || '—'),
      el('td', { class: 'dyad' }, el('span', { class: 'actor-name' }, actorLabel(r.source)), ' → ', el('span', { class: 'actor-name' }, actorLabel(r.target))),
      el('td', { class: 'cameo' }, cameoLabel(r.code)),
      el('td', { class: 'q' + r.quad }, quadName(r.quad)),
      el('td', { class: 'num' }, fmtG(r.goldstein)),
      el('td', { class: 'evidence' }, r.evidence || ''),
      links);
    tr.addEventListener('click', (e) => { if (!e.target.closest('a')) open(); });
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    tb.appendChild(tr);
  }
  if (rows.length === 0) tb.appendChild(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, t('ev.none'))));
  table.appendChild(tb);
}

// ---------------------------------------------------------------- events

const EV_KEYS = ['actor', 'dyad', 'root', 'quad', 'from', 'to', 'sort'];

function evParams() {
  const p = {};
  for (const k of EV_KEYS) p[k] = $('ev-' + k).value;
  if (p.actor) p.actor = actorCode(p.actor);
  if (p.dyad) p.dyad = p.dyad.split('-').map(actorCode).join('-');
  return p;
}

VIEWS.events = async (params) => {
  for (const k of EV_KEYS) $('ev-' + k).value = params.get(k) || (k === 'sort' ? '-date' : '');
  const offset = Number(params.get('offset')) || 0;
  const limit = 50;
  const p = evParams();
  $('ev-csv').href = '/api/events?' + qs({ ...p, format: 'csv' });
  $('view-events').dataset.shown = '';
  let r;
  try {
    r = await api('/api/events', { ...p, limit, offset });
  } catch (e) {
    clear($('ev-table')); clear($('ev-pager'));
    $('ev-count').textContent = '';
    throw e;
  }
  $('ev-count').textContent = t('ev.count', r.total, r.total ? offset + 1 : 0, offset + r.events.length);
  $('ev-count').dataset.total = r.total;
  eventTable($('ev-table'), r.events);
  pager($('ev-pager'), r.total, offset, limit, (o) => go('events', undefined, { ...p, offset: o }));
  $('view-events').dataset.shown = `${r.total}:${offset}`;
};

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

const SEARCH_KEYS = ['q', 'outlet', 'from', 'to', 'sort'];

VIEWS.search = async (params) => {
  for (const k of SEARCH_KEYS) $('search-' + k).value = params.get(k) || (k === 'sort' ? 'relevance' : '');
  const list = $('search-results');
  const q = $('search-q').value.trim();
  clear(list); clear($('search-pager'));
  $('search-count').textContent = '';
  $('view-search').dataset.shown = '';
  if (!q) return;
  $('search-feed').hidden = false;
  $('search-feed').href = '/feeds/search.atom?q=' + encodeURIComponent(q);
  const offset = Number(params.get('offset')) || 0;
  const limit = 20;
  const p = {};
  for (const k of SEARCH_KEYS) p[k] = $('search-' + k).value;
  const r = await api('/api/search', { ...p, limit, offset });
  $('search-count').textContent = t('search.count', r.total);
  $('search-count').dataset.total = r.total;
  if (r.hits.length === 0) list.appendChild(el('li', { class: 'muted' }, t('search.none')));
  for (const h of r.hits) {
    list.appendChild(el('li', { class: 'hit' },
      el('a', { href: `#article/${h.article}`, class: 'title' }, h.title || h.item || `article ${h.article}`),
      el('div', { class: 'muted meta' }, [h.published || '', h.outlet || '', h.copies > 1 ? t('search.copies', h.copies) : ''].filter(Boolean).join(' · '), ' ',
        sourceLink(h.url, t('ev.link'))),
      el('div', { class: 'snippet' }, marked(h.snippet_text, h.highlights))));
  }
  pager($('search-pager'), r.total, offset, limit, (o) => go('search', undefined, { ...p, offset: o }));
  $('view-search').dataset.shown = `${r.total}`;
};

// ---------------------------------------------------------------- article

/**
 * The paragraphs with entity mentions and event evidence highlighted; inside
 * the focused event's evidence, its actors and verb. Offsets count code
 * points over the paragraphs joined with "\n".
 */
function renderBody(a, focus) {
  const body = $('art-body');
  clear(body);
  const spans = [];
  for (const e of a.entities) {
    for (const m of e.mentions) spans.push({ start: m.start, end: m.end, kind: 'ent', label: e.name ? `${e.key} (${e.name})` : e.key });
  }
  for (const ev of a.events) {
    spans.push({ start: ev.start, end: ev.end, kind: 'ev', ev });
    if (ev.event !== focus) continue;
    for (const s of ev.actor_spans || []) spans.push({ start: s.start, end: s.end, kind: s.side === 'source' ? 'src' : 'tgt' });
    for (const [s, e] of ev.verb_spans || []) spans.push({ start: s, end: e, kind: 'verb' });
  }
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
      const cover = here.filter((x) => x.start <= s && x.end >= e);
      const evs = cover.filter((x) => x.kind === 'ev');
      const ents = cover.filter((x) => x.kind === 'ent');
      let node = document.createTextNode(cps.slice(s - ps, e - ps).join(''));
      if (ents.length) node = el('span', { class: 'ent', title: ents.map((x) => x.label).join(', ') }, node);
      for (const k of ['src', 'tgt']) if (cover.some((x) => x.kind === k)) node = el('span', { class: `actor ${k}` }, node);
      if (cover.some((x) => x.kind === 'verb')) node = el('span', { class: 'verb' }, node);
      if (evs.length) {
        const ids = evs.map((x) => x.ev.event);
        node = el('mark', {
          class: 'ev' + (focus !== null && ids.includes(focus) ? ' focus' : ''),
          dataset: { events: ids.join(' ') },
          title: evs.map((x) => `${actorLabel(x.ev.source)} → ${actorLabel(x.ev.target)} · ${cameoLabel(x.ev.code)} (Goldstein ${fmtG(x.ev.goldstein)})`).join('\n'),
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

VIEWS.article = async (params, arg) => {
  const id = Number(arg);
  const focus = params.get('event') ? Number(params.get('event')) : null;
  const a = await api(`/api/articles/${id}`);
  $('art-title').textContent = a.title || a.item;
  $('art-meta').textContent = [a.published, a.outlet, a.authors.join('、'), `${a.form}, ${a.encoding}`, `document ${a.doc}`]
    .filter(Boolean).join(' · ');
  const src = $('art-source');
  clear(src);
  src.append(t('art.source'), sourceLink(a.url) || el('span', { class: 'muted' }, a.url ? a.url : t('art.nosource')));
  $('art-back').href = '#' + lastList;
  renderBody(a, focus);
  const evl = $('art-events');
  clear(evl);
  for (const ev of a.events) {
    evl.appendChild(el('li', {
      class: 'q' + ev.quad + (ev.event === focus ? ' focus' : ''),
      dataset: { event: ev.event },
      onclick: () => go('article', a.id, { event: ev.event }),
    }, el('span', { class: 'date' }, ev.date), ' ', el('b', {}, `${actorLabel(ev.source)} → ${actorLabel(ev.target)}`), ' ',
    el('span', { class: 'cameo' }, cameoLabel(ev.code)), ` · ${quadName(ev.quad)} · Goldstein ${fmtG(ev.goldstein)}: `, el('q', {}, ev.evidence)));
  }
  if (a.events.length === 0) evl.appendChild(el('li', { class: 'muted' }, t('art.noevents')));
  const enl = $('art-entities');
  clear(enl);
  for (const e of a.entities) {
    enl.appendChild(el('li', {}, `${e.name || e.key} `, el('span', { class: 'muted' }, `${e.key} ×${e.mentions.length}`)));
  }
};

// ---------------------------------------------------------------- bindings

function bindViews() {
  $('rel-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const p = relParams();
    go('relations', undefined, p);
  });
  for (const id of ['rel-by']) $(id).addEventListener('change', () => $('rel-form').requestSubmit());
  for (const id of ['rel-mode', 'rel-dir']) {
    $(id).addEventListener('change', () => {
      history.replaceState(null, '', '#relations?' + qs(relParams()));
      drawRelations();
    });
  }
  $('rel-swap').addEventListener('click', () => {
    const a = $('rel-a').value; $('rel-a').value = $('rel-b').value; $('rel-b').value = a;
    $('rel-form').requestSubmit();
  });
  for (const b of document.querySelectorAll('#rel-presets [data-preset]')) b.addEventListener('click', () => preset(b.dataset.preset));
  $('rel-csv').addEventListener('click', relationsCsv);
  $('rel-png').addEventListener('click', () => REL && downloadPng('rel-chart', `shiju-${REL.a}-${REL.b}.png`));
  $('tl-form').addEventListener('submit', (e) => {
    e.preventDefault();
    go('timeline', undefined, { actor: actorCode($('tl-actor').value), by: $('tl-by').value, from: $('tl-from').value, to: $('tl-to').value, top: $('tl-top').value });
  });
  $('tl-csv').addEventListener('click', timelineCsv);
  $('tl-png').addEventListener('click', () => TL && downloadPng('tl-chart', `shiju-timeline-${TL.actor}.png`));
  $('map-form').addEventListener('submit', (e) => {
    e.preventDefault();
    go('map', undefined, { actor: actorCode($('map-actor').value), from: $('map-from').value, to: $('map-to').value });
  });
  $('map-png').addEventListener('click', () => downloadPng('map-chart', 'shiju-map.png'));
  $('net-form').addEventListener('submit', (e) => { e.preventDefault(); VIEWS.network().catch((x) => showError(x.message)); });
  $('ev-form').addEventListener('submit', (e) => { e.preventDefault(); go('events', undefined, evParams()); });
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const p = {};
    for (const k of SEARCH_KEYS) p[k] = $('search-' + k).value;
    go('search', undefined, p);
  });
}

start();
