// Time from navigation to every element ready, and bytes transferred, for the built reference
// dashboard on the sample Gold, in headless Chromium. Three cases per run, each in a fresh browser
// context: a first visit (empty HTTP and code caches, the renderer process started by this
// navigation), a first visit with the renderer already running (the browser's caches cleared
// after another page of the site), and a repeat visit. Beside them, a floor: the first
// contentful paint of the same page with its scripts and preloads taken out (static HTML + CSS),
// on a first visit too.
// Run: pnpm build && pnpm bench:dashboard
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { launchChromium, median } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/serve-built.mjs';
import { firstContentfulPaint } from './paint.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
if (!existsSync('examples/dist/dashboard/index.html')) {
  console.error('Build first: pnpm build');
  process.exit(1);
}

// The floor page: the built HTML without its scripts and preloads, served beside the dashboard.
const STATIC_DIR = 'examples/dist/dashboard-static';
const built = readFileSync('examples/dist/dashboard/index.html', 'utf8');

const server = await startStaticServer({ goldDir: process.env.GOLD_DIR ?? 'gold-sample' });
const browser = await launchChromium();
// Written once the browser runs, so that every exit below passes the `finally` that removes it.
mkdirSync(STATIC_DIR, { recursive: true });
writeFileSync(`${STATIC_DIR}/index.html`, built.replace(/\s*<script\b[\s\S]*?<\/script>/g, '').replace(/\s*<link rel="(?:preload|modulepreload)"[^>]*>/g, ''));


/** Navigates and resolves when every element has settled: { readyAt (ms since navigation), bytes }. */
async function visit(page) {
  await page.goto(`${server.url}/dashboard/`, { waitUntil: 'commit' });
  const readyAt = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const check = () => {
          const els = [...document.querySelectorAll('[state]')];
          if (els.length >= 13 && els.every((el) => el.getAttribute('state') !== 'loading')) resolve(performance.now());
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
  const bytes = await page.evaluate(() =>
    performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).reduce((sum, e) => sum + (e.transferSize || 0), 0),
  );
  const states = await page.$$eval('[state]', (els) => els.map((el) => el.getAttribute('state')));
  if (states.some((s) => s !== 'ready')) throw new Error(`not all ready: ${states.join(',')}`);
  return { readyAt, bytes };
}

const staticPaint = (page) => firstContentfulPaint(page, `${server.url}/dashboard-static/`);

const results = [];
const warmProcess = [];
const repeats = [];
const floors = [];
try {
  for (let run = 0; run < RUNS + 1; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const first = await visit(page);
    const again = await visit(page);
    await context.close();
    const second = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await second.newPage();
    await tab.goto(`${server.url}/cms-embed/`, { waitUntil: 'load' });
    const cdp = await second.newCDPSession(tab);
    await cdp.send('Network.clearBrowserCache');
    const running = await visit(tab);
    await second.close();
    if (run > 0) {
      // the first run warms the server's file cache
      results.push(first);
      warmProcess.push(running);
      repeats.push(again);
    }
  }
  // The floor afterwards, so that its visits do not change the browser the cases above meet.
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    floors.push(await staticPaint(await context.newPage()));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(STATIC_DIR, { recursive: true, force: true });
}

for (const [label, rows] of [
  ['first visit (empty caches, new renderer process)', results],
  ['first visit (empty caches, renderer running)', warmProcess],
  ['repeat visit', repeats],
]) {
  const times = rows.map((r) => r.readyAt);
  console.log(`dashboard, all 13 elements ready after navigation, ${label}, ${RUNS} runs:`);
  console.log(`  median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms; transferred ${(median(rows.map((r) => r.bytes)) / 1000).toFixed(1)} kB`);
}
console.log(`floor: the same page without scripts (static HTML + CSS), first contentful paint on a first visit, ${RUNS} runs:`);
console.log(`  median ${median(floors).toFixed(0)} ms, min ${Math.min(...floors).toFixed(0)} ms, max ${Math.max(...floors).toFixed(0)} ms`);
