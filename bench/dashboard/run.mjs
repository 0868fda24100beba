// Time from navigation to every element ready, and bytes transferred, for the built reference
// dashboard on the sample Gold, in headless Chromium (a fresh browser context per run: cold
// cache). Run: pnpm build && pnpm bench:dashboard
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/serve-built.mjs';

const RUNS = Number(process.env.RUNS ?? 9);
const CHROME = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
if (!existsSync('examples/dist/dashboard/index.html')) {
  console.error('Build first: pnpm build');
  process.exit(1);
}

const server = await startStaticServer({ goldDir: process.env.GOLD_DIR ?? 'gold-sample' });
const browser = await chromium.launch({
  executablePath: CHROME,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = [];
try {
  for (let run = 0; run < RUNS + 1; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/dashboard/`, { waitUntil: 'commit' });
    // Every element settled: ready (or empty/error) — the moment a reader sees all the figures.
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
    if (run > 0) results.push({ readyAt, bytes }); // the first run warms the server's file cache
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const times = results.map((r) => r.readyAt);
console.log(`dashboard, all 13 elements ready after navigation (cold cache, ${RUNS} runs):`);
console.log(`  median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`);
console.log(`  bytes transferred: ${(median(results.map((r) => r.bytes)) / 1000).toFixed(1)} kB`);
