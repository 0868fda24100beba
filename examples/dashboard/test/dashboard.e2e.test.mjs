// End to end: the built reference dashboard and the CMS page in headless Chromium, against the
// sample Gold. Run by README's test command after `pnpm build` (`pnpm test:e2e`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSite } from './site.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tableFromIPC } from 'apache-arrow';
import { isoDay } from '@goldboard/core';

const require = createRequire(import.meta.url);
const GOLD = 'gold-sample';

/** The rows of a Gold file, as plain numbers and strings. */
function goldRows(dataset) {
  const table = tableFromIPC(readFileSync(`${GOLD}/${dataset}.arrow`));
  return table.toArray().map((row) => Object.fromEntries(Object.entries(row.toJSON()).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

// Expected texts are formatted by the page's own Intl (the browser's ICU, not Node's).
const COMPACT_USD = { style: 'currency', currency: 'USD', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 };
const COMPACT = { notation: 'compact', maximumFractionDigits: 1 };
const USD = { style: 'currency', currency: 'USD', maximumFractionDigits: 2 };
const PERCENT = { style: 'percent', maximumFractionDigits: 1 };
const fmt = (page, value, options) => page.evaluate(([v, o]) => new Intl.NumberFormat('en-US', o).format(v), [value, options]);

let server;
let browser;

let site;
before(async () => {
  assert.ok(existsSync(`${GOLD}/kpi_summary.arrow`), 'No sample Gold: run `pnpm sample` first.');
  // The Gold server over the same folder, behind /v1 (pages opened with ?server=/ use it).
  site = await startSite({ gold: GOLD });
  ({ server, browser } = site);
});

after(() => site?.close());


/** Opens a page, collecting console errors and uncaught exceptions. */
async function open(path, colorScheme = 'light') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US', colorScheme });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}${path}`);
  return { page, problems };
}

/** Waits until every Goldboard element on the page has settled, and returns their states. */
async function settled(page) {
  await page.waitForFunction(
    () => {
      // The lazily loaded elements (filters, insights) are defined first, then every element settles.
      if (document.querySelector(':not(:defined)')) return false;
      const elements = [...document.querySelectorAll('[state]')];
      return elements.length > 0 && elements.every((el) => el.getAttribute('state') !== 'loading');
    },
    null,
    { timeout: 15_000 },
  );
  return page.$$eval('[state]', (els) => els.map((el) => `${el.localName}:${el.getAttribute('state')}`));
}

// The date range's controls, in its shadow root (Playwright's CSS selectors pierce it).
const FROM = '#range [part~="from"]';
const TO = '#range [part~="to"]';
const APPLY = '#range [part~="apply"]';
const PRESET = '#range [part~="preset"]';

const shadowText = (page, selector, part) =>
  page.$eval(selector, (el, p) => el.shadowRoot.querySelector(`[part~="${p}"]`)?.textContent.trim(), part);

async function axe(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.length}`));
  return result;
}

describe('reference dashboard', () => {
  it('brings every element of both pages to ready, without console errors', async () => {
    const { page, problems } = await open('/dashboard/');
    const states = await settled(page);
    assert.equal(states.length, 16, 'five cards, the trend, two top lists, five segment charts and three insight lists');
    assert.deepEqual(states.filter((s) => !s.endsWith(':ready')), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows the numbers of the Gold files', async () => {
    const [kpi] = goldRows('kpi_summary');
    const { page } = await open('/dashboard/');
    await settled(page);
    assert.equal(await shadowText(page, 'kpi-card[measure="revenue"]', 'value'), await fmt(page, kpi.revenue, COMPACT_USD));
    assert.equal(await shadowText(page, 'kpi-card[measure="purchases"]', 'value'), await fmt(page, kpi.purchases, COMPACT));
    assert.equal(await shadowText(page, 'kpi-card[measure="events"]', 'value'), await fmt(page, kpi.events, COMPACT));
    assert.equal(await shadowText(page, 'kpi-card[measure="avg_order_value"]', 'value'), await fmt(page, kpi.avg_order_value, USD));
    // The exported CSV of the top products equals the Gold file's first ten rows.
    const products = goldRows('top_products').slice(0, 10);
    const csv = await page.$eval('top-list[dataset-name="top_products"]', (el) => el.toCSV());
    const lines = csv.trim().split(/\r\n/);
    const header = lines[0].split(',');
    assert.equal(lines.length, 11);
    lines.slice(1).forEach((line, i) => {
      const cells = Object.fromEntries(line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c, j) => [header[j], c]));
      assert.equal(Number(cells.rank), products[i].rank);
      assert.equal(Number(cells.product_id), products[i].product_id);
      assert.equal(Number(cells.revenue), products[i].revenue);
    });
    await page.close();
  });

  it('writes the insights from the data', async () => {
    const segments = goldRows('segment_summary');
    const { page } = await open('/dashboard/#segments');
    await settled(page);
    await page.waitForSelector('#segment-insights [part~="insight"]');
    const text = await page.$eval('#segment-insights', (el) => el.shadowRoot.textContent);
    const high = segments.find((s) => s.segment === 'High-Value Loyal Customers');
    const expected = `${await fmt(page, high.user_share, PERCENT)} of users but bring ${await fmt(page, high.revenue_share, PERCENT)} of revenue`;
    assert.ok(text.includes(expected), text);
    await page.close();
  });

  it('filters the top users by the segment chosen on the segmentation page', async () => {
    const { page } = await open('/dashboard/#segments');
    await settled(page);
    const users = goldRows('top_users');
    // The static Gold file holds the first 100 buyers overall: a segment among them.
    const label = 'High-Value Loyal Customers';
    // Choose the segment by keyboard: focus its bar and press Enter.
    const chosen = await page.$eval(
      'segment-breakdown[measure="users"]',
      (el, segment) => {
        const mark = [...el.shadowRoot.querySelectorAll('button[part~="row"]')].find((m) => m.textContent.includes(segment));
        if (!mark) return false;
        mark.focus();
        return true;
      },
      label,
    );
    assert.ok(chosen, 'the segment bar is focusable');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#business');
    // The segment filter follows the chart's choice, and the list of its source follows the filter.
    await page.waitForFunction(() => document.querySelector('#top-users').filter.segment !== undefined);
    await settled(page);
    assert.equal(await page.$eval('#segment-filter', (el) => el.value), label);
    assert.equal(await page.$eval('#segment-filter', (el) => el.shadowRoot.querySelector('select').selectedOptions[0].textContent), label);
    const csv = await page.$eval('#top-users', (el) => el.toCSV());
    const expected = users.filter((u) => u.segment === label).slice(0, 10).map((u) => String(u.user_id));
    const shown = csv.trim().split(/\r\n/).slice(1).map((line) => line.split(',')[1]);
    assert.equal(shown.length, 10);
    assert.deepEqual(shown, expected);
    // Every segment chart shows the choice (its bar pressed); the filter line has the focus, in view.
    const pressedIn = () =>
      page.$$eval('segment-breakdown', (charts) =>
        charts.map((c) => [...c.shadowRoot.querySelectorAll('[part~="row"][aria-pressed="true"]')].map((row) => row.textContent.replace(/\s+/g, ' ').trim())),
      );
    const pressed = await pressedIn();
    assert.equal(pressed.length, 5);
    for (const rows of pressed) assert.ok(rows.length === 1 && rows[0].startsWith(label), rows.join());
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'segment-filter');
    assert.ok(await page.$eval('#segment-filter', (el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }));
    // Show all segments: the filter and every chart's choice are cleared, the focus on the filter's menu.
    await page.click('#segment-filter [part~="clear"]');
    await settled(page);
    assert.equal(await page.$eval('#top-users', (el) => el.filter.segment), undefined);
    assert.equal((await page.$eval('#top-users', (el) => el.toCSV())).trim().split(/\r\n/).length, 11, 'every segment\'s top ten again');
    assert.deepEqual((await pressedIn()).flat(), []);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'segment-filter');
    assert.equal(await page.$eval('#segment-filter', (el) => el.shadowRoot.activeElement?.localName), 'select');
    await page.close();
  });

  it('recovers from a backwards range in the form, and Back returns to the range before', async () => {
    const { page, problems } = await open('/dashboard/');
    await settled(page);
    await page.fill(FROM, '2020-02-10');
    await page.fill(TO, '2020-01-10');
    await page.click(APPLY);
    assert.equal(await page.$eval(TO, (el) => el.validationMessage), 'The last day comes before the first.');
    await page.fill(TO, '2020-02-20');
    await page.click(APPLY);
    // Every element of the source follows the range (the trend draws its days, the cards ask for them).
    await page.waitForFunction(() => document.querySelector('revenue-trend').filter.to === '2020-02-20');
    assert.deepEqual(await page.$$eval('[source="gold"][state]', (els) => [...new Set(els.map((el) => `${el.filter.from}/${el.filter.to}`))]), ['2020-02-10/2020-02-20']);
    assert.equal(await page.$eval(PRESET, (el) => el.selectedOptions[0].textContent), 'Chosen days');
    assert.equal(new URL(page.url()).searchParams.get('to'), '2020-02-20');
    await page.selectOption(PRESET, { label: 'Nov 2019' });
    await page.waitForFunction(() => document.querySelector('revenue-trend').filter.from === '2019-11-01');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('revenue-trend').filter.from === '2020-02-10');
    assert.equal(await page.$eval(FROM, (el) => el.value), '2020-02-10');
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('revenue-trend').filter.from === undefined);
    assert.equal(await page.$eval(PRESET, (el) => el.value), '');
    // The pages are history entries too: Back from the second page shows the first again.
    await page.click('#tab-segments');
    await page.waitForFunction(() => !document.querySelector('#segments').hidden);
    await page.goBack();
    await page.waitForFunction(() => !document.querySelector('#business').hidden);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('says a bad range in the address and shows every day; the skip link keeps the page', async () => {
    const { page, problems } = await open('/dashboard/?from=2020-02-10&to=2020-01-10#segments');
    const states = await settled(page);
    assert.ok(states.every((s) => s.endsWith(':ready')), states.join());
    assert.match(await page.$eval('#range [part~="error"]', (el) => el.textContent), /ends \(2020-01-10\) before it starts \(2020-02-10\)/);
    assert.equal(await page.$eval('revenue-trend', (el) => el.filter.from), undefined);
    // The skip link shows itself when focused; following it must not change the page.
    await page.focus('.skip');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#main');
    assert.equal(await page.$eval('#segments', (el) => el.hidden), false);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('fits a phone’s width: no sideways scrolling on either page', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, locale: 'en-US' });
    for (const hash of ['#business', '#segments']) {
      await page.goto(`${server.url}/dashboard/${hash}`);
      await settled(page);
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.equal(scroll, client, hash);
    }
    await page.close();
  });

  it('has no axe violations on either page, light or dark', async () => {
    for (const scheme of ['light', 'dark']) {
      for (const hash of ['#business', '#segments']) {
        const { page } = await open(`/dashboard/${hash}`, scheme);
        await settled(page);
        assert.deepEqual(await axe(page), [], `${scheme} ${hash}`);
        await page.close();
      }
    }
  });

  it('prints both pages, without the controls', async () => {
    const { page } = await open('/dashboard/');
    await settled(page);
    // The Export menus come with their own chunk, once the elements are ready.
    await page.waitForFunction(() => document.querySelector('kpi-card').shadowRoot.querySelector('.export-menu'));
    await page.emulateMedia({ media: 'print' });
    const visible = await page.evaluate(() => ({
      segments: getComputedStyle(document.querySelector('#segments')).display !== 'none',
      controls: getComputedStyle(document.querySelector('.controls')).display !== 'none',
      exportMenu: getComputedStyle(document.querySelector('kpi-card').shadowRoot.querySelector('.export-menu')).display !== 'none',
      topProducts: [...document.querySelector('top-list').shadowRoot.querySelectorAll('[part~="row"]')].filter((row) => row.getBoundingClientRect().height > 0).length,
    }));
    assert.deepEqual(visible, { segments: true, controls: false, exportMenu: false, topProducts: 10 });
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    assert.ok(pdf.length > 10_000 && pdf.subarray(0, 4).toString() === '%PDF');
    await page.close();
  });
});

describe('reference dashboard on the Gold server', () => {
  const sum = (rows, from, to, column) => rows.filter((r) => r.event_date >= Date.parse(from) && r.event_date <= Date.parse(to)).reduce((a, r) => a + r[column], 0);

  it('changes the KPIs to the values of the chosen range', async () => {
    const daily = goldRows('daily_metrics');
    const { page, problems } = await open('/dashboard/?server=/');
    await settled(page);
    const [kpi] = goldRows('kpi_summary');
    assert.equal(await shadowText(page, 'kpi-card[measure="revenue"]', 'value'), await fmt(page, kpi.revenue, COMPACT_USD));
    // November 2019 through the form, as a person would.
    await page.fill(FROM, '2019-11-01');
    await page.fill(TO, '2019-11-30');
    await page.click(APPLY);
    await page.waitForFunction(() => document.querySelector('kpi-card[measure="revenue"]').filter.from === '2019-11-01');
    await settled(page);
    // Revenue, purchases and events are sums over days: the daily Gold file gives the range's exact values.
    assert.equal(await shadowText(page, 'kpi-card[measure="revenue"]', 'value'), await fmt(page, sum(daily, '2019-11-01', '2019-11-30', 'revenue'), COMPACT_USD));
    assert.equal(await shadowText(page, 'kpi-card[measure="purchases"]', 'value'), await fmt(page, sum(daily, '2019-11-01', '2019-11-30', 'purchases'), COMPACT));
    assert.equal(await shadowText(page, 'kpi-card[measure="events"]', 'value'), await fmt(page, sum(daily, '2019-11-01', '2019-11-30', 'events'), COMPACT));
    assert.notEqual(await shadowText(page, 'kpi-card[measure="revenue"]', 'value'), await fmt(page, kpi.revenue, COMPACT_USD));
    assert.match(await page.$eval('#range [part~="summary"]', (el) => el.textContent), /Nov 1, 2019 – Nov 30, 2019/);
    // The insights follow the range too: the peak day lies in November.
    await page.waitForFunction(() => /peaked on \w+, November/.test(document.querySelector('#business-insights').shadowRoot.textContent));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('filters the top users by segment on the server, also for a segment outside the Gold top 100', async () => {
    const label = 'Occasional Buyers';
    assert.ok(!goldRows('top_users').some((u) => u.segment === label), 'the sample keeps this segment out of the Gold top 100');
    // The server ranks the segment's buyers from the events: the same as for a range of every day.
    const [kpi] = goldRows('kpi_summary');
    const users = await (await fetch(`${server.url}/v1/datasets/top_users?limit=10&from=${isoDay(kpi.first_date)}&to=${isoDay(kpi.last_date)}&segment=${encodeURIComponent(label)}`, { headers: { Accept: 'application/json' } })).json();
    assert.equal(users.length, 10);
    // Checked against the model's own table too: each of them in the segment, ranked by spend.
    const segmentOf = new Map(goldRows('user_segments').map((u) => [u.user_id, u.segment]));
    for (const u of users) assert.equal(segmentOf.get(u.user_id), label, String(u.user_id));
    for (let i = 1; i < users.length; i++) assert.ok(users[i - 1].spend >= users[i].spend);
    const { page } = await open('/dashboard/?server=/#segments');
    await settled(page);
    await page.$eval(
      'segment-breakdown[measure="users"]',
      (el, segment) => [...el.shadowRoot.querySelectorAll('button[part~="row"]')].find((m) => m.textContent.includes(segment)).click(),
      label,
    );
    await page.waitForFunction(() => document.querySelector('#top-users').filter.segment !== undefined);
    await settled(page);
    const shown = (await page.$eval('#top-users', (el) => el.toCSV())).trim().split(/\r\n/).slice(1).map((line) => line.split(',')[1]);
    assert.deepEqual(shown, users.filter((u) => u.segment === label).slice(0, 10).map((u) => String(u.user_id)));
    await page.close();
  });
});

describe('CMS embed page', () => {
  it('renders its cards from one script tag and attributes', async () => {
    const [kpi] = goldRows('kpi_summary');
    const { page, problems } = await open('/cms-embed/');
    const states = await settled(page);
    assert.ok(states.length >= 3);
    assert.deepEqual(states.filter((s) => !s.endsWith(':ready')), []);
    assert.equal(await shadowText(page, 'kpi-card[measure="revenue"]', 'value'), await fmt(page, kpi.revenue, USD));
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('filters by a date range and a segment chosen on a chart, and tells insights, from attributes only', async () => {
    const { page, problems } = await open('/cms-embed/');
    await settled(page);
    // November from the date range's Period menu: the trend of its source and the insights follow, the address keeps it.
    await page.selectOption('goldboard-date-range [part~="preset"]', { label: 'Nov 2019' });
    await page.waitForFunction(() => document.querySelector('revenue-trend').filter.from === '2019-11-01');
    await settled(page);
    const [first, last] = await page.$eval('revenue-trend', (el) => el.domains.x);
    assert.ok(first >= Date.parse('2019-11-01') && last <= Date.parse('2019-11-30'), `${first}–${last}`);
    assert.equal(new URL(page.url()).searchParams.get('from'), '2019-11-01');
    await page.waitForFunction(() => /peaked on \w+, November/.test(document.querySelector('goldboard-insight').shadowRoot.textContent));
    // A segment chosen on the donut (the filter follows it): the customers and the recommendations follow.
    const label = 'High-Value Loyal Customers';
    await page.$eval('segment-breakdown', (el, segment) => [...el.shadowRoot.querySelectorAll('button[part~="row"]')].find((m) => m.textContent.includes(segment)).click(), label);
    await page.waitForFunction((segment) => document.querySelector('top-list').filter.segment === segment, label);
    await settled(page);
    const shown = (await page.$eval('top-list', (el) => el.toCSV())).trim().split(/\r\n/).slice(1).map((line) => line.split(',')[1]);
    assert.deepEqual(shown, goldRows('top_users').filter((u) => u.segment === label).slice(0, 5).map((u) => String(u.user_id)));
    await page.waitForFunction(() => {
      const said = [...document.querySelectorAll('goldboard-insight')[1].shadowRoot.querySelectorAll('[part~="insight"]')];
      return said.length === 1 && said[0].dataset.insight === 'high-value';
    });
    assert.equal(new URL(page.url()).searchParams.get('segment'), label);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
