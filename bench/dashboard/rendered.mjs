// The reference dashboard rendered on the server (as `pnpm start` serves it) over the Gold
// server's data, in headless Chromium, first visits (fresh browser context each): first
// contentful paint (with the KPI values in it) against the floor — the same rendered page
// without its scripts, static HTML + CSS; every element hydrated and ready after navigation;
// cumulative layout shift; bytes transferred. And on the server: render time per element and
// per dashboard (p50/p99) beside a cached data query of the Gold server.
// Run: pnpm build && pnpm bench:dashboard:rendered   (RUNS=9 by default)
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { DuckDBEngine, createGoldServer, silentLogger } from '@goldboard/server';
import { launchChromium, median } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/serve-built.mjs';
import { everyElementReady, firstContentfulPaint } from './paint.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
const RENDERS = Number(process.env.RENDERS ?? 40);
const GOLD = process.env.GOLD_DIR ?? 'gold-sample';
if (!existsSync('examples/dist/dashboard/index.html')) {
  console.error('Build first: pnpm build');
  process.exit(1);
}
const STATIC_DIR = 'examples/dist/dashboard-rendered-static';

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (v) => `${v.toFixed(1)} ms`;

const gold = createGoldServer({ engine: await DuckDBEngine.open({ gold: GOLD }), log: silentLogger });
const api = `http://127.0.0.1:${(await gold.listen(0, '127.0.0.1')).port}`;
const timings = [];
const server = await startStaticServer({ goldDir: GOLD, api, render: true, timings });
const browser = await launchChromium();

/**
 * A first visit: FCP, whether the KPI values were in the first paint's DOM, every element
 * hydrated and ready, CLS, bytes. `render`: the server renders the page for this visit (the
 * request says `Cache-Control: no-cache`) instead of answering the page it kept.
 */
async function visit(page, render = false) {
  if (render) await page.setExtraHTTPHeaders({ 'cache-control': 'no-cache' });
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
    // Read at the first paint: are the values there?
    new PerformanceObserver((list) => {
      if (list.getEntries().some((e) => e.name === 'first-contentful-paint')) {
        const values = [...document.querySelectorAll('kpi-card')].map((el) => el.shadowRoot?.querySelector('[part~="value"]')?.textContent ?? '');
        window.__valuesAtPaint = values.length === 5 && values.every((v) => /\d/.test(v));
      }
    }).observe({ type: 'paint', buffered: true });
  });
  await page.goto(`${server.url}/dashboard/`, { waitUntil: 'commit' });
  const readyAt = await everyElementReady(page);
  // A second of settling for late shifts (a chart laid out again at its real width).
  await page.waitForTimeout(1000);
  return page.evaluate((readyAt) => {
    const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime;
    const bytes = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).reduce((sum, e) => sum + (e.transferSize || 0), 0);
    return { fcp, readyAt, cls: window.__cls, bytes, valuesAtPaint: window.__valuesAtPaint };
  }, readyAt);
}

const floorPaint = (page) => firstContentfulPaint(page, `${server.url}/dashboard-rendered-static/`);
// Beside it, for reference: the floor painted as it is parsed (without the page's render-blocking
// `<link rel="expect">`), whose first frame may show a half-parsed page.
const progressivePaint = (page) => firstContentfulPaint(page, `${server.url}/dashboard-rendered-static/progressive.html`);

const visits = [];
const rendersEach = [];
const floors = [];
const progressive = [];
const renders = [];
const keptAnswers = [];
const queries = [];
try {
  // The floor: the rendered page as served, without its scripts (static HTML + CSS, values included).
  const rendered = await (await fetch(`${server.url}/dashboard/`)).text();
  mkdirSync(STATIC_DIR, { recursive: true });
  const floorHtml = rendered.replace(/\s*<script\b(?![^>]*type="application\/json")[\s\S]*?<\/script>/g, '').replace(/\s*<link rel="(?:preload|modulepreload)"[^>]*>/g, '');
  writeFileSync(`${STATIC_DIR}/index.html`, floorHtml);
  writeFileSync(`${STATIC_DIR}/progressive.html`, floorHtml.replace(/\s*<link rel="expect"[^>]*>/g, ''));
  // A visit of the page as kept by the server, one rendered for the visit, one of the floor and
  // one of the floor painted as parsed, in turn, in an order that rotates (the first round a
  // warm-up, which renders the kept page): all meet the same moments of a shared machine.
  const fresh = async (measure) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      return await measure(await context.newPage());
    } finally {
      await context.close();
    }
  };
  for (let run = 0; run < RUNS + 1; run++) {
    const round = [
      async () => ({ kept: await fresh((page) => visit(page)) }),
      async () => ({ rendered: await fresh((page) => visit(page, true)) }),
      async () => ({ floor: await fresh(floorPaint) }),
      async () => ({ progressive: await fresh(progressivePaint) }),
    ];
    const results = {};
    for (let i = 0; i < round.length; i++) Object.assign(results, await round[(run + i) % round.length]());
    if (run > 0) {
      visits.push(results.kept);
      rendersEach.push(results.rendered);
      floors.push(results.floor);
      progressive.push(results.progressive);
    }
  }
  // The server alone: whole-page renders, and a cached data query of the Gold server beside them.
  timings.length = 0;
  for (let i = 0; i < RENDERS; i++) {
    const started = performance.now();
    await (await fetch(`${server.url}/dashboard/`, { headers: { 'cache-control': 'no-cache' } })).text();
    renders.push(performance.now() - started);
    const k = performance.now();
    await (await fetch(`${server.url}/dashboard/`)).text();
    keptAnswers.push(performance.now() - k);
    const q = performance.now();
    await (await fetch(`${api}/v1/datasets/daily_metrics`)).arrayBuffer();
    queries.push(performance.now() - q);
  }
} finally {
  await browser.close();
  await server.close();
  await gold.close();
  rmSync(STATIC_DIR, { recursive: true, force: true });
}

const floor = median(floors);
console.log(`dashboard rendered on the server, first visits, ${RUNS} runs (medians); the page as the server kept it for its address and Gold, and rendered for the visit:`);
console.log(`| measure | kept: median | min | max | rendered for the visit: median | min | max |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
const stats = (values, unit) => `${unit(median(values))} | ${unit(Math.min(...values))} | ${unit(Math.max(...values))}`;
const row = (label, pick, unit = (v) => `${v.toFixed(0)} ms`) => console.log(`| ${label} | ${stats(visits.map(pick), unit)} | ${stats(rendersEach.map(pick), unit)} |`);
row('first contentful paint', (v) => v.fcp);
console.log(`| floor: the same HTML + CSS without scripts, first contentful paint | ${stats(floors, (v) => `${v.toFixed(0)} ms`)} | | | |`);
console.log(`| for reference, the floor painted as parsed (without its render-blocking link) | ${stats(progressive, (v) => `${v.toFixed(0)} ms`)} | | | |`);
row('every element hydrated and ready', (v) => v.readyAt);
row('cumulative layout shift', (v) => v.cls, (v) => v.toFixed(4));
row('transferred', (v) => v.bytes, (v) => `${(v / 1000).toFixed(1)} kB`);
for (const [label, list] of [['kept', visits], ['rendered for the visit', rendersEach]]) {
  console.log(`${label}: FCP / floor ${(median(list.map((v) => v.fcp)) / floor).toFixed(2)}× (medians; the median of each visit's FCP over the floor's visit of its round: ${median(list.map((v, i) => v.fcp / floors[i])).toFixed(2)}×); KPI values in the first paint: ${list.filter((v) => v.valuesAtPaint).length}/${list.length} visits`);
}
const perElement = timings.flatMap((t) => t.elements.map((e) => e.ms));
console.log(`server, ${RENDERS} renders of the dashboard (13 data elements, 3 insight lists, the date range and the segment filter, data through the Gold server's cache):`);
console.log(`  per dashboard p50 ${ms(quantile(renders, 0.5))}, p99 ${ms(quantile(renders, 0.99))} (request to last byte; the kept page instead: p50 ${ms(quantile(keptAnswers, 0.5))}, p99 ${ms(quantile(keptAnswers, 0.99))})`);
console.log(`  per element  p50 ${ms(quantile(perElement, 0.5))}, p99 ${ms(quantile(perElement, 0.99))} (data load, snapshot and render; elements render concurrently)`);
console.log(`  beside: a cached query (daily_metrics, Arrow) p50 ${ms(quantile(queries, 0.5))}, p99 ${ms(quantile(queries, 0.99))}`);
