// End to end: live refresh. A Gold rebuilt under a running Gold server reaches a page's elements
// through the server's "gold-changed" event and a revalidation: they show the new numbers in
// place, with no loading view and the keyboard focus where it was. The standalone bundle in
// headless Chromium, the DuckDB server over a Gold folder built here (`pnpm build` first).
// Also a <kpi-card compare> of distinct users against the server's own figures for both periods.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBEngine, createGoldServer, silentLogger } from '@goldboard/server';
import { tableFromIPC } from 'apache-arrow';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { startStaticServer } from '../../../scripts/serve-built.mjs';

const dir = mkdtempSync(join(tmpdir(), 'goldboard-live-'));
const gold = join(dir, 'gold');

const run = promisify(execFile);

/**
 * Generated events (`n` of them, from `seed`) built into the Gold folder with the project's CLI,
 * in another process: the servers here keep answering meanwhile.
 */
async function buildGoldOf(n, seed) {
  const raw = join(dir, `raw-${seed}`);
  const cli = ['--conditions=source', '--import', 'tsx', 'packages/cli/src/cli.ts'];
  await run(process.execPath, [...cli, 'generate', '--out', raw, '--events', String(n), '--seed', String(seed)]);
  await run(process.execPath, [...cli, 'build', '--events', join(raw, '*.csv'), '--out', gold]);
}

let goldServer;
let server;
let browser;

before(async () => {
  await buildGoldOf(3_000, 1);
  goldServer = createGoldServer({ engine: await DuckDBEngine.open({ gold }), log: silentLogger });
  const address = await goldServer.listen(0, '127.0.0.1');
  server = await startStaticServer({ goldDir: gold, api: `http://127.0.0.1:${address.port}` });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await goldServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The server's total events, read apart from the page. */
async function totalEvents() {
  const table = tableFromIPC(new Uint8Array(await (await fetch(`${server.url}/v1/datasets/kpi_summary`)).arrayBuffer()));
  return Number(table.getChild('events').get(0));
}

describe('live refresh', () => {
  it('shows a Gold rebuilt under the running server in place, keeping the focus', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, locale: 'en-US' });
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    // The CMS page brings the bundle; its body is replaced by a live source and two elements.
    await page.goto(`${server.url}/cms-embed/`);
    await page.waitForFunction(() => customElements.get('goldboard-source') && customElements.get('kpi-card'));
    await page.evaluate((origin) => {
      document.body.innerHTML = `<goldboard-source name="live" server="${origin}" refresh="3600"></goldboard-source>
        <kpi-card source="live" measure="events" locale="en-US"></kpi-card>
        <revenue-trend source="live" measure="events" locale="en-US"></revenue-trend>`;
    }, server.url);
    await page.waitForFunction(() => [...document.querySelectorAll('[state]')].every((el) => el.getAttribute('state') === 'ready'), null, { timeout: 15_000 });
    const value = () => page.$eval('kpi-card', (el) => el.shadowRoot.querySelector('[part~="value"]').textContent.trim());
    const format = (n) => page.evaluate((v) => new Intl.NumberFormat('en-US').format(v), n);
    const first = await totalEvents();
    assert.equal(await value(), await format(first));

    // The reader is on the trend's plot, with the keyboard.
    await page.evaluate(() => {
      const plot = document.querySelector('revenue-trend').shadowRoot.querySelector('[part~="plot"]');
      plot.focus();
      window.states = [];
      const observer = new MutationObserver((records) => records.forEach((r) => window.states.push(r.target.getAttribute('state'))));
      document.querySelectorAll('[state]').forEach((el) => observer.observe(el, { attributes: true, attributeFilter: ['state'] }));
      window.plot = plot;
    });

    await buildGoldOf(6_000, 2);
    // The server looks at the Gold folder's manifest at most once a second: asked until it answers anew.
    let second = first;
    for (let tries = 0; second === first && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      second = await totalEvents();
    }
    assert.notEqual(second, first, 'the rebuild changed the numbers');
    // No page code: the server's event and the source's revalidation bring the new numbers.
    await page.waitForFunction((text) => document.querySelector('kpi-card').shadowRoot.querySelector('[part~="value"]').textContent.trim() === text, await format(second), { timeout: 15_000 });
    const kept = await page.evaluate(() => {
      const trend = document.querySelector('revenue-trend');
      return {
        states: window.states,
        focused: document.activeElement === trend && trend.shadowRoot.activeElement === window.plot,
        samePlot: trend.shadowRoot.querySelector('[part~="plot"]') === window.plot,
      };
    });
    assert.deepEqual(kept, { states: kept.states.filter((s) => s !== 'loading'), focused: true, samePlot: true });
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('kpi-card compare against the Gold server', () => {
  it('shows the change of distinct users between two periods as the server computes each', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, locale: 'en-US' });
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}/cms-embed/`);
    await page.waitForFunction(() => customElements.get('goldboard-source') && customElements.get('kpi-card'));
    // The Gold period's last 14 days against the 14 before them.
    const period = await (await fetch(`${server.url}/v1/datasets`)).json();
    const last = Date.parse(`${period.period.to}T00:00:00Z`);
    const day = (ms) => new Date(ms).toISOString().slice(0, 10);
    const [from, to, prevFrom, prevTo] = [day(last - 13 * 86_400_000), day(last), day(last - 27 * 86_400_000), day(last - 14 * 86_400_000)];
    const users = async (a, b) => Number(tableFromIPC(new Uint8Array(await (await fetch(`${server.url}/v1/datasets/kpi_summary?from=${a}&to=${b}`)).arrayBuffer())).getChild('users').get(0));
    const [current, previous] = [await users(from, to), await users(prevFrom, prevTo)];
    await page.evaluate(([origin, from, to]) => {
      document.body.innerHTML = `<goldboard-source name="gold" server="${origin}"></goldboard-source>
        <kpi-card source="gold" measure="users" from="${from}" to="${to}" compare="previous" locale="en-US"></kpi-card>`;
    }, [server.url, from, to]);
    await page.waitForFunction(() => document.querySelector('kpi-card')?.getAttribute('state') === 'ready', null, { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('kpi-card').shadowRoot.querySelector('[part~="delta"]'), null, { timeout: 15_000 });
    const shown = await page.$eval('kpi-card', (el) => el.shadowRoot.querySelector('[part~="delta"]').textContent.trim());
    const change = (current - previous) / previous;
    const pct = await page.evaluate((v) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(Math.abs(v)), change);
    assert.equal(shown, `${change > 0 ? '▲' : change < 0 ? '▼' : '■'} ${pct} vs previous period`);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
