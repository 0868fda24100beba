// End to end: the reference dashboard rendered on the server (as `pnpm start` serves it) over
// the Gold server's data. With JavaScript off both pages show every KPI, chart and insight;
// with it on, every element takes over the server's markup in place and is interactive.
// Run by README's test command after `pnpm build` (`pnpm test:e2e`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, utimesSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite } from './site.mjs';
import { TREND_WIDTH } from '../../../scripts/rendered-pages.mjs';

let server;
let browser;

let site;
before(async () => {
  site = await startSite({ render: true });
  ({ server, browser } = site);
});

after(() => site?.close());


const ELEMENTS = 'kpi-card, revenue-trend, top-list, segment-breakdown, goldboard-insight';
const FILTERS = 'goldboard-date-range, goldboard-filter';

describe('reference dashboard rendered on the server', () => {
  it('with JavaScript off shows both pages: every KPI, chart and insight, the date range and the segment filter', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/dashboard/`);
    const states = await page.$$eval(ELEMENTS, (els) => els.map((el) => el.getAttribute('state')));
    assert.deepEqual(states, Array(16).fill('ready'));
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
    // The insights: <goldboard-insight> drawn by the server, its sentences in its shadow root.
    const kinds = {};
    for (const list of ['#business-insights', '#segment-insights', '#recommendations']) {
      const items = page.locator(`${list} [part~="insight"]`);
      const texts = await items.allTextContents();
      assert.ok(texts.length > 0, `${list} has insights`);
      assert.ok(texts.every((t) => t.trim().length > 20 && !/Nothing to report|unavailable/.test(t)), texts.join(' | '));
      kinds[list] = await items.evaluateAll((els) => els.map((el) => el.dataset.insight));
    }
    assert.deepEqual(kinds['#recommendations'], ['high-value', 'browsers', 'occasional']);
    assert.ok(kinds['#business-insights'].includes('peak-low') && kinds['#segment-insights'].includes('concentration'), JSON.stringify(kinds));
    // The date range and the segment filter: their controls, with the whole period and every segment.
    assert.match(await page.locator('#range [part~="summary"]').textContent(), /^All days: \w{3} \d+, \d{4} – \w{3} \d+, \d{4}$/);
    assert.ok((await page.locator('#range [part~="preset"] option').count()) > 3);
    assert.deepEqual(await page.locator('#segment-filter [part~="segment"] option').allTextContents(), ['All segments', 'High-Value Loyal Customers', 'Occasional Buyers', 'Browsers / Non-Converters']);
    await context.close();
  });

  it('draws the trend at the width the page gives it at its widest, so that wide screens do not lay it out again', async () => {
    for (const width of [1440, 1920]) {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/dashboard/`);
      const declared = JSON.parse(await page.locator('revenue-trend script[data-goldboard-snapshot]').textContent()).size;
      assert.deepEqual(declared, [TREND_WIDTH, 240]);
      const plot = await page.locator('revenue-trend [part~="plot"]').boundingBox();
      assert.equal(Math.round(plot.width), TREND_WIDTH, `at ${width} px the plot is as wide as drawn (TREND_WIDTH in scripts/rendered-pages.mjs follows dashboard.css)`);
      await context.close();
    }
  });

  it("with JavaScript off, the address's range is shown by the date range and every element of the source, the insights too", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/dashboard/?from=2019-11-01&to=2019-11-30`);
    assert.equal(await page.locator('#range [part~="summary"]').textContent(), 'Nov 1, 2019 – Nov 30, 2019');
    assert.equal(await page.locator('#range [part~="from"]').inputValue(), '2019-11-01');
    assert.equal(await page.locator('#range [part~="preset"] option[selected]').textContent(), 'Nov 2019');
    // The trend draws November only; the insights speak of it.
    const snapshot = JSON.parse(await page.locator('revenue-trend script[data-goldboard-snapshot]').textContent());
    assert.equal(snapshot.key, JSON.stringify(['daily_metrics', '2019-11-01', '2019-11-30', '', null]));
    assert.equal(await page.locator('revenue-trend').getAttribute('from'), null, "the range is the source's, not written on the element");
    assert.match(await page.locator('#business-insights [data-insight="peak-low"]').textContent(), /peaked on \w+, November \d+, 2019/);
    assert.match(await page.locator('#business-insights [data-insight="movers"]').textContent(), /Oct 2, 2019 – Oct 31, 2019/);
    await context.close();
  });

  it('with JavaScript on, every element takes over its markup in place and responds', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}/dashboard/`);
    await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((el) => el.hasUpdated && el.getAttribute('state') === 'ready'), ELEMENTS);
    await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((el) => el.hasUpdated), FILTERS);
    // Hydrated, not drawn again: the server's part markers are still in every shadow root.
    const hydrated = await page.$$eval(`${ELEMENTS}, ${FILTERS}`, (els) => els.map((el) => el.shadowRoot.innerHTML.includes('<!--lit-part')));
    assert.deepEqual(hydrated, Array(18).fill(true));
    // Interactive: a segment chosen filters the top users (a request of the page's own).
    await page.locator('#tab-segments').click();
    await page.locator('#segments segment-breakdown >> nth=0').locator('[part~="row"] >> nth=0').click();
    await page.waitForFunction(() => document.querySelector('#top-users')?.filter.segment);
    await page.waitForFunction(() => document.querySelector('#top-users')?.getAttribute('state') === 'ready');
    assert.equal(await page.$eval('#segment-filter', (el) => el.value), await page.$eval('#top-users', (el) => el.filter.segment));
    // A range chosen in the date range: the elements of the source and the insights follow.
    await page.selectOption('#range [part~="preset"]', { label: 'Nov 2019' });
    await page.waitForFunction(() => document.querySelector('kpi-card').filter.from === '2019-11-01' && document.querySelector('kpi-card').getAttribute('state') === 'ready');
    await page.waitForFunction(() => /peaked on \w+, November/.test(document.querySelector('#business-insights').shadowRoot.textContent));
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('reference dashboard rendered on the server, its first frame', () => {
  it('shows the first page whole, even when the rest of the page is slow to come, and nothing moves when the elements take it over', async () => {
    // The page as a slow network brings it: up to the second page at once, the rest 300 ms later.
    const slow = createServer(async (req, res) => {
      const upstream = await fetch(`${server.url}${req.url}`);
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, Object.fromEntries(['content-type', 'content-security-policy'].flatMap((h) => (upstream.headers.has(h) ? [[h, upstream.headers.get(h)]] : []))));
      if (new URL(req.url, 'http://localhost').pathname !== '/dashboard/') return void res.end(body);
      const text = body.toString('utf8');
      const at = text.indexOf('<section class="page" id="segments"');
      assert.ok(at > 0, 'the second page is in the rendered page');
      res.write(text.slice(0, at));
      setTimeout(() => res.end(text.slice(at)), 300);
    });
    await new Promise((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    try {
      await page.addInitScript(() => {
        window.shifts = [];
        new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((e) => e.value))).observe({ type: 'layout-shift', buffered: true });
        // The first animation frame comes just before the first paint: what is parsed by then is what it shows.
        requestAnimationFrame(() => {
          window.atFirstFrame = { firstPageWhole: document.getElementById('segments') !== null, defined: !!customElements.get('kpi-card') };
        });
      });
      await page.goto(`http://127.0.0.1:${slow.address().port}/dashboard/`);
      await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((el) => el.hasUpdated && el.getAttribute('state') === 'ready'), ELEMENTS);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      // Painted whole, before the dashboard's code took the elements over.
      assert.deepEqual(await page.evaluate(() => window.atFirstFrame), { firstPageWhole: true, defined: false });
      assert.deepEqual(await page.evaluate(() => window.shifts), []);
    } finally {
      await page.close();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});

describe('reference dashboard rendered on the server, with a range in the address', () => {
  it('every element takes over the range it was drawn for, with no request for data or its decoder', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const problems = [];
    const requests = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    // No data, and not the Arrow decoder either (nothing to decode until a new range is asked for).
    page.on('request', (r) => /^\/v1\/|\/arrow-decode-/.test(new URL(r.url()).pathname) && requests.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}/dashboard/?from=2019-11-01&to=2019-11-30`);
    await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((el) => el.hasUpdated && el.getAttribute('state') === 'ready'), ELEMENTS);
    await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((el) => el.hasUpdated), FILTERS);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    assert.deepEqual(await page.$$eval(ELEMENTS, (els) => [...new Set(els.map((el) => `${el.filter.from}/${el.filter.to}`))]), ['2019-11-01/2019-11-30']);
    assert.equal(await page.$eval('#range [part~="preset"]', (el) => el.selectedOptions[0].textContent), 'Nov 2019');
    assert.deepEqual(requests, []);
    // The name filtered on is the decoder's: the static page (built beside) preloads it by that name.
    assert.match(readFileSync('examples/dist/dashboard/index.html', 'utf8'), /<link rel="modulepreload"[^>]*\/arrow-decode-[^"]*\.js"/);
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
    // Three cards, the source's trend, two insight lists, donut and top customers (tags); the fragment's trend.
    await page.waitForFunction(() => [...document.querySelectorAll('[state]')].length === 9 && [...document.querySelectorAll('[state]')].every((el) => el.hasUpdated && el.getAttribute('state') === 'ready'));
    // The fragment's chart: drawn by the server, taken over (its part markers kept).
    assert.ok(await page.$eval('[aria-labelledby="way-fragment"] revenue-trend', (el) => el.shadowRoot.innerHTML.includes('<!--lit-part')));
    assert.match(await page.locator('pre').textContent(), /"type": "rich"/);
    const frame = page.frameLocator('iframe');
    await frame.locator('segment-breakdown[state="ready"]').waitFor();
    assert.ok((await frame.locator('segment-breakdown [part~="row"]').count()) > 0);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('reference dashboard rendered on the server, kept for the next visit', () => {
  let gold;
  let kept;
  before(async () => {
    // A Gold folder of its own: its manifest is touched, as a rebuild replaces it.
    gold = mkdtempSync(join(tmpdir(), 'goldboard-kept-'));
    cpSync(realpathSync('gold-sample'), gold, { recursive: true });
    // Kept two seconds at most here (a minute by default), so that the test sees one expire.
    kept = await startSite({ gold, render: { maxAgeMs: 2000 } });
  });
  after(async () => {
    await kept?.close();
    rmSync(gold, { recursive: true, force: true });
  });

  const get = async (path, headers = {}) => {
    const response = await fetch(`${kept.server.url}${path}`, { headers });
    return { timing: response.headers.get('server-timing') ?? '', csp: response.headers.get('content-security-policy'), html: await response.text() };
  };

  it('serves an address rendered before while the Gold is the same, renders anew after a rebuild, past its age, on no-cache, and when an element failed', async () => {
    const first = await get('/dashboard/?from=2019-10-01&to=2019-10-31');
    assert.match(first.timing, /^render;dur=/);
    assert.match(first.html, /state="ready"/);
    const again = await get('/dashboard/?from=2019-10-01&to=2019-10-31');
    assert.equal(again.timing, 'cache;desc=hit');
    assert.equal(again.html, first.html);
    assert.equal(again.csp, first.csp);
    // Another address is another page.
    const other = await get('/dashboard/?from=2019-11-01&to=2019-11-30');
    assert.match(other.timing, /^render;dur=/);
    assert.notEqual(other.html, first.html);
    assert.match((await get('/dashboard/?from=2019-10-01&to=2019-10-31', { 'cache-control': 'no-cache' })).timing, /^render;dur=/);
    // A rebuild replaces the manifest: the server sees a new generation (it looks once a second), the page is rendered anew.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(gold, 'manifest.json'), later, later);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const rebuilt = await get('/dashboard/?from=2019-10-01&to=2019-10-31');
    assert.match(rebuilt.timing, /^render;dur=/);
    // The same data, drawn the same (the data sent with an element lists its tables in the order they arrived).
    const drawn = (html) => html.replace(/<script type="application\/json" data-goldboard-snapshot>[^<]*<\/script>/g, '');
    assert.ok(drawn(rebuilt.html) === drawn(first.html), 'the same data, drawn the same');
    assert.equal((await get('/dashboard/?from=2019-10-01&to=2019-10-31')).timing, 'cache;desc=hit');
    // Past its age, a kept page is rendered anew (a Gold whose changes the server cannot see is read again).
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    assert.match((await get('/dashboard/?from=2019-10-01&to=2019-10-31')).timing, /^render;dur=/);
    // A page with an element in error (its data could not be read) is not kept: the next visit tries again.
    rmSync(join(gold, 'silver'), { recursive: true, force: true });
    const failed = await get('/dashboard/?from=2019-12-01&to=2019-12-31');
    assert.match(failed.html, / state="error"/);
    assert.match((await get('/dashboard/?from=2019-12-01&to=2019-12-31')).timing, /^render;dur=/);
  });
});
