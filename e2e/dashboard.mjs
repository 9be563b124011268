// End-to-end test of the shiju dashboard in Debian's headless Chromium,
// driven by playwright-core (no browser download: /usr/bin/chromium).
//
// Ingests ../shared/seeds and a hostile HTML document into a temporary
// store, starts `shiju serve` on a free loopback port, then checks the
// relation chart, the event table → article evidence highlight, the network,
// search, and that no script from article text runs. Saves screenshots to
// $SHIJU_SCREENSHOTS, by default target/screenshots/ (never into tracked
// files: to refresh the README's pictures, run with
// SHIJU_SCREENSHOTS=docs/screenshots and commit them). Ends with
// "e2e: N passed, N failed".
//
// SHIJU_BIN: the shiju binary (default $CARGO_TARGET_DIR/debug/shiju or
// target/debug/shiju). CHROMIUM: the browser (default /usr/bin/chromium).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const target = path.resolve(root, process.env.CARGO_TARGET_DIR || 'target');
const bin = process.env.SHIJU_BIN || path.join(target, 'debug', 'shiju');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const seeds = path.resolve(root, '..', 'shared', 'seeds');
const xssDoc = path.join(root, 'crates', 'server', 'tests', 'data', 'xss.html');
const shots = path.resolve(root, process.env.SHIJU_SCREENSHOTS || path.join(target, 'screenshots'));
const TOKEN = 'e2e-' + Math.random().toString(36).slice(2);

let passed = 0;
let failed = 0;
let skipped = 0;

function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`);
  }
}

function finish(code) {
  console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? (failed ? 1 : 0));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return true;
    } catch (_) { /* not up yet */ }
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}

if (!fs.existsSync(bin)) {
  console.log(`shiju binary not found at ${bin} (set SHIJU_BIN or build with cargo build -p shiju)`);
  failed++;
  finish(1);
}
if (!fs.existsSync(browserPath)) {
  console.log(`${browserPath} is missing (apt-get install chromium fonts-noto-cjk): browser checks skipped`);
  skipped++;
  finish(process.env.CI ? 1 : 0);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shiju-e2e-'));
const data = path.join(tmp, 'data');
const inputs = [];
if (fs.existsSync(seeds)) {
  for (const f of fs.readdirSync(seeds).sort()) if (!f.endsWith('.gold.json')) inputs.push(path.join(seeds, f));
} else {
  console.log(`${seeds} missing: only the XSS document is ingested`);
}
inputs.push(xssDoc);
const ing = spawnSync(bin, ['ingest', '--data', data, ...inputs], { encoding: 'utf8' });
check('shiju ingest of the seeds and the XSS document', ing.status === 0, ing.stderr);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(bin, ['serve', '--data', data, '--addr', `127.0.0.1:${port}`], {
  env: { ...process.env, SHIJU_TOKEN: TOKEN },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let context = null;
// Bounded: a hung browser fails the run instead of hanging the test suite.
const watchdog = setTimeout(() => {
  check('e2e run finished within 10 minutes', false);
  server.kill('SIGKILL');
  finish(1);
}, 10 * 60 * 1000);
watchdog.unref();
const cleanup = async () => {
  if (context) await context.close().catch(() => {});
  server.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
};

try {
  check('shiju serve answers on loopback', await waitFor(`${base}/api/stats`, 60000));
  fs.mkdirSync(shots, { recursive: true });
  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: browserPath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1280, height: 860 },
    locale: 'zh-CN',
  });
  const page = context.pages()[0] || (await context.newPage());
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const offsite = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(base) || u.startsWith('data:')) return route.continue();
    offsite.push(u);
    return route.abort();
  });

  // 1. Dashboard, relation chart CHN–RUS.
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
  await page.fill('#rel-a', 'CHN');
  await page.fill('#rel-b', 'RUS');
  await page.selectOption('#rel-by', 'month');
  await page.click('#rel-go');
  await page.waitForSelector('#view-relations[data-shown="CHN-RUS-month"]', { timeout: 60000 }).catch(() => {});
  const chart = await page.evaluate(() => {
    const inst = echarts.getInstanceByDom(document.getElementById('rel-chart'));
    if (!inst) return null;
    const o = inst.getOption();
    return { periods: o.xAxis[0].data, series: o.series.map((s) => ({ name: s.name, type: s.type, data: s.data })) };
  });
  const bars = chart ? chart.series.filter((s) => s.type === 'bar') : [];
  const barTotal = bars.reduce((n, s) => n + s.data.reduce((a, v) => a + (Number(v) || 0), 0), 0);
  const line = chart ? chart.series.find((s) => s.type === 'line') : null;
  check('CHN–RUS relation chart has data points', chart && chart.periods.length > 0 && barTotal > 0, JSON.stringify(chart));
  check('the Goldstein line has values', line && line.data.some((v) => v !== null && v !== undefined), JSON.stringify(line));
  const fc = spawnSync('fc-match', ['Noto Sans CJK SC:lang=zh-cn'], { encoding: 'utf8' });
  check('a CJK font (fonts-noto-cjk) renders Chinese', fc.status === 0 && /Noto Sans CJK|Noto Serif CJK/.test(fc.stdout), fc.stdout || fc.error);
  await page.screenshot({ path: path.join(shots, 'relations.png'), fullPage: true });

  // 2. Period selector: by week.
  await page.selectOption('#rel-by', 'week');
  await page.waitForSelector('#view-relations[data-shown="CHN-RUS-week"]', { timeout: 60000 }).catch(() => {});
  check('the period selector regroups by ISO week', await page.evaluate(() => {
    const i = echarts.getInstanceByDom(document.getElementById('rel-chart'));
    return !!i && i.getOption().xAxis[0].data.length > 0 && i.getOption().xAxis[0].data.every((p) => /^\d{4}-W\d{2}$/.test(p));
  }));

  // 3. Click an event → article view highlighting its evidence.
  const row = await page.$('#rel-events tbody tr.event-row');
  check('the relation has an event table', !!row);
  if (row) {
    const evidence = await row.$eval('td.evidence', (td) => td.textContent);
    const eventId = await row.getAttribute('data-event');
    await row.click();
    await page.waitForFunction(() => !document.getElementById('view-article').hidden && document.querySelectorAll('#art-body mark.ev.focus').length > 0, null, { timeout: 60000 }).catch(() => {});
    const marks = await page.$$eval('#art-body mark.ev.focus', (ms) => ms.map((m) => m.textContent));
    const joined = marks.join('');
    check('the article view highlights the clicked event', marks.length > 0 && marks.every((m) => evidence.includes(m)) && joined.length > 0,
      `event ${eventId}: marks ${JSON.stringify(marks)} vs evidence ${JSON.stringify(evidence)}`);
    check('the highlight covers the evidence', joined === evidence || evidence.includes(joined), `${joined} / ${evidence}`);
    await page.screenshot({ path: path.join(shots, 'article.png'), fullPage: false });
  }

  // 4. Network.
  await page.goto(`${base}/#network`);
  await page.waitForFunction(() => {
    const i = echarts.getInstanceByDom(document.getElementById('net-chart'));
    return i && i.getOption().series[0].data.length > 0;
  }, null, { timeout: 60000 }).then(() => true, () => false).then((ok) => check('the actor network has nodes', ok));
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(shots, 'network.png') });

  // 5. Event table with a filter.
  await page.goto(`${base}/#events?actor=CHN`);
  await page.waitForSelector('#ev-table tbody tr.event-row', { timeout: 60000 }).catch(() => {});
  const sides = await page.$$eval('#ev-table tbody tr.event-row td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  check('the filtered event table lists only CHN events', sides.length > 0 && sides.every((s) => s.includes('CHN')), sides.slice(0, 5).join(' | '));
  await page.screenshot({ path: path.join(shots, 'events.png') });

  // 6. Search (a name written alike in both scripts), then the hostile
  // document: tags in its title and body must stay text.
  await page.goto(`${base}/#search?q=${encodeURIComponent('普京')}`);
  await page.waitForSelector('#search-results li.hit', { timeout: 60000 }).catch(() => {});
  const hitMarks = await page.$$eval('#search-results mark', (ms) => ms.map((m) => m.textContent));
  check('search results highlight the query', hitMarks.length > 0 && hitMarks.every((m) => m === '普京'), JSON.stringify(hitMarks));
  await page.screenshot({ path: path.join(shots, 'search.png') });
  await page.fill('#quick-q', '安全测试');
  await page.press('#quick-q', 'Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results li.hit a.title')].some((a) => a.textContent.includes('<script>')), null, { timeout: 60000 }).catch(() => {});
  const xssTitle = await page.$$eval('#search-results li.hit a.title', (as) => as.map((a) => a.textContent).find((t) => t.includes('<script>')) || null);
  check('a hostile title is shown as text in search results', !!xssTitle, xssTitle);
  check('search results carry no injected element', await page.evaluate(() => document.querySelectorAll('#search-results img, #search-results script, #search-results [onerror]').length === 0 && typeof window.__xss === 'undefined'));
  const xssLink = await page.$('#search-results li.hit a.title >> text=/<script>/');
  if (xssLink) {
    await xssLink.click();
    await page.waitForSelector('#view-article:not([hidden]) #art-body p', { timeout: 60000 }).catch(() => {});
  }
  const xss = await page.evaluate(() => ({
    flag: typeof window.__xss,
    title: document.getElementById('art-title').textContent,
    body: document.getElementById('art-body').textContent,
    injected: document.querySelectorAll('main img, main script, main [onerror], main [onmouseover], main a[href^="javascript:"]').length,
  }));
  check('the article view shows the hostile title as text', xss.title.includes('<script>window.__xss=1</script>'), xss.title);
  check('the article view shows hostile body tags as text', xss.body.includes('<img src=x onerror='), xss.body.slice(0, 200));
  check('no element was injected from article text', xss.injected === 0, String(xss.injected));
  check('no script from article text ran (window.__xss undefined)', xss.flag === 'undefined', xss.flag);
  check('no uncaught page errors', pageErrors.length === 0, pageErrors.join('; '));
  check('no request left the server (assets bundled)', offsite.length === 0, offsite.join(' '));
} catch (e) {
  check('e2e run', false, e && e.stack ? e.stack : String(e));
} finally {
  await cleanup();
}
finish();
