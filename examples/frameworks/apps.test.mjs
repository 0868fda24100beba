// The framework examples, built from the packed packages by run.mjs, in headless Chromium: each
// app is the same Business KPIs page (examples/react, examples/vue, examples/svelte,
// examples/angular) and keeps the same page contract (#measure and #toggle buttons, #selected,
// the #log of events), so one suite checks them all: properties, `src`, events by click and
// keyboard, re-render, unmount/remount, tags defined after the first render, and React's server
// render + hydration.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../../scripts/chromium.mjs';
import { serveFolder } from '../../scripts/gold-files.mjs';

const apps = process.env.GOLDBOARD_APPS;
if (!apps) throw new Error('Run through examples/frameworks/run.mjs (`pnpm test:frameworks`): it packs, installs and builds the apps.');
const frameworks = process.env.FRAMEWORKS.split(',');
const gold = resolve('test/fixtures/gold');
const kpi = JSON.parse(readFileSync(join(gold, 'kpi_summary.json'), 'utf8'))[0];

let server;
let browser;
/** React's server-rendered page, made by the app's own server entry (dist-server). */
let ssrPage;

before(async () => {
  if (frameworks.includes('react')) {
    const { render } = await import(pathToFileURL(join(apps, 'react/dist-server/entry-server.js')).href);
    ssrPage = readFileSync(join(apps, 'react/dist/index.html'), 'utf8').replace('<!--app-->', render());
  }
  const handlers = [serveFolder('/gold/', gold), ...frameworks.map((f) => serveFolder(`/${f}/`, join(apps, f, 'dist')))];
  server = createServer((req, res) => {
    if (req.url.startsWith('/react/ssr.html')) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(ssrPage);
      return;
    }
    if (req.url.endsWith('/') || req.url.includes('/?')) req.url = req.url.replace(/\/(\?|$)/, '/index.html$1');
    let i = 0;
    const next = () => (handlers[i] ? handlers[i++](req, res, next) : ((res.statusCode = 404), res.end('Not found')));
    next();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r()));
});

const url = (path) => `http://127.0.0.1:${server.address().port}${path}`;

/** Opens a page, collecting console errors and uncaught exceptions. */
async function open(path) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url(path));
  return { page, problems };
}

/** Waits until `count` Goldboard elements are on the page and none is loading; their states. */
async function settled(page, count) {
  await page.waitForFunction(
    (n) => {
      const elements = document.querySelectorAll('kpi-card, revenue-trend, top-list');
      return elements.length === n && [...elements].every((el) => el.state && el.state !== 'loading');
    },
    count,
    { timeout: 15_000 },
  );
  return page.$$eval('kpi-card, revenue-trend, top-list', (els) => els.map((el) => `${el.localName}:${el.state}`));
}

const log = (page) => page.$$eval('#log li', (items) => items.map((li) => li.textContent.trim()));
/** The value shown by the kpi-card of `measure` (by property: a framework may set it so). */
const value = (page, measure) =>
  page.$$eval('kpi-card', (els, m) => els.find((el) => el.measure === m).shadowRoot.querySelector('[part~="value"]').textContent.trim(), measure);
const fmt = (page, n, options) => page.evaluate(([v, o]) => new Intl.NumberFormat('en-US', o).format(v), [n, options]);
const COMPACT_USD = { style: 'currency', currency: 'USD', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 };
const USD = { style: 'currency', currency: 'USD', maximumFractionDigits: 2 };
/** Six elements: three cards from `src`, one from `data`, the trend and the top products. */
const ELEMENTS = 6;

/** The page's checks, the same for every framework; `path` is where the app is served. */
function pageSuite(path) {
  it('draws every element from `src` and from the `data` property, and hears every ready', async () => {
    const { page, problems } = await open(path);
    const states = await settled(page, ELEMENTS);
    assert.deepEqual(states.filter((s) => !s.endsWith(':ready')), []);
    assert.equal(await value(page, 'revenue'), await fmt(page, kpi.revenue, COMPACT_USD));
    // Rows given as the `data` property (an object: never as the attribute "[object Object]").
    assert.equal(await value(page, 'avg_order_value'), await fmt(page, kpi.avg_order_value, USD));
    assert.equal(await page.$eval('#from-data', (el) => el.getAttribute('data')), null);
    await page.waitForFunction((n) => document.querySelectorAll('#log li').length >= n, ELEMENTS);
    const ready = (await log(page)).filter((line) => line.startsWith('ready')).sort();
    assert.deepEqual(ready, [
      'ready kpi-card kpi_summary',
      'ready kpi-card kpi_summary',
      'ready kpi-card kpi_summary',
      'ready kpi-card kpi_summary',
      'ready revenue-trend daily_metrics',
      'ready top-list top_products',
    ]);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('hears goldboard-select from a click and from the keyboard, with its detail', async () => {
    const { page, problems } = await open(path);
    await settled(page, ELEMENTS);
    await page.locator('top-list [part~="row"]').nth(1).click();
    await page.waitForFunction(() => document.querySelector('#selected').textContent.includes('2.'));
    assert.match(await page.$eval('#selected', (el) => el.textContent), /^Selected: 2\. /);
    await page.locator('top-list [part~="row"]').nth(2).focus();
    await page.keyboard.press('Enter');
    await page.locator('revenue-trend [part~="plot"]').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('#log li')].some((li) => li.textContent.includes('select day')));
    const selects = (await log(page)).filter((line) => line.startsWith('select'));
    assert.deepEqual(selects, ['select product 1001', 'select product 1002', 'select day 2019-10-01']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('passes a changed prop to the element, which draws again', async () => {
    const { page, problems } = await open(path);
    await settled(page, ELEMENTS);
    await page.click('#measure');
    await page.waitForFunction(() => document.querySelector('revenue-trend').measure === 'purchases');
    await settled(page, ELEMENTS);
    const text = await page.$eval('revenue-trend', (el) => el.shadowRoot.textContent);
    assert.match(text, /Purchases/);
    await page.waitForFunction(() => [...document.querySelectorAll('#log li')].filter((li) => li.textContent === 'ready revenue-trend daily_metrics').length === 2);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('unmounts and mounts the page again, with one listener per element', async () => {
    const { page, problems } = await open(path);
    await settled(page, ELEMENTS);
    await page.click('#toggle');
    await page.waitForFunction(() => !document.querySelector('kpi-card'));
    await page.click('#toggle');
    const states = await settled(page, ELEMENTS);
    assert.deepEqual(states.filter((s) => !s.endsWith(':ready')), []);
    await page.locator('top-list [part~="row"]').first().click();
    await page.waitForFunction(() => document.querySelector('#selected').textContent.includes('1.'));
    const lines = await log(page);
    assert.equal(lines.filter((line) => line === 'ready top-list top_products').length, 2);
    assert.deepEqual(lines.filter((line) => line.startsWith('select')), ['select product 1000']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  {
    it('takes properties and listeners set before the tags are defined', async () => {
      const { page, problems } = await open(`${path}${path.includes('?') ? '&' : '?'}late`);
      // The app defines the tags only after its first render.
      await page.waitForFunction(() => customElements.get('kpi-card'));
      await settled(page, ELEMENTS);
      assert.equal(await value(page, 'avg_order_value'), await fmt(page, kpi.avg_order_value, USD));
      await page.waitForFunction((n) => document.querySelectorAll('#log li').length >= n, ELEMENTS);
      assert.equal((await log(page)).filter((line) => line.startsWith('ready')).length, ELEMENTS);
      assert.equal(await page.evaluate(() => window.goldboardDefinedAfterRender), true, 'the tags were not defined at the first render');
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}

for (const framework of frameworks) {
  describe(`examples/${framework}`, () => {
    it('has the packed packages installed, no workspace links', () => {
      for (const name of ['core', 'elements']) {
        const entry = readdirSync(join(apps, 'node_modules/.pnpm')).find((d) => d.startsWith(`@goldboard+${name}@file+packs+`));
        assert.ok(entry, `@goldboard/${name} is installed from its tarball`);
        const manifest = readFileSync(join(apps, 'node_modules/.pnpm', entry, 'node_modules/@goldboard', name, 'package.json'), 'utf8');
        assert.doesNotMatch(manifest, /workspace:/);
      }
      const elements = realpathSync(join(apps, framework, 'node_modules/@goldboard/elements'));
      assert.ok(elements.startsWith(realpathSync(apps)), `the app's @goldboard/elements is the installed copy, not the repository's (${elements})`);
    });
    pageSuite(`/${framework}/`);
  });
}

if (frameworks.includes('react')) {
  describe('examples/react rendered on the server', () => {
    it('writes the elements with their attributes, then hydrates without a mismatch', async () => {
      assert.match(ssrPage, /<kpi-card src="\/gold\/kpi_summary.arrow" measure="revenue" format="compact-currency" trend="">/);
      assert.match(ssrPage, /<top-list [^>]*measure="revenue" limit="10"/);
      assert.doesNotMatch(ssrPage, /\[object Object\]|onReady|onSelect/);
    });
    pageSuite('/react/ssr.html');
  });
}
