import { launchChromium, median } from '../../scripts/chromium.mjs';
import { DIST_DIR } from './build.mjs';
import { serve } from './server.mjs';
const F = process.env.F ?? 'timestamp-1000000', R = Number(process.env.R ?? 16);
const server = await serve(DIST_DIR);
const browser = await launchChromium(['--headless=new', '--disable-gpu-vsync', '--disable-frame-rate-limit']);
const page = await (await browser.newContext()).newPage(); page.on('pageerror', (e) => console.error('pageerror', e.message));
await page.goto(`${server.url}/sizes.json`);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
const out = {};
for (let r = 0; r < R; r++) for (const build of r % 2 ? ['old', 'new'] : ['new', 'old']) {
  const done = page.waitForEvent('console', (m) => m.text() === 'xfer-done');
  await page.goto(`${server.url}/xfer2.html?f=${F}&build=${build}`);
  await done;
  const x = await page.evaluate(() => window.xfer);
  x.cpu = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
  await page.goto(`${server.url}/sizes.json`);
  if (r >= 2) (out[build] ??= []).push(x);
}
for (const [m, xs] of Object.entries(out)) console.log(F, m, Object.fromEntries(['bytes', 'loaded', 'ready', 'afterBytes', 'cpu'].map((k) => [k, Math.round(median(xs.map((x) => x[k])) * 10) / 10])), 'rows', xs[0].rows, 'n', xs.length);
await browser.close(); await server.close();
