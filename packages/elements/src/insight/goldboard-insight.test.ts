import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createFolderAdapter, registerSource, setSourceFilter, unregisterSource } from '@goldboard/core';
import './goldboard-insight.js';
import type { GoldboardInsight } from './goldboard-insight.component.js';
import { expectNothingThrownIntoThePage, GOLD, part, parts, runGoldElementConformance, text, uniqueKey, waitForState } from '@goldboard/test-helpers';

const SEGMENTS = [
  { segment: 'Browsers / Non-Converters', cluster: 0, users: 60, user_share: 0.6, revenue: 0, revenue_share: 0, avg_revenue: 0, avg_events: 10, avg_purchases: 0, conversion_rate: 0 },
  { segment: 'High-Value Loyal Customers', cluster: 1, users: 40, user_share: 0.4, revenue: 100, revenue_share: 1, avg_revenue: 2.5, avg_events: 50, avg_purchases: 1, conversion_rate: 1 },
];

runGoldElementConformance('goldboard-insight', {
  file: 'segment_summary.arrow',
  rows: () => SEGMENTS,
  column: 'avg_events',
  attributes: { kind: 'segments' },
});

/** A source over a JSON Gold folder of test/fixtures. */
function source(folder: string): string {
  const name = `insight-${uniqueKey()}`;
  registerSource(name, createFolderAdapter({ base: `${folder}/`, format: 'json' }));
  return name;
}

const said = (el: Element) => Object.fromEntries(parts(el, 'insight').map((li) => [li.dataset.insight, li.textContent!.replace(/\s+/g, ' ').trim()]));
const GOLD_B = '/test/fixtures/gold-b';

describe('<goldboard-insight>', () => {
  expectNothingThrownIntoThePage();

  it('tells Gold set A what its data says', async () => {
    const name = source(GOLD);
    const el = await fixture<GoldboardInsight>(html`<goldboard-insight source=${name} locale="en-US"></goldboard-insight>`);
    await waitForState(el, 'ready');
    expect(text(el, 'title')).to.equal('Key insights');
    expect(said(el)).to.deep.equal({
      concentration: 'A few customers make most of the revenue High-Value Loyal Customers are 10% of users but bring 80% of revenue ($800 each on average).',
      'top-buyers': 'The top 12 buyers The 12 biggest spenders (0.5% of 2,500 buyers) made 6.1% of revenue: $75K of $1.2M.',
      engagement: 'Engagement drives conversion High-Value Loyal Customers are the most engaged, with 250 events per user, and 98% of them bought.',
      'largest-segment': 'The largest segment Browsers / Non-Converters is the largest segment: 6,000 users, 60% of all, bringing 0% of revenue.',
      'peak-low': 'Peak and low days Revenue peaked on Monday, October 14, 2019 at $1.2K (1.07× a typical day of $1.1K) and was lowest on Tuesday, October 1, 2019 at $1K.',
    });
    unregisterSource(name);
  });

  it('tells Gold set B something else, and its movers against the days before the range', async () => {
    const name = source(GOLD_B);
    const el = await fixture<GoldboardInsight>(html`<goldboard-insight source=${name} locale="en-US"></goldboard-insight>`);
    await waitForState(el, 'ready');
    expect(said(el)).to.deep.equal({
      concentration: 'High-Value Loyal Customers bring more than their share of revenue High-Value Loyal Customers are 30% of users but bring 45% of revenue ($75 each on average).',
      'top-buyers': 'The top 4 buyers The 4 biggest spenders (0.4% of 1,000 buyers) made 28% of revenue: $14K of $50K.',
      engagement: 'Engagement drives conversion High-Value Loyal Customers are the most engaged, with 120 events per user, and 100% of them bought.',
      'largest-segment': 'The largest segment Occasional Buyers is the largest segment: 500 users, 50% of all, bringing 55% of revenue.',
      'peak-low': 'Peak and low days Revenue peaked on Friday, November 29, 2019 at $9K (2.77× a typical day of $3.3K) and was lowest on Wednesday, December 4, 2019 at $2K.',
    });
    // The range of the source's filter: the last five days against the five before.
    setSourceFilter(name, { from: '2019-11-30', to: '2019-12-04' });
    await waitUntil(() => el.state === 'ready' && 'movers' in said(el), 'the insights follow the range');
    expect(said(el).movers).to.equal(
      'Biggest movers against the 5 days before Against Nov 25, 2019 – Nov 29, 2019: Views rose 50% (5,000 → 7,500), events rose 43.2% (5,716 → 8,184), revenue fell 14.8% ($21.6K → $18.4K).',
    );
    expect(said(el)['peak-low']).to.contain('peaked on Saturday, November 30, 2019 at $6K');
    unregisterSource(name);
  });

  it('is honest about a range with too little data', async () => {
    const name = source(GOLD_B);
    setSourceFilter(name, { from: '2019-11-25', to: '2019-11-25' });
    const el = await fixture<GoldboardInsight>(html`<goldboard-insight source=${name} kind="peak-low movers" locale="en-US"></goldboard-insight>`);
    await waitForState(el, 'ready');
    expect(said(el)).to.deep.equal({
      'peak-low': 'Too few days for a peak and a low This range holds one day of revenue data (Monday, November 25, 2019: $3K), nothing to compare it with.',
      movers: 'Nothing to compare with The data holds no day in the 1 days before this range (Nov 24, 2019 – Nov 24, 2019) to compare it with.',
    });
    // A range outside the data: said too.
    setSourceFilter(name, { from: '2020-03-01', to: '2020-03-02' });
    await waitUntil(() => el.state === 'ready' && said(el).movers?.includes('no day of data'), 'the insights follow the range');
    expect(said(el)).to.deep.equal({
      'peak-low': 'Too few days for a peak and a low This range holds no day of revenue data.',
      movers: 'Nothing to compare with This range holds no day of data to compare.',
    });
    unregisterSource(name);
  });

  it('narrows the recommendations to the segment chosen for its source', async () => {
    const name = source(GOLD);
    const el = await fixture<GoldboardInsight>(html`<goldboard-insight source=${name} kind="recommendations" locale="en-US"></goldboard-insight>`);
    await waitForState(el, 'ready');
    expect(text(el, 'title')).to.equal('Recommendations');
    expect(Object.keys(said(el))).to.deep.equal(['high-value', 'browsers', 'occasional']);
    setSourceFilter(name, { segment: 'Occasional Buyers' });
    await el.updateComplete;
    expect(Object.keys(said(el))).to.deep.equal(['occasional']);
    unregisterSource(name);
  });

  it('refuses a kind it does not know, naming the known ones', async () => {
    const el = await fixture<GoldboardInsight>(html`<goldboard-insight kind="segments gossip" .data=${SEGMENTS}></goldboard-insight>`);
    await waitForState(el, 'error');
    expect(text(el, 'error')).to.contain('goldboard-insight kind must be key, business, segments, recommendations or insight names');
    expect(text(el, 'error')).to.contain('got `gossip`');
    // Names an object has from its prototype are not kinds either.
    el.setAttribute('kind', 'toString');
    await waitUntil(() => text(el, 'error')?.includes('got `toString`'), 'toString refused by name');
  });

  it('says there is nothing to report when the data supports none of its insights', async () => {
    const el = await fixture<GoldboardInsight>(html`<goldboard-insight kind="recommendations" .data=${[{ ...SEGMENTS[0]!, segment: 'Somebody else' }]}></goldboard-insight>`);
    await waitForState(el, 'empty');
    expect(part(el, 'message')!.textContent).to.equal('Nothing to report: there is not enough data in this range for these insights.');
  });
});
