// The rendered dashboard's first visits as the main thread meets them, for comparing two builds
// (run it on each, alternating): every element ready and FCP (ms after navigation), and the
// renderer main thread's time in tasks, script, layout and style recalculation, from Chromium's
// Performance metrics (CDP `Performance.getMetrics`), read once every element is ready.
// Medians of N visits after one warm-up visit, each in a fresh browser context.
// Run: pnpm build && N=9 node bench/dashboard/main-thread.mjs
import { existsSync } from 'node:fs';
import { DuckDBEngine, createGoldServer, silentLogger } from '@goldboard/server';
import { launchChromium, median } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/serve-built.mjs';
import { everyElementReady, paintedAt } from './paint.mjs';

const N = Number(process.env.N ?? 9);
const GOLD = process.env.GOLD_DIR ?? 'gold-sample';
if (!existsSync('examples/dist/dashboard/index.html')) {
  console.error('Build first: pnpm build');
  process.exit(1);
}
const gold = createGoldServer({ engine: await DuckDBEngine.open({ gold: GOLD }), log: silentLogger });
const api = `http://127.0.0.1:${(await gold.listen(0, '127.0.0.1')).port}`;
const server = await startStaticServer({ goldDir: GOLD, api, render: true });
const browser = await launchChromium();
const rows = [];
try {
  for (let i = 0; i < N + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${server.url}/dashboard/`, { waitUntil: 'commit' });
      const ready = await everyElementReady(page);
      const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
      const fcp = await paintedAt(page);
      if (i > 0) rows.push({ ready, fcp, task: m.TaskDuration * 1000, script: m.ScriptDuration * 1000, layout: m.LayoutDuration * 1000, style: m.RecalcStyleDuration * 1000 });
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  await gold.close();
}
console.log(Object.keys(rows[0]).map((k) => `${k} ${median(rows.map((r) => r[k])).toFixed(0)} ms`).join(' | '));
