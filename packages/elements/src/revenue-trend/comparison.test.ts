import { expect, fixture, html } from '@open-wc/testing';
import { createRowsAdapter, type GoldAdapter, type GoldQuery } from '@goldboard/core';
import './revenue-trend.js';
import type { RevenueTrend } from './revenue-trend.component.js';
import { expectNothingThrownIntoThePage, GOLD, part, text, waitForState } from '@goldboard/test-helpers';

const tableRows = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part~="data-table"] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
type Daily = { event_date: string; revenue: number };

describe('<revenue-trend compare>', () => {
  expectNothingThrownIntoThePage();

  it('draws the previous period shifted onto the days shown, in the legend, table and CSV', async () => {
    const days: Daily[] = await (await fetch(`${GOLD}/daily_metrics.json`)).json();
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.json" from="2019-10-08" to="2019-10-14" compare="previous" locale="en-US" show-table></revenue-trend>`);
    await waitForState(el, 'ready');
    expect(part(el, 'compare')!.getAttribute('d')).to.match(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){6}$/);
    expect(text(el, 'legend')).to.match(/^Revenue\s+Previous period \(.*Oct 1, 2019.*Oct 7, 2019.*\)$/);
    const money = (v: number) => `$${v.toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    const rows = tableRows(el);
    expect(rows).to.have.length(7);
    // Each day beside the day a week before it, as the fixture has them.
    rows.forEach((row, i) => {
      expect(row[1]).to.equal(money(days[7 + i]!.revenue));
      expect(row[2]).to.equal(money(days[i]!.revenue));
    });
    const csv = (await el.toCSV()).trim().split('\r\n');
    expect(csv[0]).to.equal('event_date,revenue,revenue_previous');
    expect(csv[1]).to.equal(`2019-10-08,${days[7]!.revenue},${days[0]!.revenue}`);
    // The y axis holds both lines.
    expect(el.domains!.y[1]).to.be.at.least(Math.max(...days.map((d) => d.revenue)));
  });

  it('asks the source for the compared period (one request), and says when it has no data', async () => {
    const queries: GoldQuery[] = [];
    const rows = Array.from({ length: 10 }, (_, i) => ({ event_date: `2020-03-${String(i + 1).padStart(2, '0')}`, revenue: 100 + i }));
    const inner = createRowsAdapter({ daily_metrics: rows });
    const adapter: GoldAdapter = { key: `recording-${Math.random()}`, load: (q, s) => (queries.push(q), inner.load(q, s)) };
    const el = await fixture<RevenueTrend>(html`<revenue-trend .adapter=${adapter} from="2020-03-01" to="2020-03-10" compare="last-year" locale="en-US" show-table></revenue-trend>`);
    await waitForState(el, 'ready');
    expect(queries.map((q) => [q.from, q.to])).to.deep.equal([
      ['2020-03-01', '2020-03-10'],
      ['2019-03-01', '2019-03-10'],
    ]);
    expect(text(el, 'legend')).to.match(/Last year \(.*Mar 1, 2019.*Mar 10, 2019.*: no data\)$/);
    expect(tableRows(el)[0]![2]).to.equal('—');
  });

  it('refuses an unknown comparison', async () => {
    const el = await fixture<RevenueTrend>(html`<revenue-trend src="${GOLD}/daily_metrics.json" compare="week"></revenue-trend>`);
    await waitForState(el, 'error');
    expect(text(el, 'error')).to.contain('revenue-trend compare must be previous or last-year, got `week`.');
  });
});
