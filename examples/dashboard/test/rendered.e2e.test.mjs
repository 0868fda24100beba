// End to end: the reference dashboard rendered on the server (as `pnpm start` serves it) over
// the Gold server's data. With JavaScript off both pages show every KPI, chart and insight;
// with it on, every element takes over the server's markup in place and is interactive.
// Run by README's test command after `pnpm build` (`pnpm test:e2e`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { DuckDBEngine, createGoldServer, silentLogger } from '@goldboard/server';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { startStaticServer } from '../../../scripts/serve-built.mjs';

const GOLD = 'gold-sample';
let server;
let browser;
let gold;

before(async () => {
  assert.ok(existsSync('examples/dist/dashboard/index.html'), 'The dashboard is not built: run `pnpm build` first.');
  gold = createGoldServer({ engine: await DuckDBEngine.open({ gold: GOLD }), log: silentLogger });
  const address = await gold.listen(0, '127.0.0.1');
  server = await startStaticServer({ goldDir: GOLD, api: `http://127.0.0.1:${address.port}`, render: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await gold?.close();
});

const ELEMENTS = 'kpi-card, revenue-trend, top-list, segment-breakdown';

describe('reference dashboard rendered on the server', () => {
  it('with JavaScript off shows both pages: every KPI, chart and insight', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/dashboard/`);
    const states = await page.$$eval(ELEMENTS, (els) => els.map((el) => el.getAttribute('state')));
    assert.deepEqual(states, Array(13).fill('ready'));
    const values = await page.locator('kpi-card [part~="value"]').allTextContents();
    assert.equal(values.length, 5);
    for (const value of values) assert.match(value, /\d/);
    // Both pages laid out (not hidden), their charts drawn.
    for (const selector of ['#business revenue-trend', '#segments segment-breakdown >> nth=0', '#segments segment-breakdown >> nth=4']) {
      const box = await page.locator(selector).boundingBox();
      assert.ok(box && box.height > 100, `${selector} is shown`);
    }
    assert.ok((await page.locator('revenue-trend [part~="line"]').getAttribute('d')).length > 100);
    assert.ok((await page.locator('#segments segment-breakdown >> nth=3').locator('[part~="slice"]').count()) > 0);
    for (const list of ['#business-insights', '#segment-insights', '#recommendations']) {
      const items = await page.locator(`${list} li`).allTextContents();
      assert.ok(items.length > 0, `${list} has insights`);
      assert.ok(items.every((t) => !/Insights unavailable|Nothing to report/.test(t)), items.join(' | '));
    }
    await context.close();
  });

  it('with JavaScript on, every element takes over its markup in place and responds', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}/dashboard/`);
    await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((el) => el.hasUpdated && el.getAttribute('state') === 'ready'), ELEMENTS);
    // Hydrated, not drawn again: the server's part markers are still in every shadow root.
    const hydrated = await page.$$eval(ELEMENTS, (els) => els.every((el) => el.shadowRoot.innerHTML.includes('<!--lit-part')));
    assert.ok(hydrated);
    // Interactive: a segment chosen filters the top users (a request of the page's own).
    await page.locator('#tab-segments').click();
    await page.locator('#segments segment-breakdown >> nth=0').locator('[part~="row"] >> nth=0').click();
    await page.waitForFunction(() => document.querySelector('#top-users')?.getAttribute('segment'));
    await page.waitForFunction(() => document.querySelector('#top-users')?.getAttribute('state') === 'ready');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('CMS example with the Gold server', () => {
  it('shows the three ways: tags, a server-rendered fragment taken over in place, an oEmbed iframe with its JSON; no style attribute, no inline script', async () => {
    const html = await (await fetch(`${server.url}/cms-embed/`)).text();
    assert.doesNotMatch(html, /\sstyle=/);
    assert.deepEqual([...html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*type="application\/json")[^>]*>/g)], []);
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, locale: 'en-US' });
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}/cms-embed/`);
    await page.waitForFunction(() => [...document.querySelectorAll('[state]')].length === 4 && [...document.querySelectorAll('[state]')].every((el) => el.hasUpdated && el.getAttribute('state') === 'ready'));
    // The fragment's chart: drawn by the server, taken over (its part markers kept).
    assert.ok(await page.$eval('revenue-trend', (el) => el.shadowRoot.innerHTML.includes('<!--lit-part')));
    assert.match(await page.locator('pre').textContent(), /"type": "rich"/);
    const frame = page.frameLocator('iframe');
    await frame.locator('segment-breakdown[state="ready"]').waitFor();
    assert.ok((await frame.locator('segment-breakdown [part~="row"]').count()) > 0);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
