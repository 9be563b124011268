// shiju dashboard: the chart views — relations of a dyad, an actor's
// timeline, the country map and the actor network.
'use strict';

const DIR_COLORS = { ab: '#2456a6', ba: '#e07b00', both: '#7a7f8c' };
const ROOT_COLORS = ['#7fc97f', '#4daf4a', '#a6d854', '#66c2a5', '#1b9e77', '#2e8b57', '#006d2c', '#80b1d3', '#377eb8',
  '#fdb462', '#ff7f00', '#e6ab02', '#fb8072', '#e7298a', '#d95f02', '#c0392b', '#a50f15', '#67000d', '#6a3d9a', '#3f007d'];

function goldColor(g) {
  if (g === null || g === undefined) return '#9aa0aa';
  if (g >= 1) return '#2e8b57';
  if (g <= -1) return '#c0392b';
  return '#d4a400';
}

// ---------------------------------------------------------------- relations

let REL = null;

function relParams() {
  return {
    a: actorCode($('rel-a').value), b: actorCode($('rel-b').value), by: $('rel-by').value,
    from: $('rel-from').value, to: $('rel-to').value, mode: $('rel-mode').value, dir: $('rel-dir').value,
  };
}

VIEWS.relations = async (params) => {
  fillForm('rel', ['a', 'b', 'by', 'from', 'to', 'mode', 'dir'], params);
  renderHelp();
  if ($('rel-a').value && $('rel-b').value) await showRelations(Number(params.get('offset')) || 0);
};

function renderHelp() {
  const ul = $('rel-quads');
  clear(ul);
  for (const q of NAMES.quads) {
    ul.appendChild(el('li', {}, el('span', { class: 'swatch', style: `background:${q.color}` }),
      el('b', {}, `${q.quad} ${quadName(q.quad)}`), ` (CAMEO ${q.roots}): `, LANG === 'zh' ? q.about.zh : q.about.en));
  }
}

async function showRelations(offset) {
  const p = relParams();
  const view = $('view-relations');
  view.dataset.shown = '';
  $('rel-feed').href = `/feeds/dyad/${encodeURIComponent(p.a)}-${encodeURIComponent(p.b)}.atom`;
  let rel;
  try {
    rel = await api('/api/relations', { a: p.a, b: p.b, by: p.by, from: p.from, to: p.to });
  } catch (e) {
    // Nothing of the previous dyad stays on screen.
    REL = null;
    chartError('rel-chart', e.message);
    for (const id of ['rel-events', 'rel-imprecise']) clear($(id));
    clear($('rel-pager'));
    $('rel-imprecise-wrap').hidden = true;
    $('rel-summary').textContent = '';
    $('rel-events-title').textContent = t('ev.title');
    view.dataset.shown = 'error';
    return;
  }
  chartError('rel-chart', '');
  REL = rel;
  drawRelations();
  const imp = rel.imprecise || [];
  $('rel-summary').textContent = t('summary.rel', rel.series.ab.total, rel.series.ba.total, imp.reduce((n, r) => n + r.events, 0));
  impreciseTable($('rel-imprecise'), imp, (r) => (r.key === 'ab' ? `${p.a} → ${p.b}` : `${p.b} → ${p.a}`), t('imp.dir'));
  $('rel-imprecise-wrap').hidden = imp.length === 0;
  await listRelationEvents(p.a, p.b, p.from, p.to, offset);
  view.dataset.shown = `${p.a}-${p.b}-${p.by}`;
}

function impreciseTable(table, rows, keyLabel, keyHead) {
  clear(table);
  table.appendChild(el('thead', {}, el('tr', {}, [t('imp.date'), t('imp.precision'), keyHead, t('imp.events'), 'Goldstein'].map((h) => el('th', {}, h)))));
  const tb = el('tbody');
  for (const r of rows) {
    tb.appendChild(el('tr', { class: 'imprecise-row' }, el('td', {}, r.date), el('td', {}, t('prec.' + r.precision)),
      el('td', {}, keyLabel(r)), el('td', { class: 'num' }, String(r.events)), el('td', { class: 'num' }, fmtG(r.goldstein_mean))));
  }
  table.appendChild(tb);
}

/** The series of the current relations view: [{id, name, type, data, ...}]. */
function relationSeries(rel, mode, dir) {
  const la = actorLabel(rel.a); const lb = actorLabel(rel.b);
  const round = (xs) => xs.map((m) => (m === null ? null : Math.round(m * 100) / 100));
  if (mode === 'quad') {
    const s = rel.series[dir];
    return [
      ...NAMES.quads.map((q) => ({ id: 'q' + q.quad, name: quadName(q.quad), type: 'bar', stack: 'q', data: s['q' + q.quad], itemStyle: { color: q.color } })),
      { id: 'gmean', name: t('series.gmean'), type: 'line', yAxisIndex: 1, data: round(s.goldstein_mean), itemStyle: { color: '#1d2330' }, connectNulls: false },
    ];
  }
  if (mode === 'root') {
    return rel.roots.map((r) => ({
      id: 'root' + r.root, name: cameoLabel(r.root), type: 'bar', stack: 'r', data: r[dir],
      itemStyle: { color: ROOT_COLORS[Number(r.root) - 1] || '#999' },
    }));
  }
  return [
    { id: 'ab', name: `${la} → ${lb}`, type: 'bar', data: rel.series.ab.events, itemStyle: { color: DIR_COLORS.ab } },
    { id: 'ba', name: `${lb} → ${la}`, type: 'bar', data: rel.series.ba.events, itemStyle: { color: DIR_COLORS.ba } },
    { id: 'both', name: t('series.both'), type: 'line', data: rel.series.both.events, itemStyle: { color: DIR_COLORS.both }, lineStyle: { type: 'dotted' } },
    { id: 'g-ab', name: `Goldstein ${rel.a} → ${rel.b}`, type: 'line', yAxisIndex: 1, data: round(rel.series.ab.goldstein_mean), itemStyle: { color: DIR_COLORS.ab }, lineStyle: { type: 'dashed' } },
    { id: 'g-ba', name: `Goldstein ${rel.b} → ${rel.a}`, type: 'line', yAxisIndex: 1, data: round(rel.series.ba.goldstein_mean), itemStyle: { color: DIR_COLORS.ba }, lineStyle: { type: 'dashed' } },
  ];
}

function drawRelations() {
  if (!REL) return;
  const p = relParams();
  const series = relationSeries(REL, p.mode, p.dir);
  const chart = chartOf('rel-chart');
  const dirName = p.dir === 'both' ? t('dir.both') : p.dir === 'ab' ? `${REL.a} → ${REL.b}` : `${REL.b} → ${REL.a}`;
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    title: { text: `${actorLabel(REL.a)} ⇄ ${actorLabel(REL.b)}` + (p.mode === 'dir' ? '' : ` · ${dirName}`), left: 8, top: 0, textStyle: { fontFamily: FONT, fontSize: 14 } },
    tooltip: { trigger: 'axis', confine: true },
    legend: { top: 24, left: 8, type: 'scroll' },
    toolbox: { right: 8, top: 0, feature: { dataZoom: { yAxisIndex: 'none' }, restore: {} } },
    dataZoom: REL.periods.length > 60 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 4 }] : [],
    grid: { top: 78, left: 48, right: 56, bottom: REL.periods.length > 60 ? 56 : 32 },
    xAxis: { type: 'category', data: REL.periods, name: t('rel.period') },
    yAxis: [
      { type: 'value', name: t('y.events'), minInterval: 1, nameGap: 8 },
      { type: 'value', name: 'Goldstein', min: -10, max: 10, nameGap: 8, show: series.some((s) => s.yAxisIndex === 1) },
    ],
    series,
  }, true);
  chart.off('click');
  chart.on('click', (e) => {
    if (e.componentType !== 'series') return;
    const [f, to] = periodRange(e.name);
    listRelationEvents(REL.a, REL.b, f, to, 0).catch((x) => showError(x.message));
  });
}

let relEventsRange = null;

async function listRelationEvents(a, b, from, to, offset) {
  relEventsRange = [a, b, from, to];
  const limit = 50;
  const r = await api('/api/events', { pair: `${a}-${b}`, from, to, limit, offset, sort: 'date' });
  $('rel-events-title').textContent = t('ev.period', actorLabel(a), actorLabel(b), from, to) + ` — ${t('ev.count', r.total, r.total ? offset + 1 : 0, offset + r.events.length)}`;
  eventTable($('rel-events'), r.events);
  pager($('rel-pager'), r.total, offset, limit, (o) => listRelationEvents(a, b, from, to, o).catch((x) => showError(x.message)));
}

function relationsCsv() {
  if (!REL) return;
  const p = relParams();
  const series = relationSeries(REL, p.mode, p.dir);
  downloadCsv(`shiju-${REL.a}-${REL.b}-${REL.by}-${p.mode}.csv`, [t('rel.period'), ...series.map((s) => s.name)],
    REL.periods.map((per, i) => [per, ...series.map((s) => s.data[i])]));
}

/** Sets the date range to the last `days` days of the store's data (or all). */
function preset(days) {
  if (days === 'all' || !STATS.last_day) {
    $('rel-from').value = ''; $('rel-to').value = '';
  } else {
    const end = new Date(STATS.last_day + 'T00:00:00Z');
    const start = new Date(end.getTime() - (Number(days) - 1) * 86400000);
    $('rel-from').value = start.toISOString().slice(0, 10);
    $('rel-to').value = STATS.last_day;
  }
  $('rel-form').requestSubmit();
}

// ---------------------------------------------------------------- timeline

let TL = null;

VIEWS.timeline = async (params) => {
  fillForm('tl', ['actor', 'by', 'from', 'to', 'top'], params);
  if (!$('tl-actor').value) return;
  const actor = actorCode($('tl-actor').value);
  $('view-timeline').dataset.shown = '';
  try {
    TL = await api('/api/timeline', { actor, by: $('tl-by').value, from: $('tl-from').value, to: $('tl-to').value, top: $('tl-top').value });
  } catch (e) {
    TL = null;
    chartError('tl-chart', e.message);
    clear($('tl-table'));
    $('tl-summary').textContent = '';
    $('view-timeline').dataset.shown = 'error';
    return;
  }
  chartError('tl-chart', '');
  const series = TL.counterparts.map((c, i) => ({
    id: c.code, name: actorLabel(c.code), type: 'bar', stack: 'all', data: c.events,
    itemStyle: { color: ROOT_COLORS[(i * 7) % ROOT_COLORS.length] },
  }));
  if (TL.others.count > 0) series.push({ id: 'others', name: `${t('series.others')} (${TL.others.count})`, type: 'bar', stack: 'all', data: TL.others.events, itemStyle: { color: '#c8ccd4' } });
  const chart = chartOf('tl-chart');
  chart.setOption({
    animation: false, textStyle: { fontFamily: FONT },
    title: { text: `${actorLabel(actor)} · ${t('tl.title')}`, left: 8, top: 0, textStyle: { fontFamily: FONT, fontSize: 14 } },
    tooltip: { trigger: 'axis', confine: true },
    legend: { top: 24, left: 8, right: 8, type: 'scroll' },
    dataZoom: TL.periods.length > 60 ? [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 4 }] : [],
    grid: { top: 84, left: 48, right: 24, bottom: TL.periods.length > 60 ? 56 : 32 },
    xAxis: { type: 'category', data: TL.periods },
    yAxis: { type: 'value', name: t('y.events'), minInterval: 1, nameGap: 8 },
    series,
  }, true);
  chart.off('click');
  chart.on('click', (e) => {
    if (e.seriesId && e.seriesId !== 'others') go('relations', undefined, { a: actor, b: e.seriesId, by: $('tl-by').value });
  });
  const total = TL.counterparts.reduce((n, c) => n + c.total, 0);
  $('tl-summary').textContent = t('summary.tl', total, TL.counterparts.length + TL.others.count);
  const table = $('tl-table');
  clear(table);
  table.appendChild(el('thead', {}, el('tr', {}, [t('imp.counterpart'), t('imp.events'), t('rel.imprecise'), ...NAMES.quads.map((q) => quadName(q.quad))].map((h) => el('th', {}, h)))));
  const tb = el('tbody');
  for (const c of TL.counterparts) {
    const sum = (xs) => xs.reduce((n, v) => n + v, 0);
    tb.appendChild(el('tr', { class: 'tl-row', onclick: () => go('relations', undefined, { a: actor, b: c.code, by: $('tl-by').value }) },
      el('td', {}, actorLabel(c.code)), el('td', { class: 'num' }, String(c.total)), el('td', { class: 'num' }, String(c.imprecise)),
      ...c.q.map((xs, i) => el('td', { class: 'num q' + (i + 1) }, String(sum(xs))))));
  }
  table.appendChild(tb);
  $('view-timeline').dataset.shown = actor;
};

function timelineCsv() {
  if (!TL) return;
  const cols = TL.counterparts.map((c) => c.code);
  downloadCsv(`shiju-timeline-${TL.actor}-${TL.by}.csv`, [t('rel.period'), ...cols.map(actorLabel), t('series.others')],
    TL.periods.map((p, i) => [p, ...TL.counterparts.map((c) => c.events[i]), TL.others.events[i]]));
}

// ---------------------------------------------------------------- map

VIEWS.map = async (params) => {
  fillForm('map', ['actor', 'from', 'to'], params);
  const actor = actorCode($('map-actor').value);
  $('view-map').dataset.shown = '';
  let m;
  try {
    m = await api('/api/map', { actor, from: $('map-from').value, to: $('map-to').value });
  } catch (e) {
    chartError('map-chart', e.message);
    $('view-map').dataset.shown = 'error';
    return;
  }
  chartError('map-chart', '');
  const max = Math.max(1, ...m.countries.map((c) => c.events));
  const byCode = new Map(m.countries.map((c) => [c.code, c]));
  const placed = (code) => NAMES.actors[code] && NAMES.actors[code].lat !== undefined;
  const lines = m.links.filter((l) => placed(l.a) && placed(l.b)).map((l) => ({
    coords: [[NAMES.actors[l.a].lon, NAMES.actors[l.a].lat], [NAMES.actors[l.b].lon, NAMES.actors[l.b].lat]],
    lineStyle: { color: goldColor(l.goldstein_mean), width: 1 + Math.min(6, Math.sqrt(l.events)), opacity: 0.45 },
    a: l.a, b: l.b, events: l.events, mean: l.goldstein_mean,
  }));
  const top = new Set([...m.countries].sort((x, y) => y.events - x.events).slice(0, 20).map((c) => c.code));
  const chart = chartOf('map-chart');
  chart.setOption({
    animation: false, textStyle: { fontFamily: FONT },
    title: { text: t('map.title') + (actor ? ` · ${actorLabel(actor)}` : ''), left: 8, top: 0, textStyle: { fontFamily: FONT, fontSize: 14 } },
    tooltip: {
      confine: true,
      formatter: (p) => esc(p.seriesType === 'lines'
        ? `${actorLabel(p.data.a)} ⇄ ${actorLabel(p.data.b)}: ${p.data.events} · Goldstein ${fmtG(p.data.mean)}`
        : `${actorLabel(p.data.code)}: ${p.data.events} · Goldstein ${fmtG(p.data.mean)}`),
    },
    grid: { top: 32, left: 40, right: 16, bottom: 28 },
    xAxis: { type: 'value', min: -180, max: 180, interval: 30, name: 'lon', axisLine: { onZero: false }, splitLine: { lineStyle: { color: '#e4e7ee' } } },
    yAxis: { type: 'value', min: -60, max: 85, interval: 30, name: 'lat', axisLine: { onZero: false }, splitLine: { lineStyle: { color: '#e4e7ee' } } },
    series: [
      { type: 'lines', coordinateSystem: 'cartesian2d', polyline: false, data: lines, silent: false, z: 1 },
      {
        type: 'scatter', z: 2,
        data: m.countries.map((c) => ({
          value: [c.lon, c.lat], code: c.code, events: c.events, mean: c.goldstein_mean,
          symbolSize: 6 + 40 * Math.sqrt(c.events / max), itemStyle: { color: goldColor(c.goldstein_mean), opacity: 0.8 },
          label: { show: top.has(c.code), formatter: actorName(c.code) || c.code, position: 'right', fontFamily: FONT, fontSize: 11 },
        })),
        labelLayout: { hideOverlap: true },
      },
    ],
  }, true);
  chart.off('click');
  chart.on('click', (p) => {
    if (p.seriesType === 'scatter') go('events', undefined, actor ? { dyad: '', actor: p.data.code } : { actor: p.data.code });
    else if (p.seriesType === 'lines') go('relations', undefined, { a: p.data.a, b: p.data.b });
  });
  $('view-map').dataset.shown = actor || 'all';
  void byCode;
};

// ---------------------------------------------------------------- network

VIEWS.network = async () => {
  const edges = await api('/api/network', { from: $('net-from').value, to: $('net-to').value, min: $('net-min').value });
  const deg = new Map(); const gsum = new Map();
  for (const e of edges) {
    for (const n of [e.source, e.target]) {
      deg.set(n, (deg.get(n) || 0) + e.events);
      gsum.set(n, (gsum.get(n) || 0) + (e.goldstein_sum || 0));
    }
  }
  const max = Math.max(1, ...deg.values());
  const cats = [
    { name: LANG === 'zh' ? '以合作为主' : 'mainly cooperation', itemStyle: { color: '#2e8b57' } },
    { name: LANG === 'zh' ? '混合' : 'mixed', itemStyle: { color: '#d4a400' } },
    { name: LANG === 'zh' ? '以冲突为主' : 'mainly conflict', itemStyle: { color: '#c0392b' } },
  ];
  const catOf = (n) => { const g = gsum.get(n) / deg.get(n); return g >= 1 ? 0 : g <= -1 ? 2 : 1; };
  const chart = chartOf('net-chart');
  const nodes = [...deg.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  chart.setOption({
    animation: false, textStyle: { fontFamily: FONT },
    legend: [{ data: cats.map((c) => c.name), top: 4, left: 8 }],
    tooltip: {
      confine: true,
      formatter: (p) => esc(p.dataType === 'edge'
        ? `${actorLabel(p.data.source)} → ${actorLabel(p.data.target)}: ${p.data.events}, Goldstein ${fmtG(p.data.mean)}`
        : `${actorLabel(p.name)}: ${p.value}`),
    },
    series: [{
      type: 'graph', layout: 'force', roam: true, draggable: true, categories: cats,
      top: 40, bottom: 20, left: 20, right: 20,
      force: { repulsion: 260, gravity: 0.35, edgeLength: [60, 160], layoutAnimation: false },
      label: { show: true, position: 'right', fontFamily: FONT, formatter: (p) => actorName(p.name) || p.name },
      labelLayout: { hideOverlap: true },
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
      // Start on a circle (sorted by code) rather than at random: the same
      // data always gives the same picture.
      data: nodes.map(([name, v], i, all) => ({
        name, value: v, category: catOf(name), symbolSize: 12 + 32 * Math.sqrt(v / max),
        x: 200 * Math.cos((2 * Math.PI * i) / all.length), y: 200 * Math.sin((2 * Math.PI * i) / all.length),
      })),
      links: edges.map((e) => ({
        source: e.source, target: e.target, events: e.events, mean: e.goldstein_mean,
        lineStyle: { width: 1 + Math.min(8, e.events), color: goldColor(e.goldstein_mean), opacity: 0.7, curveness: 0.15 },
      })),
    }],
  }, true);
  chart.off('click');
  chart.on('click', (p) => {
    if (p.dataType === 'edge') go('relations', undefined, { a: p.data.source, b: p.data.target });
    else if (p.dataType === 'node') go('events', undefined, { actor: p.name });
  });
};
