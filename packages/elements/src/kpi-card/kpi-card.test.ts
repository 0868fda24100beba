import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import * as arrow from 'apache-arrow';
import { createRowsAdapter, registerSource, unregisterSource } from '@goldboard/core';
import { GoldElement } from '../base/gold-element.js';
import '../source/goldboard-source.js';
import './kpi-card.js';
import type { KpiCard } from './kpi-card.component.js';
import { expectNothingThrownIntoThePage, GOLD, part, runGoldElementConformance, serverHits, text, uniqueKey, waitForState, exportMenu } from '@goldboard/test-helpers';

runGoldElementConformance('kpi-card', { file: 'kpi_summary.arrow', rows: () => [{ revenue: 10, purchases: 2 }], column: 'revenue', attributes: { measure: 'revenue' } });

describe('<kpi-card>', () => {
  expectNothingThrownIntoThePage();

  it('shows the revenue from an Arrow file, formatted as currency', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow" measure="revenue" format="currency"></kpi-card>`);
    await waitForState(el, 'ready');
    expect(el.getAttribute('state')).to.equal('ready');
    expect(text(el, 'label')).to.equal('Total Revenue');
    expect(text(el, 'value')).to.equal('$1,234,567.89');
  });

  it('reads JSON too and picks a format from the measure', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.json" measure="conversion_rate" locale="en-US"></kpi-card>`);
    await waitForState(el, 'ready');
    expect(text(el, 'value')).to.equal('5%');
    expect(text(el, 'label')).to.equal('Conversion Rate');
  });

  it('honours locale and currency', async () => {
    const el = await fixture<KpiCard>(
      html`<kpi-card src="${GOLD}/kpi_summary.arrow" measure="revenue" locale="de-DE" currency="EUR" label="Umsatz"></kpi-card>`,
    );
    await waitForState(el, 'ready');
    expect(text(el, 'value')!.replace(/\s/g, ' ')).to.equal('1.234.567,89 €');
    expect(text(el, 'label')).to.equal('Umsatz');
  });

  it('still reads the deprecated metric attribute and property as measure; measure wins when both are set', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow" metric="purchases"></kpi-card>`);
    await waitForState(el, 'ready');
    expect([el.measure, el.metric, text(el, 'label')]).to.deep.equal(['purchases', 'purchases', 'Total Purchases']);
    el.metric = 'events';
    await el.updateComplete;
    await waitForState(el, 'ready');
    expect(text(el, 'label')).to.equal('Total Events');
    const both = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow" measure="revenue" metric="purchases"></kpi-card>`);
    await waitForState(both, 'ready');
    expect(both.measure).to.equal('revenue');
  });

  it('draws inline data in its first render, with no loading view before it (inline data takes the one path of every source)', async () => {
    const el = document.createElement('kpi-card') as KpiCard;
    el.measure = 'purchases';
    el.data = [{ purchases: 12 }];
    const states: string[] = [];
    new MutationObserver(() => states.push(el.getAttribute('state') ?? '')).observe(el, { attributes: true, attributeFilter: ['state'] });
    document.body.append(el);
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(text(el, 'value')).to.equal('12');
    expect(states).to.deep.equal(['ready']);
    el.remove();
  });

  it('fires goldboard-ready naming the dataset and the rows read', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const ready = oneEvent(wrapper, 'goldboard-ready');
    const el = document.createElement('kpi-card') as KpiCard;
    el.src = `${GOLD}/kpi_summary.arrow`;
    el.measure = 'purchases';
    wrapper.append(el);
    const event = (await ready) as CustomEvent;
    expect(event.detail).to.deep.equal({ dataset: 'kpi_summary', rows: 1 });
    expect(text(el, 'value')).to.equal('4,321');
  });

  it('names the measure it is loading', async () => {
    const el = await fixture<KpiCard>(
      html`<kpi-card src="/test-api/slow?ms=400&file=test/fixtures/gold/kpi_summary.arrow&key=${uniqueKey()}" measure="events"></kpi-card>`,
    );
    expect(el.state).to.equal('loading');
    expect(el.shadowRoot!.textContent).to.contain('Loading Total Events');
    await waitForState(el, 'ready');
    expect(text(el, 'value')).to.equal('987,654');
  });

  it('shows empty for a table without rows', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/empty/kpi_summary.arrow"></kpi-card>`);
    await waitForState(el, 'empty');
    expect(text(el, 'message')).to.equal('No data for this selection.');
  });

  it('shows an error with the URL, fires goldboard-error, and retries', async () => {
    const el = document.createElement('kpi-card') as KpiCard;
    el.src = `${GOLD}/nowhere/kpi_summary.arrow`;
    const failed = oneEvent(el, 'goldboard-error');
    document.body.append(el);
    const event = (await failed) as CustomEvent;
    expect(event.bubbles && event.composed).to.be.true;
    expect(event.detail.message).to.match(/kpi_summary\.arrow answered 404/);
    await waitForState(el, 'error');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(text(el, 'error')).to.contain('answered 404');
    // Point it at a real file and press Retry.
    el.src = `${GOLD}/kpi_summary.arrow`;
    part(el, 'retry-button')!.click();
    await waitForState(el, 'ready');
    expect(text(el, 'value')).to.equal('$1,234,567.89');
    el.remove();
  });

  it('retry asks the server again', async () => {
    const key = uniqueKey();
    const el = await fixture<KpiCard>(html`<kpi-card src="/test-api/status/503?key=${key}"></kpi-card>`);
    await waitForState(el, 'error');
    expect(await serverHits(key)).to.equal(1);
    part(el, 'retry-button')!.click();
    await oneEvent(el, 'goldboard-error');
    expect(await serverHits(key)).to.equal(2);
  });

  it('names the file and column when the measure is missing or mistyped', async () => {
    const missing = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/bad/kpi_summary.arrow" measure="users"></kpi-card>`);
    await waitForState(missing, 'error');
    expect(text(missing, 'error')).to.contain('kpi_summary.arrow has no column `users` (columns: revenue, purchases)');
    const mistyped = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/bad/kpi_summary.arrow" measure="revenue"></kpi-card>`);
    await waitForState(mistyped, 'error');
    expect(text(mistyped, 'error')).to.contain('column `revenue` should be float64 but holds Utf8');
  });

  it('refuses a measure that is not a number of kpi_summary', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow" measure="first_date"></kpi-card>`);
    await waitForState(el, 'error');
    expect(text(el, 'error')).to.contain('measure `first_date` is date, not a number');
  });

  it('shows markup from data as text', async () => {
    (window as { __pwned?: number }).__pwned = 0;
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/bad/markup.json"></kpi-card>`);
    await waitForState(el, 'error');
    expect(text(el, 'error')).to.contain('<img src=x onerror="window.__pwned=1">');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(0);
  });

  it('makes one request for three cards on one src', async () => {
    const key = uniqueKey();
    const src = `${GOLD}/kpi_summary.arrow?key=${key}`;
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <kpi-card src=${src} measure="revenue"></kpi-card>
      <kpi-card src=${src} measure="purchases"></kpi-card>
      <kpi-card src=${src} measure="events"></kpi-card>
    </div>`);
    const cards = [...wrapper.querySelectorAll('kpi-card')] as KpiCard[];
    for (const card of cards) await waitForState(card, 'ready');
    expect(cards.map((c) => text(c, 'value'))).to.deep.equal(['$1,234,567.89', '4,321', '987,654']);
    expect(await serverHits(key)).to.equal(1);
  });

  it('draws the sparkline and the change against the previous 7 days', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow" measure="revenue" trend locale="en-US"></kpi-card>`);
    await waitForState(el, 'ready');
    // Days 8-14 sum to 7910, days 1-7 to 7210: +9.7%.
    expect(text(el, 'delta')).to.equal('▲ 9.7% vs previous 7 days');
    expect(part(el, 'delta')!.classList.contains('up')).to.be.true;
    const sparkline = part(el, 'sparkline')!;
    expect(sparkline.getAttribute('role')).to.equal('img');
    expect(sparkline.getAttribute('aria-label')).to.equal('Daily total revenue from Oct 1, 2019 to Oct 14, 2019: lowest $1,000.00, highest $1,160.00');
    expect(sparkline.querySelector('path')!.getAttribute('d')).to.match(/^M0,/);
  });

  it('compares ratio measures as ratios of sums and distinct counts as daily means', async () => {
    const aov = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow" measure="avg_order_value" trend></kpi-card>`);
    await waitForState(aov, 'ready');
    // 7910/84 vs 7210/70 = 94.17 vs 103.0: -8.6%.
    expect(text(aov, 'delta')).to.equal('▼ 8.6% vs previous 7 days');
    const users = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow" measure="users" trend trend-days="3"></kpi-card>`);
    await waitForState(users, 'ready');
    expect(text(users, 'delta')).to.equal('■ 0% vs previous 3 days');
  });

  it('compares calendar weeks, not rows: missing days count as nothing, a repeated day is refused', async () => {
    const { dailyRule, dailySeries, periodDelta } = await import('./trend.js');
    const { DAY, GoldTable, NumberColumn } = await import('@goldboard/core');
    const t0 = Date.UTC(2019, 9, 1);
    const table = (days: number[], revenue: (i: number) => number) =>
      new GoldTable('daily_metrics', days.length, [new NumberColumn('event_date', 'date', Float64Array.from(days, (d) => t0 + d * DAY)), new NumberColumn('revenue', 'number', Float64Array.from(days, (_, i) => revenue(i)))]);
    const rule = dailyRule('revenue')!;
    // Days 0-13 but 3 and 10 missing: the weeks are days 7-13 and 0-6 all the same.
    const gaps = [0, 1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13];
    const delta = periodDelta(dailySeries(table(gaps, () => 10), rule), rule, 7)!;
    expect([delta.previous, delta.current]).to.deep.equal([60, 60]);
    // Oct 1-7 and Oct 25-31 only: the week before the last has no day, so there is no change to show.
    const apart = [0, 1, 2, 3, 4, 5, 6, 24, 25, 26, 27, 28, 29, 30];
    expect(periodDelta(dailySeries(table(apart, () => 10), rule), rule, 7)).to.equal(undefined);
    // A series that does not reach back two weeks has none either.
    expect(periodDelta(dailySeries(table([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], () => 10), rule), rule, 7)).to.equal(undefined);
    expect(() => dailySeries(table([0, 1, 1, 2], () => 10), rule)).to.throw('daily_metrics has two rows for 2019-10-02');
    expect(() => dailySeries(table([0, 1, 1.5, 2], () => 10), rule)).to.throw('daily_metrics has two rows for 2019-10-02');
    // Dates with a time of day (local midnights, noon) fall in their UTC calendar day.
    const noon = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((d) => d + (d === 13 || d === 0 ? 0.5 : 0));
    const shifted = periodDelta(dailySeries(table(noon, () => 1), rule), rule, 7)!;
    expect([shifted.previous, shifted.current]).to.deep.equal([7, 7]);
  });

  it('keeps its value when the trend cannot load, and says why', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow" trend trend-src="${GOLD}/none.arrow"></kpi-card>`);
    await waitForState(el, 'ready');
    expect(text(el, 'value')).to.equal('$1,234,567.89');
    expect(part(el, 'delta')!.title).to.match(/^Trend unavailable: .*none\.arrow answered 404/);
    // The trend turned off: no marker of the earlier failure is left.
    el.trend = false;
    await waitUntil(() => el.state === 'ready' && !part(el, 'delta'), 'the unavailable marker is gone');
    expect(text(el, 'value')).to.equal('$1,234,567.89');
  });

  it('has an accessible name and description', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow" trend locale="en-US"></kpi-card>`);
    await waitForState(el, 'ready');
    expect(part(el, 'base')!.getAttribute('aria-label')).to.equal('Total Revenue');
    expect(el.shadowRoot!.querySelector('#description')!.textContent).to.equal(
      'Total Revenue: $1,234,567.89. Oct 1, 2019 – Oct 14, 2019. up 9.7% from the previous 7 days',
    );
    await expect(el).to.be.accessible();
  });

  it('is themed through ::part and custom properties', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <style>
        .themed::part(value) { color: rgb(1, 2, 3); }
        .themed { --goldboard-background: rgb(10, 20, 30); }
      </style>
      <kpi-card class="themed" src="${GOLD}/kpi_summary.arrow"></kpi-card>
    </div>`);
    const el = wrapper.querySelector('kpi-card') as KpiCard;
    await waitForState(el, 'ready');
    expect(getComputedStyle(part(el, 'value')!).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(el, 'base')!).backgroundColor).to.equal('rgb(10, 20, 30)');
  });

  it('switches light and dark with the theme attribute', async () => {
    const light = await fixture<KpiCard>(html`<kpi-card theme="light" src="${GOLD}/kpi_summary.arrow"></kpi-card>`);
    const dark = await fixture<KpiCard>(html`<kpi-card theme="dark" src="${GOLD}/kpi_summary.arrow"></kpi-card>`);
    await waitForState(light, 'ready');
    await waitForState(dark, 'ready');
    expect(getComputedStyle(part(light, 'base')!).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(part(dark, 'base')!).backgroundColor).to.equal('rgb(22, 27, 34)');
  });

  it('maps fields of foreign data', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/foreign/summary.json" fields="revenue:total_sales"></kpi-card>`);
    await waitForState(el, 'ready');
    expect(text(el, 'value')).to.equal('$42.50');
    const bad = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/foreign/summary.json" fields="revenue"></kpi-card>`);
    await waitForState(bad, 'error');
    expect(text(bad, 'error')).to.contain('The fields attribute has `revenue`');
  });

  it('takes an apache-arrow Table or rows as data', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card measure="purchases"></kpi-card>`);
    el.data = new arrow.Table({ purchases: arrow.vectorFromArray([6850000n], new arrow.Int64()) });
    await waitForState(el, 'ready');
    expect(text(el, 'value')).to.equal('6,850,000');
    el.data = [{ purchases: 12 }];
    await el.updateComplete;
    await waitForState(el, 'ready');
    expect(text(el, 'value')).to.equal('12');
  });

  it('loads through an adapter property', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card measure="buyers"></kpi-card>`);
    el.adapter = createRowsAdapter({ kpi_summary: [{ buyers: 77 }] });
    await waitForState(el, 'ready');
    expect(text(el, 'value')).to.equal('77');
  });

  it('reads a named source registered by <goldboard-source>, even one declared after the card', async () => {
    const name = `gold-${uniqueKey()}`;
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <kpi-card source=${name} dataset-name="kpi_summary" measure="views"></kpi-card>
      <goldboard-source name=${name} base="${GOLD}/"></goldboard-source>
    </div>`);
    const el = wrapper.querySelector('kpi-card') as KpiCard;
    await waitForState(el, 'ready');
    expect(text(el, 'value')).to.equal('900,000');
  });

  it('says which source is missing, and recovers when it is registered', async () => {
    const name = `late-${uniqueKey()}`;
    const wait = (GoldElement as unknown as { sourceWaitMs: number }).sourceWaitMs;
    (GoldElement as unknown as { sourceWaitMs: number }).sourceWaitMs = 50;
    try {
      const el = await fixture<KpiCard>(html`<kpi-card source=${name} measure="carts"></kpi-card>`);
      await waitForState(el, 'error');
      expect(text(el, 'error')).to.contain(`No source named "${name}" is registered`);
      registerSource(name, createRowsAdapter({ kpi_summary: [{ carts: 3 }] }));
      await waitForState(el, 'ready');
      expect(text(el, 'value')).to.equal('3');
      unregisterSource(name);
    } finally {
      (GoldElement as unknown as { sourceWaitMs: number }).sourceWaitMs = wait;
    }
  });

  it('a newer src supersedes a slower older one', async () => {
    const el = await fixture<KpiCard>(
      html`<kpi-card measure="revenue" src="/test-api/slow?ms=600&file=test/fixtures/gold/bad/kpi_summary.arrow&key=${uniqueKey()}"></kpi-card>`,
    );
    el.src = `${GOLD}/kpi_summary.json`;
    await waitForState(el, 'ready');
    await new Promise((r) => setTimeout(r, 700));
    expect(el.state).to.equal('ready');
    expect(text(el, 'value')).to.equal('$1,234,567.89');
  });

  it('trend toggled on and off at once ends without a trend: the superseded load neither draws its sparkline nor keeps updating', async function () {
    this.timeout(15_000);
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow" trend locale="en-US"></kpi-card>`);
    await waitForState(el, 'ready');
    expect(part(el, 'sparkline')).to.exist;
    // A bound on the updates of one toggle: an update loop fails the test instead of freezing the page.
    let updates = 0;
    const instance = el as unknown as { update(changed: Map<PropertyKey, unknown>): void };
    const update = instance.update.bind(el);
    instance.update = (changed) => {
      if (++updates > 50) throw new Error(`kpi-card updated ${updates} times for one toggle of trend`);
      update(changed);
    };
    // Each step lets the load with the trend run a few microtasks further before it is superseded.
    for (let hops = 0; hops <= 15; hops++) {
      updates = 0;
      el.trend = true;
      await el.updateComplete;
      for (let i = 0; i < hops; i++) await Promise.resolve();
      el.trend = false;
      await waitForState(el, 'ready', 2000);
      // The superseded load's answer arrives after the newer one: still nothing of a trend drawn.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await el.updateComplete;
      expect([hops, el.state, part(el, 'sparkline'), part(el, 'delta')]).to.deep.equal([hops, 'ready', null, null]);
      expect(updates, `updates after ${hops} microtasks`).to.be.below(10);
    }
    el.trend = true;
    await el.updateComplete;
    await waitForState(el, 'ready');
    expect(text(el, 'delta')).to.equal('▲ 9.7% vs previous 7 days');
  });

  it('refuses a table of several rows instead of showing its first row as the figure', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card dataset-name="daily_metrics" measure="revenue" src="${GOLD}/daily_metrics.arrow"></kpi-card>`);
    await waitForState(el, 'error');
    expect(text(el, 'error')).to.contain('kpi-card shows one figure, but daily_metrics has 14 rows');
    // One row of segment_summary, as a segment filter gives it, is one figure.
    const one = await fixture<KpiCard>(html`<kpi-card dataset-name="segment_summary" measure="users" .data=${[{ segment: 'A', cluster: 0, users: 42, user_share: 1, revenue: 0, revenue_share: 0, avg_revenue: 0, avg_events: 1, avg_purchases: 0, conversion_rate: 0 }]} locale="en-US"></kpi-card>`);
    await waitForState(one, 'ready');
    expect(text(one, 'value')).to.equal('42');
  });

  it('draws its trend in the task it is added in once the trend code is evaluated (as `all.js` imports it up front)', async () => {
    await import('./compare.js');
    const day = (i: number) => `2019-10-${String(i + 1).padStart(2, '0')}`;
    const el = document.createElement('kpi-card') as KpiCard;
    el.adapter = createRowsAdapter({ kpi_summary: [{ revenue: 4321, first_date: day(0), last_date: day(13) }], daily_metrics: Array.from({ length: 14 }, (_, i) => ({ event_date: day(i), revenue: 100 + i })) });
    for (const [name, value] of [['measure', 'revenue'], ['trend', ''], ['locale', 'en-US']]) el.setAttribute(name, value!);
    document.body.append(el);
    try {
      // Microtasks only (no task can run between them): an import() of the trend code would need a task.
      for (let turn = 0; turn < 2000 && !(el.getAttribute('state') === 'ready' && el.hasUpdated && part(el, 'sparkline')); turn++) await null;
      expect(el.getAttribute('state')).to.equal('ready');
      expect(part(el, 'sparkline')!.querySelector('path')!.getAttribute('d')).to.match(/^M0,/);
      expect(text(el, 'delta')).to.match(/vs previous 7 days$/);
    } finally {
      el.remove();
    }
  });
});

describe('<kpi-card> exports', () => {
  it('offers CSV, SVG and PNG from a keyboard-reachable menu; the CSV holds the value shown', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card exportable src="${GOLD}/kpi_summary.arrow" measure="purchases" trend></kpi-card>`);
    await waitForState(el, 'ready');
    const menu = await exportMenu(el);
    expect(menu.querySelector('summary')!.getAttribute('aria-label')).to.equal('Export Total Purchases');
    // Its styles came with its code: it sits in the room kept above the value.
    expect(getComputedStyle(menu).position).to.equal('absolute');
    menu.querySelector('summary')!.click();
    await oneEvent(menu, 'toggle');
    await el.updateComplete;
    expect([...menu.querySelectorAll('button')].map((b) => b.textContent)).to.deep.equal(['Data (CSV)', 'Drawing (SVG)', 'Image (PNG)']);
    expect(await el.toCSV()).to.equal('purchases,first_date,last_date\r\n4321,2019-10-01,2019-10-14\r\n');
    expect(await el.toSVG()).to.match(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<path d="M0,27L[\s\S]*stroke: rgb\(176, 125, 18\)/);
    expect(await el.toSVG()).not.to.contain('<!--');
    expect((await el.toPNG()).type).to.equal('image/png');
    await expect(el).to.be.accessible();
  });

  it('closes the menu on Escape, with the focus back on Export', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card exportable src="${GOLD}/kpi_summary.arrow"></kpi-card>`);
    await waitForState(el, 'ready');
    const menu = await exportMenu(el);
    const summary = menu.querySelector('summary')!;
    summary.focus();
    summary.click();
    await oneEvent(menu, 'toggle');
    menu.querySelector('button')!.focus();
    menu.querySelector('button')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    expect(menu.open).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(summary);
  });

  it('offers only the CSV when there is no drawing', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card exportable src="${GOLD}/kpi_summary.arrow"></kpi-card>`);
    await waitForState(el, 'ready');
    const menu = await exportMenu(el);
    menu.querySelector('summary')!.click();
    await oneEvent(menu, 'toggle');
    await el.updateComplete;
    expect([...menu.querySelectorAll('button')].map((b) => b.textContent)).to.deep.equal(['Data (CSV)']);
    expect(await el.toSVG()).to.equal('');
  });

  it('shows no menu without the attribute', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.arrow"></kpi-card>`);
    await waitForState(el, 'ready');
    expect(part(el, 'export-menu')).to.equal(null);
  });
});
