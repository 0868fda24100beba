// Server-rendered elements in Chromium: they hydrate from the data sent with them (no request),
// without a layout shift or a CSP violation, and work (events, keyboard) once hydrated; with
// JavaScript off the page still shows the values. Needs `pnpm build` (dist/goldboard-hydrate.js).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error: a plain ESM helper without types
import { launchChromium } from '../../../scripts/chromium.mjs';
import { renderElement, renderPage } from '../src/index.js';
import { fixtureAdapter } from './fixtures.js';
import { startPageServer, type PageServer } from './page-server.js';

const TAGS = 'kpi-card, revenue-trend, segment-breakdown, top-list';
let server: PageServer;
let browser: Browser;

before(async () => {
  assert.ok(existsSync(new URL('../../elements/dist/goldboard-hydrate.js', import.meta.url)), 'dist/goldboard-hydrate.js is missing: run `pnpm build` first.');
  server = await startPageServer();
  const adapter = fixtureAdapter();
  const parts = await Promise.all([
    renderElement('kpi-card', { src: '/gold/kpi_summary.json', measure: 'revenue', trend: '' }, { adapter }),
    // Declared 480 px wide; the page gives it 700 px: laid out again once measured.
    renderElement('revenue-trend', { src: '/gold/daily_metrics.json', measure: 'revenue' }, { adapter, width: 480 }),
    renderElement('segment-breakdown', { src: '/gold/segment_summary.json' }, { adapter }),
    renderElement('top-list', { src: '/gold/top_products.json', 'dataset-name': 'top_products' }, { adapter }),
  ]);
  server.page('/all', parts.map((p) => p.html).join(''));
  const error = await renderElement('kpi-card', { src: '/gold/kpi_summary.json', measure: 'revenue', from: '2019-10-09', to: '2019-10-01' }, { adapter });
  server.page('/error', error.html);
  // A comparison loads the summary of another range too: sent beside the element's own.
  const compared = await renderElement('kpi-card', { src: '/gold/kpi_summary.json', measure: 'revenue', compare: 'previous', trend: '', from: '2019-10-08', to: '2019-10-14' }, { adapter });
  server.page('/compare', compared.html);
  // Exportable elements hydrating at different times: the list at once, the card once its comparison's code is in.
  const late = await Promise.all([
    renderElement('top-list', { src: '/gold/top_products.json', 'dataset-name': 'top_products', exportable: '' }, { adapter }),
    renderElement('kpi-card', { src: '/gold/kpi_summary.json', measure: 'revenue', compare: 'previous', from: '2019-10-08', to: '2019-10-14', exportable: '' }, { adapter }),
  ]);
  server.page('/late', late.map((p) => p.html).join(''));
  // The filters and insights of a source, with the range of the address (a date range with history).
  const filtered = await renderPage(
    `<goldboard-source name="shop" base="/gold/" file-format="json"></goldboard-source>
<goldboard-date-range source="shop" history></goldboard-date-range><goldboard-filter source="shop" segment></goldboard-filter>
<goldboard-insight source="shop" kind="business"></goldboard-insight><goldboard-insight source="shop" kind="recommendations"></goldboard-insight>`,
    { adapter, address: '?from=2019-10-08&to=2019-10-14' },
  );
  server.page('/filters', filtered.html);
  const bars = await Promise.all([
    renderElement('segment-breakdown', { src: '/gold/segment_summary.json' }, { adapter }),
    renderElement('top-list', { src: '/gold/top_users.json', 'dataset-name': 'top_users' }, { adapter }),
  ]);
  server.page('/bars', bars.map((p) => p.html).join(''));
  // Elements none of which is laid out again in the browser: nothing new to write once hydrated.
  const texts = await Promise.all([
    renderElement('kpi-card', { src: '/gold/kpi_summary.json', measure: 'revenue', trend: '' }, { adapter }),
    renderElement('kpi-card', { src: '/gold/kpi_summary.json', measure: 'conversion_rate' }, { adapter }),
    renderElement('segment-breakdown', { src: '/gold/segment_summary.json' }, { adapter }),
    renderElement('top-list', { src: '/gold/top_users.json', 'dataset-name': 'top_users' }, { adapter }),
  ]);
  server.page('/texts', texts.map((p) => p.html).join(''));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page recording errors, CSP violations and layout shifts from its start. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1600 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[]; shifts: number[]; ready: string[] };
    w.violations = [];
    w.shifts = [];
    w.ready = [];
    document.addEventListener('goldboard-ready', (e) => w.ready.push((e.target as Element).localName));
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.shifts.push((entry as PerformanceEntry & { value: number }).value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(server.url + path);
  return { page, errors };
}

/** Waits until every element has hydrated and settled, then two frames (a re-layout's time). */
async function settled(page: Page, state = 'ready'): Promise<void> {
  await page.waitForFunction(
    ([tags, s]) => [...document.querySelectorAll(tags!)].every((e) => (e as HTMLElement & { hasUpdated: boolean; state: string }).hasUpdated && (e as HTMLElement & { state: string }).state === s),
    [TAGS, state],
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

describe('hydration in Chromium', () => {
  it('every element takes over its server markup, with no request, no layout shift and no CSP violation', async () => {
    server.dataRequests.length = 0;
    const { page, errors } = await open('/all');
    await settled(page);
    assert.deepEqual(server.dataRequests, [], 'no data requested: drawn from the data sent with the page');
    // Hydrated, not drawn again: the shadow roots keep the server's part markers.
    const hydrated = await page.evaluate((tags) => [...document.querySelectorAll(tags)].map((e) => e.shadowRoot!.innerHTML.includes('<!--lit-part')), TAGS);
    assert.deepEqual(hydrated, [true, true, true, true]);
    assert.equal(await page.locator('kpi-card [part~="value"]').textContent(), '$1,234,567.89');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), []);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts), []);
    // Laid out again at its real width (700 px less the frame), not the declared 480.
    const widths = await page.evaluate(() => {
      const root = document.querySelector('revenue-trend')!.shadowRoot!;
      return [Number(root.querySelector('[part~="plot"] svg')!.getAttribute('width')), Math.round(root.querySelector('[part~="plot"]')!.getBoundingClientRect().width)];
    });
    assert.equal(widths[0], widths[1]);
    assert.notEqual(widths[0], 480);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('takes the markup over with the numbers and dates as the server wrote them, building no Intl formatter', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1600 } });
    // As text: a function would be compiled with helpers the page does not have.
    await page.addInitScript({
      content: `window.built = [];
for (const name of ['NumberFormat', 'DateTimeFormat']) {
  Intl[name] = new Proxy(Intl[name], { construct(target, args) { window.built.push(name + ' ' + JSON.stringify(args)); return Reflect.construct(target, args); } });
}`,
    });
    await page.goto(server.url + '/texts');
    await settled(page);
    assert.deepEqual(
      await page.$$eval('kpi-card [part~="value"]', (els) => els.map((e) => e.textContent)),
      ['$1,234,567.89', '5%'],
    );
    assert.match((await page.locator('kpi-card [part~="delta"]').textContent()) ?? '', /9\.7%/);
    assert.deepEqual(await page.evaluate(() => (window as unknown as { built: string[] }).built), []);
    // A value the server did not write is formatted in the browser.
    await page.evaluate(() => ((document.querySelector('kpi-card[measure="conversion_rate"]') as HTMLElement & { data: unknown }).data = [{ conversion_rate: 0.123 }]));
    await page.waitForFunction(() => document.querySelector('kpi-card[measure="conversion_rate"]')!.shadowRoot!.querySelector('[part~="value"]')?.textContent === '12.3%');
    assert.ok((await page.evaluate(() => (window as unknown as { built: string[] }).built)).length > 0);
    await page.close();
  });

  it('fires goldboard-ready once per element, and events and the keyboard work after hydration', async () => {
    const { page, errors } = await open('/all');
    await settled(page);
    await page.waitForFunction(() => (window as unknown as { ready: string[] }).ready.length >= 4);
    assert.deepEqual((await page.evaluate(() => (window as unknown as { ready: string[] }).ready)).sort(), ['kpi-card', 'revenue-trend', 'segment-breakdown', 'top-list']);
    const selected = page.evaluate(
      () => new Promise<string>((resolve) => document.addEventListener('goldboard-select', (e) => resolve((e as CustomEvent<{ segment: string }>).detail.segment), { once: true })),
    );
    await page.locator('segment-breakdown [part~="row"]').first().click();
    assert.equal(typeof (await selected), 'string');
    // The trend's plot: focus, then the arrow keys move the crosshair and say the value.
    await page.keyboard.press('Tab');
    await page.locator('revenue-trend [part~="plot"]').focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => /\$1,1\d\d\.\d\d/.test(document.querySelector('revenue-trend')!.shadowRoot!.querySelector('[part~="live"]')!.textContent ?? ''));
    assert.equal(await page.locator('revenue-trend [part~="crosshair"]').count(), 1);
    // Table toggle (a click handler bound at hydration).
    await page.locator('revenue-trend [part~="table-toggle"]').click();
    await page.locator('revenue-trend [part~="data-table"]').waitFor();
    assert.deepEqual(server.dataRequests, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('an element rendered in error shows the same error, and Retry loads from its source', async () => {
    server.dataRequests.length = 0;
    const { page, errors } = await open('/error');
    await settled(page, 'error');
    assert.match((await page.locator('kpi-card [part~="error"] p').textContent()) ?? '', /to \(2019-10-01\) is before from \(2019-10-09\)/);
    assert.deepEqual(server.dataRequests, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a card comparing two ranges hydrates from both, with no request', async () => {
    server.dataRequests.length = 0;
    const { page, errors } = await open('/compare');
    await settled(page);
    assert.equal(await page.locator('kpi-card').getAttribute('state'), 'ready');
    assert.match((await page.locator('kpi-card [part~="delta"]').textContent()) ?? '', /%/);
    assert.deepEqual(server.dataRequests, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('an exportable element that hydrates after another has shown its Export menu takes over its markup too', async () => {
    // The card's comparison code arrives late: the list is ready, and has loaded the menu, before the card hydrates.
    server.delayScripts(/^\/chunks\/compar/, 700);
    try {
      const { page, errors } = await open('/late');
      await page.locator('top-list [part~="export-menu"]').waitFor();
      await settled(page);
      await page.locator('kpi-card [part~="export-menu"]').waitFor();
      assert.deepEqual(await page.$$eval('top-list, kpi-card', (els) => els.map((e) => e.shadowRoot!.innerHTML.includes('<!--lit-part'))), [true, true]);
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      server.delayScripts();
    }
  });

  it('the date range, segment filter and insights take over their markup with no request, then follow a choice', async () => {
    server.dataRequests.length = 0;
    const { page, errors } = await open('/filters?from=2019-10-08&to=2019-10-14');
    const said = (kind: string) => page.$$eval(`goldboard-insight[kind="${kind}"] [part~="insight"]`, (items) => items.map((li) => li.textContent!.trim()));
    await page.waitForFunction(() => [...document.querySelectorAll('goldboard-insight')].every((e) => (e as HTMLElement & { hasUpdated: boolean }).hasUpdated && e.getAttribute('state') === 'ready'));
    await page.waitForFunction(() => [...document.querySelectorAll('goldboard-date-range, goldboard-filter')].every((e) => (e as HTMLElement & { hasUpdated: boolean }).hasUpdated));
    const hydrated = await page.$$eval('goldboard-date-range, goldboard-filter, goldboard-insight', (els) => els.map((e) => e.shadowRoot!.innerHTML.includes('<!--lit-part')));
    assert.deepEqual(hydrated, [true, true, true, true]);
    assert.deepEqual(server.dataRequests, [], 'no data requested: the choices and the insights came with the page');
    assert.equal(await page.$eval('goldboard-date-range [part~="preset"]', (el) => (el as HTMLSelectElement).selectedOptions[0]!.textContent), 'Last 7 days');
    assert.equal(await page.locator('goldboard-date-range [part~="summary"]').textContent(), 'Oct 8, 2019 – Oct 14, 2019');
    assert.equal(await page.$eval('goldboard-filter [part~="segment"]', (el) => (el as HTMLSelectElement).options.length), 4);
    assert.match((await said('business')).join(' | '), /peaked on Monday, October 14, 2019/);
    assert.equal((await said('recommendations')).length, 3);
    // Interactive: a segment chosen narrows the recommendations; a month chosen re-reads the insights' days.
    await page.selectOption('goldboard-filter [part~="segment"]', { label: 'Occasional Buyers' });
    await page.waitForFunction(() => document.querySelector('goldboard-insight[kind="recommendations"]')!.shadowRoot!.querySelectorAll('[part~="insight"]').length === 1);
    assert.match((await said('recommendations'))[0]!, /^Nudge the Occasional Buyers/);
    await page.locator('goldboard-filter [part~="clear"]').waitFor();
    await page.selectOption('goldboard-date-range [part~="preset"]', { label: 'Oct 2019' });
    await page.waitForFunction(() => /Oct 1, 2019 – Oct 14, 2019/.test(document.querySelector('goldboard-date-range')!.shadowRoot!.querySelector('[part~="summary"]')!.textContent ?? ''));
    await page.waitForFunction(() => /lowest on Tuesday, October 1, 2019/.test(document.querySelector('goldboard-insight')!.shadowRoot!.textContent ?? ''));
    assert.ok(server.dataRequests.length > 0, 'a new range is read from the source');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('with JavaScript off, the page shows every value', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/all`);
    assert.equal(await page.locator('kpi-card [part~="value"]').textContent(), '$1,234,567.89');
    assert.match((await page.locator('revenue-trend [part~="summary"]').textContent()) ?? '', /Peak Mon, Oct 14, 2019: \$1,160\.00/);
    assert.ok((await page.locator('segment-breakdown [part~="row"]').count()) > 0);
    assert.ok((await page.locator('top-list [part~="row"]').count()) > 0);
    // The filters' controls and the insights too.
    await page.goto(`${server.url}/filters?from=2019-10-08&to=2019-10-14`);
    assert.equal(await page.locator('goldboard-date-range [part~="summary"]').textContent(), 'Oct 8, 2019 – Oct 14, 2019');
    assert.equal(await page.locator('goldboard-date-range [part~="from"]').inputValue(), '2019-10-08');
    assert.equal(await page.locator('goldboard-filter [part~="segment"] option').count(), 4);
    assert.match((await page.locator('goldboard-insight[kind="business"] [part~="list"]').textContent()) ?? '', /peaked on Monday, October 14, 2019/);
    assert.equal(await page.locator('goldboard-insight[kind="recommendations"] [part~="insight"]').count(), 3);
    await context.close();
  });

  it('with JavaScript off, under the strict policy, bars are as long as their values and each segment has its colour', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 1600 } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => /Content.Security.Policy/i.test(m.text()) && violations.push(m.text()));
    await page.goto(`${server.url}/bars`);
    // Bar length by the value shown, for each list: every bar is value / largest value of its track.
    for (const tag of ['segment-breakdown', 'top-list']) {
      const bars = await page.locator(`${tag} [part~="row"]`).evaluateAll((rows) =>
        rows.map((row) => ({
          value: Number(row.querySelector('[part~="value"]')!.textContent!.trim().split(/\s/)[0]!.replace(/[^\d.-]/g, '')),
          bar: row.querySelector('[part~="bar"]')!.getBoundingClientRect().width,
          track: row.querySelector('.track')!.getBoundingClientRect().width,
        })),
      );
      assert.ok(bars.length >= 3, `${tag} has rows`);
      const most = Math.max(...bars.map((b) => b.value));
      for (const { value, bar, track } of bars) {
        assert.ok(track > 100, `${tag}'s track is laid out`);
        assert.ok(Math.abs(bar - (track * value) / most) < 1, `${tag}: a bar of ${bar}px for ${value} (largest ${most}, track ${track}px)`);
      }
    }
    // Each segment its own colour, drawn; the top list's bars the accent colour.
    const fills = await page.locator('segment-breakdown [part~="bar"]').evaluateAll((bars) => bars.map((b) => getComputedStyle(b).fill));
    assert.equal(new Set(fills).size, fills.length);
    for (const fill of fills) assert.match(fill, /^rgb\(/);
    const top = await page.locator('top-list [part~="bar"]').evaluateAll((bars) => bars.map((b) => getComputedStyle(b).fill));
    assert.equal(new Set(top).size, 1);
    assert.notEqual(top[0], 'rgb(0, 0, 0)');
    assert.deepEqual(violations, []);
    await context.close();
  });
});
