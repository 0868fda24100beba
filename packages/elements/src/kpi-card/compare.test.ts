import { expect, fixture, html } from '@open-wc/testing';
import { DAY, createRowsAdapter, isoDay, type GoldAdapter, type GoldQuery } from '@goldboard/core';
import './kpi-card.js';
import type { KpiCard } from './kpi-card.component.js';
import { comparedPeriod, yearBefore } from './compare.js';
import { expectNothingThrownIntoThePage, GOLD, part, text, waitForState } from '@goldboard/test-helpers';

type Daily = { event_date: string; revenue: number; purchases: number; users: number };
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** The fixture's daily rows, read apart from the card. */
async function fixtureDays(): Promise<Daily[]> {
  return (await fetch(`${GOLD}/daily_metrics.json`)).json();
}

/** Sum of `column` over the days `[from, to]`, as a test computes it. */
const sumOver = (rows: Daily[], column: 'revenue' | 'purchases', from: string, to: string) =>
  rows.filter((r) => r.event_date >= from && r.event_date <= to).reduce((s, r) => s + r[column], 0);

const percent = (change: number) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(Math.abs(change));

/**
 * A source that computes kpi_summary for any range, as the Gold server does, from a list of
 * (day, user, purchase) events: users and buyers are distinct counts over the range.
 */
function rangeSource(events: { day: string; user: number; price: number }[]): GoldAdapter & { queries: GoldQuery[] } {
  const queries: GoldQuery[] = [];
  return {
    queries,
    key: `range-source-${Math.random()}`,
    async load(query) {
      queries.push(query);
      const inRange = events.filter((e) => (!query.from || e.day >= query.from) && (!query.to || e.day <= query.to));
      const days = [...new Set(inRange.map((e) => e.day))].sort();
      if (query.dataset === 'daily_metrics') {
        const rows = days.map((d) => {
          const on = inRange.filter((e) => e.day === d);
          return { event_date: d, revenue: on.reduce((s, e) => s + e.price, 0), purchases: on.filter((e) => e.price).length, users: new Set(on.map((e) => e.user)).size };
        });
        return createRowsAdapter({ daily_metrics: rows }).load(query, new AbortController().signal);
      }
      const users = new Set(inRange.map((e) => e.user)).size;
      const buyers = new Set(inRange.filter((e) => e.price).map((e) => e.user)).size;
      const row = { revenue: inRange.reduce((s, e) => s + e.price, 0), users, buyers, conversion_rate: users ? buyers / users : 0, first_date: days[0] ?? null, last_date: days.at(-1) ?? null };
      return createRowsAdapter({ kpi_summary: [row] }).load(query, new AbortController().signal);
    },
  };
}

describe('<kpi-card compare>', () => {
  expectNothingThrownIntoThePage();

  it('finds the compared periods: the same length just before, or the same days a year earlier', () => {
    expect(comparedPeriod('previous', day('2019-10-08'), day('2019-10-14')).map(isoDay)).to.deep.equal(['2019-10-01', '2019-10-07']);
    expect(comparedPeriod('previous', day('2019-11-01'), day('2019-11-30')).map(isoDay)).to.deep.equal(['2019-10-02', '2019-10-31']);
    expect(comparedPeriod('last-year', day('2020-02-01'), day('2020-02-29')).map(isoDay)).to.deep.equal(['2019-02-01', '2019-02-28']);
    expect(isoDay(yearBefore(day('2020-03-01')))).to.equal('2019-03-01');
  });

  it('compares revenue and purchases with the previous period: sums of the fixture days', async () => {
    const rows = await fixtureDays();
    for (const measure of ['revenue', 'purchases'] as const) {
      const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.json" measure=${measure} from="2019-10-08" to="2019-10-14" compare="previous" locale="en-US"></kpi-card>`);
      await waitForState(el, 'ready');
      const current = sumOver(rows, measure, '2019-10-08', '2019-10-14');
      const previous = sumOver(rows, measure, '2019-10-01', '2019-10-07');
      const change = (current - previous) / previous;
      const shown = change > 0 ? `▲ ${percent(change)} vs previous period` : change < 0 ? `▼ ${percent(change)} vs previous period` : '■ 0% vs previous period';
      expect(text(el, 'delta'), measure).to.equal(shown);
    }
  });

  it('compares a ratio of sums (average order value) as the ratio of each period', async () => {
    const rows = await fixtureDays();
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.json" measure="avg_order_value" from="2019-10-11" to="2019-10-14" compare="previous" locale="en-US"></kpi-card>`);
    await waitForState(el, 'ready');
    const aov = (a: string, b: string) => sumOver(rows, 'revenue', a, b) / sumOver(rows, 'purchases', a, b);
    const change = aov('2019-10-11', '2019-10-14') / aov('2019-10-07', '2019-10-10') - 1;
    expect(text(el, 'delta')).to.equal(`${change > 0 ? '▲' : '▼'} ${percent(change)} vs previous period`);
  });

  it('says when the data does not reach back to the compared period', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.json" from="2019-10-08" to="2019-10-14" compare="last-year"></kpi-card>`);
    await waitForState(el, 'ready');
    expect(text(el, 'delta')).to.equal('—');
    expect(part(el, 'delta')!.title).to.equal('No last year to compare with: the daily data starts 2019-10-01, after 2018-10-08.');
  });

  it('refuses to compare distinct counts from a folder of files (whole period only) and says why', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.json" measure="users" from="2019-10-08" to="2019-10-14" compare="previous"></kpi-card>`);
    await waitForState(el, 'ready');
    expect(text(el, 'delta')).to.equal('—');
    expect(part(el, 'delta')!.title).to.contain('users is a count of distinct people, which cannot be added up over days');
    expect(part(el, 'delta')!.title).to.contain('use the Gold server');
    expect(el.shadowRoot!.querySelector('#description')!.textContent).to.contain('cannot be added up over days');
  });

  it('compares distinct users, buyers and conversion with both periods computed by the source, not from daily figures', async () => {
    // Users 1-3 active in both weeks; the same user on several days counts once.
    const events = [
      { day: '2019-10-01', user: 1, price: 0 },
      { day: '2019-10-02', user: 1, price: 10 },
      { day: '2019-10-03', user: 2, price: 0 },
      { day: '2019-10-08', user: 1, price: 5 },
      { day: '2019-10-09', user: 1, price: 0 },
      { day: '2019-10-10', user: 2, price: 7 },
      { day: '2019-10-11', user: 3, price: 0 },
      { day: '2019-10-12', user: 3, price: 0 },
    ];
    const source = rangeSource(events);
    const card = async (measure: string) => {
      const el = await fixture<KpiCard>(html`<kpi-card .adapter=${source} measure=${measure} from="2019-10-08" to="2019-10-14" compare="previous" locale="en-US"></kpi-card>`);
      await waitForState(el, 'ready');
      return el;
    };
    // Users: 3 (1, 2, 3) against 2 (1, 2); the sum of daily users would say 5 against 3.
    const users = await card('users');
    expect(text(users, 'value')).to.equal('3');
    expect(text(users, 'delta')).to.equal('▲ 50% vs previous period');
    expect(source.queries.some((q) => q.dataset === 'kpi_summary' && q.from === '2019-10-01' && q.to === '2019-10-07')).to.be.true;
    // Buyers: 2 (1, 2) against 1 (1).
    expect(text(await card('buyers'), 'delta')).to.equal('▲ 100% vs previous period');
    // Conversion: 2/3 against 1/2.
    expect(text(await card('conversion_rate'), 'delta')).to.equal(`▲ ${percent(2 / 3 / 0.5 - 1)} vs previous period`);
  });

  it('refuses an unknown comparison', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.json" compare="yesterday"></kpi-card>`);
    await waitForState(el, 'error');
    expect(text(el, 'error')).to.contain('kpi-card compare must be previous or last-year, got `yesterday`.');
  });

  it('compares the whole Gold period when the card has no range (nothing before it: says so)', async () => {
    const el = await fixture<KpiCard>(html`<kpi-card src="${GOLD}/kpi_summary.json" compare="previous"></kpi-card>`);
    await waitForState(el, 'ready');
    expect(part(el, 'delta')!.title).to.equal(`No previous period to compare with: the daily data starts 2019-10-01, after ${isoDay(day('2019-10-01') - 14 * DAY)}.`);
  });
});
