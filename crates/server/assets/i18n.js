// shiju dashboard: the interface's words in Chinese and English. Names of
// actors, CAMEO codes and quad classes are not here: they come from the
// lexicon through /api/names.
'use strict';

const I18N = {
  zh: {
    'nav.relations': '双边关系', 'nav.timeline': '时间线', 'nav.map': '地图', 'nav.network': '关系网络', 'nav.events': '事件', 'nav.search': '搜索',
    'search.placeholder': '全文搜索（繁简皆可）',
    'rel.title': '两个行为体之间的关系', 'rel.a': '行为体 A', 'rel.b': '行为体 B', 'rel.view': '视图', 'rel.dir': '方向',
    'rel.imprecise': '日期不精确的事件（不计入上图）',
    'f.period': '周期', 'f.from': '起', 'f.to': '止', 'f.show': '显示', 'f.filter': '筛选', 'f.actor': '行为体', 'f.dyad': '方向对（施事-受事）',
    'f.root': 'CAMEO 根类', 'f.quad': '四类', 'f.sort': '排序', 'f.presets': '时间范围：',
    'by.day': '日', 'by.week': '周', 'by.month': '月',
    'mode.dir': '按方向', 'mode.quad': '按四类', 'mode.root': '按 CAMEO 根类',
    'dir.both': '双向合计',
    'preset.30': '最近30天', 'preset.90': '最近3个月', 'preset.365': '最近12个月', 'preset.all': '全部',
    'dl.csv': '下载 CSV', 'dl.png': '下载 PNG', 'dl.csvall': '下载 CSV（全部匹配）', 'feed': 'Atom 订阅',
    'help.title': '怎样读这张图',
    'help.goldstein': 'Goldstein 分值（−10 至 +10）衡量一类事件对双边关系的影响：正值为合作（如提供援助 +7），负值为冲突（如军事进攻 −10）。折线为每个周期内事件的平均分值。',
    'help.imprecise': '只知道年份、月份或跨月周的事件不画在某一周期里（不会显示成“一月”的柱子），而是列在图下的表中。',
    'tl.title': '行为体时间线：与谁打交道', 'tl.top': '对象数',
    'map.title': '按国家的事件分布', 'map.actor': '限定行为体（可选）',
    'map.help': '每个点是一个国家（位置取自词表 centroids.tsv），面积表示事件数，颜色表示平均 Goldstein 分值（绿色合作，红色冲突）；线条连接事件最多的国家对。点击一个国家查看其事件。',
    'net.title': '行为体关系网络', 'net.min': '最少事件数',
    'net.help': '边的颜色：平均 Goldstein 分值（绿色合作，红色冲突）；宽度：事件数；节点颜色：其全部事件的平均 Goldstein 分值（≥ +1 以合作为主，≤ −1 以冲突为主，其间为混合）。点击行为体或边查看事件。',
    'ev.title': '事件', 'ev.count': (n, a, b) => `共 ${n} 个事件，显示第 ${a}–${b} 个`, 'ev.none': '没有符合条件的事件。',
    'ev.date': '日期', 'ev.dyad': '施事 → 受事', 'ev.cameo': 'CAMEO', 'ev.quad': '四类', 'ev.goldstein': 'Goldstein', 'ev.evidence': '证据句', 'ev.source': '来源',
    'ev.article': '文章', 'ev.link': '原文链接',
    'sort.newest': '最新在前', 'sort.oldest': '最早在前', 'sort.conflict': '冲突程度最高', 'sort.mentions': '报道最多', 'sort.relevance': '相关度',
    'search.title': '搜索', 'search.q': '检索词', 'search.outlet': '媒体', 'search.go': '搜索',
    'search.help': '多个词之间默认为“与”（普京 金正恩）；用 OR 表示“或”；引号内为短语；拉丁字母的人名、国名按词表转为中文（Kim Jong Un → 金正恩）。',
    'search.count': (n) => `找到 ${n} 篇文章`, 'search.none': '没有匹配的文章。', 'search.copies': (n) => `${n} 个副本`,
    'art.back': '← 返回', 'art.entities': '实体', 'art.lev': '事件证据', 'art.lfocus': '选中的事件', 'art.lsrc': '施事', 'art.lverb': '动词', 'art.ltgt': '受事', 'art.lent': '实体',
    'art.source': '原文：', 'art.nosource': '（无原文链接）', 'art.noevents': '未编码事件。',
    'pager.prev': '← 上一页', 'pager.next': '下一页 →',
    'imp.date': '日期', 'imp.precision': '精度', 'imp.dir': '方向', 'imp.events': '事件数', 'imp.counterpart': '对象',
    'prec.year': '仅年份', 'prec.month': '仅月份', 'prec.week': '跨月的周', 'prec.day': '日', 'prec.none': '无日期',
    'series.events': '事件数', 'series.gmean': 'Goldstein 均值', 'series.both': '双向合计', 'series.others': '其他',
    'y.events': '事件', 'rel.period': '周期',
    'summary.rel': (ab, ba, imp) => `A→B：${ab} 个事件；B→A：${ba} 个事件；日期不精确：${imp} 个。点击柱子查看该周期的事件。`,
    'summary.tl': (n, k) => `${n} 个事件，${k} 个对象。点击查看与该对象的双边关系。`,
    'stats': (s) => `${s.documents} 份文档 · ${s.articles} 篇文章 · ${s.events} 个事件` + (s.first_day ? ` · ${s.first_day} – ${s.last_day}` : ''),
    'err.prefix': '出错：', 'footer': '图表：',
    'ev.period': (a, b, f, t) => `${a} ↔ ${b} 的事件` + (f || t ? `（${f || '…'} – ${t || '…'}）` : ''),
  },
  en: {
    'nav.relations': 'Relations', 'nav.timeline': 'Timeline', 'nav.map': 'Map', 'nav.network': 'Network', 'nav.events': 'Events', 'nav.search': 'Search',
    'search.placeholder': 'Full-text search (any script)',
    'rel.title': 'Relations between two actors', 'rel.a': 'Actor A', 'rel.b': 'Actor B', 'rel.view': 'View', 'rel.dir': 'Direction',
    'rel.imprecise': 'Events with imprecise dates (not in the chart)',
    'f.period': 'Period', 'f.from': 'From', 'f.to': 'To', 'f.show': 'Show', 'f.filter': 'Filter', 'f.actor': 'Actor', 'f.dyad': 'Dyad (source-target)',
    'f.root': 'CAMEO root', 'f.quad': 'Quad class', 'f.sort': 'Sort', 'f.presets': 'Range:',
    'by.day': 'day', 'by.week': 'week', 'by.month': 'month',
    'mode.dir': 'by direction', 'mode.quad': 'by quad class', 'mode.root': 'by CAMEO root',
    'dir.both': 'both directions',
    'preset.30': 'last 30 days', 'preset.90': 'last 3 months', 'preset.365': 'last 12 months', 'preset.all': 'all',
    'dl.csv': 'Download CSV', 'dl.png': 'Download PNG', 'dl.csvall': 'Download CSV (all matching)', 'feed': 'Atom feed',
    'help.title': 'How to read this chart',
    'help.goldstein': 'The Goldstein score (−10 to +10) rates how an event type bears on relations: positive is cooperation (provide aid +7), negative is conflict (military attack −10). The lines show the mean score of the events of each period.',
    'help.imprecise': 'Events known only to the year, the month or a week spanning two months are not drawn in any period (never as a January bar): they are listed in the table below the chart.',
    'tl.title': "An actor's timeline: who it dealt with", 'tl.top': 'Counterparts',
    'map.title': 'Events by country', 'map.actor': 'With actor (optional)',
    'map.help': 'Each point is a country (placed from the lexicon, centroids.tsv); its size is the number of events, its colour the mean Goldstein score (green cooperation, red conflict); lines join the busiest pairs. Click a country for its events.',
    'net.title': 'Actor network', 'net.min': 'Min. events',
    'net.help': 'Edge colour: mean Goldstein (green cooperation, red conflict); width: events; node colour: the mean Goldstein score of all its events (≥ +1 mainly cooperation, ≤ −1 mainly conflict, mixed between). Click an actor or an edge to list its events.',
    'ev.title': 'Events', 'ev.count': (n, a, b) => `${n} events, showing ${a}–${b}`, 'ev.none': 'No events match.',
    'ev.date': 'Date', 'ev.dyad': 'Source → target', 'ev.cameo': 'CAMEO', 'ev.quad': 'Quad', 'ev.goldstein': 'Goldstein', 'ev.evidence': 'Evidence', 'ev.source': 'Source',
    'ev.article': 'Article', 'ev.link': 'source page',
    'sort.newest': 'newest first', 'sort.oldest': 'oldest first', 'sort.conflict': 'most conflictual', 'sort.mentions': 'most mentioned', 'sort.relevance': 'relevance',
    'search.title': 'Search', 'search.q': 'Words', 'search.outlet': 'Outlet', 'search.go': 'Search',
    'search.help': 'Several words must all occur (普京 金正恩); OR between words for either; quotes for a phrase; Latin names of people and states are looked up in the lexicon (Kim Jong Un → 金正恩).',
    'search.count': (n) => `${n} article(s) found`, 'search.none': 'No article matches.', 'search.copies': (n) => `${n} copies`,
    'art.back': '← back', 'art.entities': 'Entities', 'art.lev': 'event evidence', 'art.lfocus': 'selected event', 'art.lsrc': 'source actor', 'art.lverb': 'verb', 'art.ltgt': 'target actor', 'art.lent': 'entity',
    'art.source': 'Source: ', 'art.nosource': '(no source URL)', 'art.noevents': 'No events coded.',
    'pager.prev': '← previous', 'pager.next': 'next →',
    'imp.date': 'Date', 'imp.precision': 'Precision', 'imp.dir': 'Direction', 'imp.events': 'Events', 'imp.counterpart': 'Counterpart',
    'prec.year': 'year only', 'prec.month': 'month only', 'prec.week': 'week across months', 'prec.day': 'day', 'prec.none': 'undated',
    'series.events': 'events', 'series.gmean': 'Goldstein mean', 'series.both': 'both directions', 'series.others': 'others',
    'y.events': 'events', 'rel.period': 'period',
    'summary.rel': (ab, ba, imp) => `A→B: ${ab} events; B→A: ${ba} events; imprecise dates: ${imp}. Click a bar for the events of its period.`,
    'summary.tl': (n, k) => `${n} events with ${k} counterparts. Click a series for the dyad's relations.`,
    'stats': (s) => `${s.documents} documents · ${s.articles} articles · ${s.events} events` + (s.first_day ? ` · ${s.first_day} – ${s.last_day}` : ''),
    'err.prefix': 'Error: ', 'footer': 'charts by',
    'ev.period': (a, b, f, t) => `Events ${a} ↔ ${b}` + (f || t ? ` (${f || '…'} – ${t || '…'})` : ''),
  },
};

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
