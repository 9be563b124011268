// shiju dashboard: the interface's words in Chinese and English. Names of
// actors, CAMEO codes and quad classes are not here: they come from the
// lexicon through /api/names.
'use strict';

// One row a key: [Chinese, English].
const TEXTS = {
  'nav.relations': ['双边关系', 'Relations'],
  'nav.timeline': ['时间线', 'Timeline'],
  'nav.map': ['地图', 'Map'],
  'nav.network': ['关系网络', 'Network'],
  'nav.events': ['事件', 'Events'],
  'nav.search': ['搜索', 'Search'],
  'search.placeholder': ['全文搜索（繁简皆可）', 'Full-text search (any script)'],
  'rel.title': ['两个行为体之间的关系', 'Relations between two actors'],
  'rel.a': ['行为体 A', 'Actor A'],
  'rel.b': ['行为体 B', 'Actor B'],
  'rel.view': ['视图', 'View'],
  'rel.dir': ['方向', 'Direction'],
  'rel.imprecise': ['日期不精确的事件（不计入上图）', 'Events with imprecise dates (not in the chart)'],
  'f.period': ['周期', 'Period'],
  'f.from': ['起', 'From'],
  'f.to': ['止', 'To'],
  'f.show': ['显示', 'Show'],
  'f.filter': ['筛选', 'Filter'],
  'f.actor': ['行为体', 'Actor'],
  'f.dyad': ['方向对（施事-受事）', 'Dyad (source-target)'],
  'f.root': ['CAMEO 根类', 'CAMEO root'],
  'f.quad': ['四类', 'Quad class'],
  'f.sort': ['排序', 'Sort'],
  'f.presets': ['时间范围：', 'Range:'],
  'by.day': ['日', 'day'],
  'by.week': ['周', 'week'],
  'by.month': ['月', 'month'],
  'mode.dir': ['按方向', 'by direction'],
  'mode.quad': ['按四类', 'by quad class'],
  'mode.root': ['按 CAMEO 根类', 'by CAMEO root'],
  'dir.both': ['双向合计', 'both directions'],
  'preset.30': ['最近30天', 'last 30 days'],
  'preset.90': ['最近3个月', 'last 3 months'],
  'preset.365': ['最近12个月', 'last 12 months'],
  'preset.all': ['全部', 'all'],
  'dl.csv': ['下载 CSV', 'Download CSV'],
  'dl.png': ['下载 PNG', 'Download PNG'],
  'dl.csvall': ['下载 CSV（全部匹配）', 'Download CSV (all matching)'],
  'feed': ['Atom 订阅', 'Atom feed'],
  'help.title': ['怎样读这张图', 'How to read this chart'],
  'help.goldstein': [
    'Goldstein 分值（−10 至 +10）衡量一类事件对双边关系的影响：正值为合作（如提供援助 +7），负值为冲突（如军事进攻 −10）。折线为每个周期内事件的平均分值。',
    'The Goldstein score (−10 to +10) rates how an event type bears on relations: positive is cooperation (provide aid +7), negative is conflict (military attack −10). The lines show the mean score of the events of each period.',
  ],
  'help.imprecise': [
    '只知道年份、月份或跨月周的事件不画在某一周期里（不会显示成“一月”的柱子），而是列在图下的表中。',
    'Events known only to the year, the month or a week spanning two months are not drawn in any period (never as a January bar): they are listed in the table below the chart.',
  ],
  'tl.title': ['行为体时间线：与谁打交道', 'An actor\'s timeline: who it dealt with'],
  'tl.top': ['对象数', 'Counterparts'],
  'map.title': ['按国家的事件分布', 'Events by country'],
  'map.actor': ['限定行为体（可选）', 'With actor (optional)'],
  'map.help': [
    '每个点是一个国家（位置取自词表 centroids.tsv），面积表示事件数，颜色表示平均 Goldstein 分值（绿色合作，红色冲突）；线条连接事件最多的国家对。点击一个国家查看其事件。',
    'Each point is a country (placed from the lexicon, centroids.tsv); its size is the number of events, its colour the mean Goldstein score (green cooperation, red conflict); lines join the busiest pairs. Click a country for its events.',
  ],
  'net.title': ['行为体关系网络', 'Actor network'],
  'net.min': ['最少事件数', 'Min. events'],
  'net.help': [
    '边的颜色：平均 Goldstein 分值（绿色合作，红色冲突）；宽度：事件数；节点颜色：其全部事件的平均 Goldstein 分值（≥ +1 以合作为主，≤ −1 以冲突为主，其间为混合）。点击行为体或边查看事件。',
    'Edge colour: mean Goldstein (green cooperation, red conflict); width: events; node colour: the mean Goldstein score of all its events (≥ +1 mainly cooperation, ≤ −1 mainly conflict, mixed between). Click an actor or an edge to list its events.',
  ],
  'ev.title': ['事件', 'Events'],
  'ev.count': [
    (n, a, b) => `共 ${n} 个事件，显示第 ${a}–${b} 个`,
    (n, a, b) => `${n} events, showing ${a}–${b}`,
  ],
  'ev.none': ['没有符合条件的事件。', 'No events match.'],
  'ev.date': ['日期', 'Date'],
  'ev.dyad': ['施事 → 受事', 'Source → target'],
  'ev.cameo': ['CAMEO', 'CAMEO'],
  'ev.quad': ['四类', 'Quad'],
  'ev.goldstein': ['Goldstein', 'Goldstein'],
  'ev.evidence': ['证据句', 'Evidence'],
  'ev.source': ['来源', 'Source'],
  'ev.article': ['文章', 'Article'],
  'ev.link': ['原文链接', 'source page'],
  'sort.newest': ['最新在前', 'newest first'],
  'sort.oldest': ['最早在前', 'oldest first'],
  'sort.conflict': ['冲突程度最高', 'most conflictual'],
  'sort.mentions': ['报道最多', 'most mentioned'],
  'sort.relevance': ['相关度', 'relevance'],
  'search.title': ['搜索', 'Search'],
  'search.q': ['检索词', 'Words'],
  'search.outlet': ['媒体', 'Outlet'],
  'search.go': ['搜索', 'Search'],
  'search.help': [
    '多个词之间默认为“与”（普京 金正恩）；用 OR 表示“或”；引号内为短语；拉丁字母的人名、国名按词表转为中文（Kim Jong Un → 金正恩）。',
    'Several words must all occur (普京 金正恩); OR between words for either; quotes for a phrase; Latin names of people and states are looked up in the lexicon (Kim Jong Un → 金正恩).',
  ],
  'search.count': [(n) => `找到 ${n} 篇文章`, (n) => `${n} article(s) found`],
  'search.none': ['没有匹配的文章。', 'No article matches.'],
  'search.copies': [(n) => `${n} 个副本`, (n) => `${n} copies`],
  'art.back': ['← 返回', '← back'],
  'art.entities': ['实体', 'Entities'],
  'art.lev': ['事件证据', 'event evidence'],
  'art.lfocus': ['选中的事件', 'selected event'],
  'art.lsrc': ['施事', 'source actor'],
  'art.lverb': ['动词', 'verb'],
  'art.ltgt': ['受事', 'target actor'],
  'art.lent': ['实体', 'entity'],
  'art.source': ['原文：', 'Source: '],
  'art.nosource': ['（无原文链接）', '(no source URL)'],
  'art.noevents': ['未编码事件。', 'No events coded.'],
  'pager.prev': ['← 上一页', '← previous'],
  'pager.next': ['下一页 →', 'next →'],
  'imp.date': ['日期', 'Date'],
  'imp.precision': ['精度', 'Precision'],
  'imp.dir': ['方向', 'Direction'],
  'imp.events': ['事件数', 'Events'],
  'imp.counterpart': ['对象', 'Counterpart'],
  'prec.year': ['仅年份', 'year only'],
  'prec.month': ['仅月份', 'month only'],
  'prec.week': ['跨月的周', 'week across months'],
  'prec.day': ['日', 'day'],
  'prec.none': ['无日期', 'undated'],
  'series.events': ['事件数', 'events'],
  'series.gmean': ['Goldstein 均值', 'Goldstein mean'],
  'series.both': ['双向合计', 'both directions'],
  'series.others': ['其他', 'others'],
  'y.events': ['事件', 'events'],
  'rel.period': ['周期', 'period'],
  'summary.rel': [
    (ab, ba, imp) => `A→B：${ab} 个事件；B→A：${ba} 个事件；日期不精确：${imp} 个。点击柱子查看该周期的事件。`,
    (ab, ba, imp) => `A→B: ${ab} events; B→A: ${ba} events; imprecise dates: ${imp}. Click a bar for the events of its period.`,
  ],
  'summary.tl': [
    (n, k) => `${n} 个事件，${k} 个对象。点击查看与该对象的双边关系。`,
    (n, k) => `${n} events with ${k} counterparts. Click a series for the dyad's relations.`,
  ],
  'stats': [
    (s) => `${s.documents} 份文档 · ${s.articles} 篇文章 · ${s.events} 个事件` + (s.first_day ? ` · ${s.first_day} – ${s.last_day}` : ''),
    (s) => `${s.documents} documents · ${s.articles} articles · ${s.events} events` + (s.first_day ? ` · ${s.first_day} – ${s.last_day}` : ''),
  ],
  'err.prefix': ['出错：', 'Error: '],
  'footer': ['图表：', 'charts by'],
  'ev.period': [
    (a, b, f, t) => `${a} ↔ ${b} 的事件` + (f || t ? `（${f || '…'} – ${t || '…'}）` : ''),
    (a, b, f, t) => `Events ${a} ↔ ${b}` + (f || t ? ` (${f || '…'} – ${t || '…'})` : ''),
  ],
};

/** The table of each language, built from TEXTS. */
const I18N = { zh: {}, en: {} };
for (const [key, [zh, en]] of Object.entries(TEXTS)) {
  I18N.zh[key] = zh;
  I18N.en[key] = en;
}

let LANG = (() => {
  try { return localStorage.getItem('shiju.lang') || 'zh'; } catch (_) { return 'zh'; }
})();

/** The interface text `key` in the current language (a function is called with `args`). */
function t(key, ...args) {
  const v = (I18N[LANG] && I18N[LANG][key]) ?? I18N.en[key] ?? key;
  return typeof v === 'function' ? v(...args) : v;
}

/** Sets every `data-i18n` text and `data-i18n-placeholder` of the page. */
function applyLang() {
  document.documentElement.lang = LANG === 'zh' ? 'zh-Hans' : 'en';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
  for (const b of document.querySelectorAll('.lang button')) b.classList.toggle('active', b.dataset.lang === LANG);
}
