import { expect } from '@open-wc/testing';
import { RowTable, validateTable, type Row } from '@goldboard/core';
import { biggestMovers, keyInsights, previousRange, recommendations, type GoldForInsights } from './insights.js';

function gold(kpi: Row, daily: Row[], segments: Row[], topSpend: number[]): GoldForInsights {
  return {
    kpi: validateTable('kpi_summary', new RowTable([kpi]), { columns: ['revenue', 'buyers'] }),
    daily: validateTable('daily_metrics', new RowTable(daily), { columns: ['event_date', 'revenue'] }),
    segments: validateTable('segment_summary', new RowTable(segments)),
    topUsers: validateTable('top_users', new RowTable(topSpend.map((spend, i) => ({ rank: i + 1, spend }))), { columns: ['spend'] }),
  };
}

const segment = (segment: string, cluster: number, users: number, user_share: number, revenue_share: number, avg_revenue: number, avg_events: number, avg_purchases: number, conversion_rate: number) => ({
  segment, cluster, users, user_share, revenue: avg_revenue * users, revenue_share, avg_revenue, avg_events, avg_purchases, conversion_rate,
});

// Set A: browsers are the most engaged and convert least; peak on Black Friday.
const A = gold(
  { revenue: 100_000, buyers: 400 },
  [
    { event_date: '2019-11-28', revenue: 2000 },
    { event_date: '2019-11-29', revenue: 9000 },
    { event_date: '2019-11-30', revenue: 3000 },
    { event_date: '2019-12-01', revenue: 500 },
  ],
  [
    segment('High-Value Loyal Customers', 2, 100, 0.02, 0.6, 600, 40, 4.5, 1),
    segment('Occasional Buyers', 0, 300, 0.06, 0.4, 133.33, 20, 1.2, 1),
    segment('Browsers / Non-Converters', 1, 4600, 0.92, 0, 0, 55, 0, 0.001),
  ],
  [5000, 4000, 1000],
);

// Set B: the same shape of tables, other figures: loyal customers are the most engaged.
const B = gold(
  { revenue: 50_000, buyers: 1000 },
  [
    { event_date: '2020-01-01', revenue: 100 },
    { event_date: '2020-01-02', revenue: 700 },
    { event_date: '2020-01-03', revenue: 400 },
  ],
  [
    segment('High-Value Loyal Customers', 0, 500, 0.1, 0.5, 50, 90, 2, 1),
    segment('Occasional Buyers', 1, 1500, 0.3, 0.5, 16.67, 15, 1, 1),
    segment('Browsers / Non-Converters', 2, 3000, 0.6, 0, 0, 12, 0, 0.05),
  ],
  [900],
);

const text = (items: { id: string; text: string }[], id: string) => items.find((i) => i.id === id)?.text;

describe('insights', () => {
  it('reads set A', () => {
    const insights = keyInsights(A, { locale: 'en-US' });
    expect(insights.map((i) => i.id)).to.deep.equal(['concentration', 'top-buyers', 'engagement', 'largest-segment', 'peak-low']);
    expect(text(insights, 'concentration')).to.equal('High-Value Loyal Customers are 2% of users but bring 60% of revenue ($600 each on average).');
    expect(insights.find((i) => i.id === 'concentration')!.title).to.equal('A few customers make most of the revenue');
    expect(text(insights, 'top-buyers')).to.equal('The 3 biggest spenders (0.8% of 400 buyers) made 10% of revenue: $10K of $100K.');
    expect(text(insights, 'engagement')).to.equal('Browsers / Non-Converters are the most engaged, with 55 events per user, and 0.1% of them bought: the lowest conversion of any segment.');
    expect(insights.find((i) => i.id === 'engagement')!.title).to.equal('Engagement without conversion');
    expect(text(insights, 'largest-segment')).to.equal('Browsers / Non-Converters is the largest segment: 4,600 users, 92% of all, bringing 0% of revenue.');
    expect(text(insights, 'peak-low')).to.equal(
      'Revenue peaked on Friday, November 29, 2019 at $9K (3.6× a typical day of $2.5K) and was lowest on Sunday, December 1, 2019 at $500.',
    );
  });

  it('says something else when the data says something else (set B)', () => {
    const a = keyInsights(A, { locale: 'en-US' });
    const b = keyInsights(B, { locale: 'en-US' });
    for (const id of ['concentration', 'top-buyers', 'engagement', 'largest-segment', 'peak-low']) expect(text(b, id), id).not.to.equal(text(a, id));
    expect(b.find((i) => i.id === 'engagement')!.title).to.equal('Engagement drives conversion');
    // 10% of users bringing half the revenue: more than their share, not "most".
    expect(b.find((i) => i.id === 'concentration')!.title).to.equal('High-Value Loyal Customers bring more than their share of revenue');
    expect(text(b, 'engagement')).to.equal('High-Value Loyal Customers are the most engaged, with 90 events per user, and 100% of them bought.');
    expect(text(b, 'peak-low')).to.contain('peaked on Thursday, January 2, 2020 at $700');
  });

  it('recommends per segment with the segment\'s own figures', () => {
    const a = recommendations(A, { locale: 'en-US' });
    expect(a.map((r) => r.id)).to.deep.equal(['high-value', 'browsers', 'occasional']);
    expect(text(a, 'browsers')).to.equal('Retargeting and cart reminders for the 4,600 Browsers / Non-Converters (92% of users): 55 events each, yet only 0.1% bought.');
    expect(text(recommendations(B, { locale: 'en-US' }), 'high-value')).to.contain('500 High-Value Loyal Customers: they average $50 and 2 purchases each, 50% of revenue');
  });

  it('says "almost none" rather than "only 0%"', () => {
    const rows = [segment('Browsers / Non-Converters', 1, 4600, 0.92, 0, 0, 55, 0, 0.0002)];
    const tiny = gold({ revenue: 1, buyers: 1 }, [], rows, []);
    expect(text(recommendations(tiny, { locale: 'en-US' }), 'browsers')).to.contain('55 events each, yet almost none of them bought.');
    const none = gold({ revenue: 1, buyers: 1 }, [], [{ ...rows[0]!, conversion_rate: 0 }], []);
    expect(text(recommendations(none, { locale: 'en-US' }), 'browsers')).to.contain('yet none of them bought.');
  });

  it('says when a range holds too few days for a peak and a low', () => {
    const range = { from: '2019-11-29', to: '2019-11-29' };
    const one = { ...gold({ revenue: 1, buyers: 1 }, [{ event_date: '2019-11-29', revenue: 9000 }], [], []), range };
    expect(keyInsights(one, { locale: 'en-US' }).find((i) => i.id === 'peak-low')).to.deep.equal({
      id: 'peak-low',
      title: 'Too few days for a peak and a low',
      text: 'This range holds one day of revenue data (Friday, November 29, 2019: $9K), nothing to compare it with.',
    });
    const none = { ...gold({ revenue: 0, buyers: 0 }, [], [], []), range };
    expect(keyInsights(none).find((i) => i.id === 'peak-low')!.text).to.equal('This range holds no day of revenue data.');
  });

  it('finds the biggest movers against the same number of days before, or says there is nothing before', () => {
    const daily = (from: string, rows: [number, number, number][]) =>
      validateTable(
        'daily_metrics',
        new RowTable(rows.map(([revenue, purchases, views], i) => ({ event_date: new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10), revenue, purchases, views, carts: 10, events: views + 10 + purchases }))),
        { columns: ['event_date', 'revenue', 'purchases', 'views', 'carts', 'events'] },
      );
    expect(previousRange('2019-12-01', '2019-12-03')).to.deep.equal({ from: '2019-11-28', to: '2019-11-30' });
    const now = daily('2019-12-01', [[100, 1, 50], [200, 2, 50], [300, 3, 50]]);
    const before = daily('2019-11-28', [[400, 4, 100], [400, 4, 100], [400, 4, 50]]);
    const movers = biggestMovers({ range: { from: '2019-12-01', to: '2019-12-03' }, daily: now, previous: before }, { locale: 'en-US' })!;
    expect(movers.title).to.equal('Biggest movers against the 3 days before');
    // Revenue and purchases -50%, views -40%, events -36.3%, carts held: the first three.
    expect(movers.text).to.equal('Against Nov 28, 2019 – Nov 30, 2019: Revenue fell 50% ($1.2K → $600), purchases fell 50% (12 → 6), views fell 40% (250 → 150).');
    const empty = daily('2019-11-28', []);
    expect(biggestMovers({ range: { from: '2019-12-01', to: '2019-12-03' }, daily: now, previous: empty }, { locale: 'en-US' })!.text).to.equal(
      'The data holds no day in the 3 days before this range (Nov 28, 2019 – Nov 30, 2019) to compare it with.',
    );
    expect(biggestMovers({ daily: now, previous: before }), 'no range, nothing to compare').to.equal(undefined);
  });

  it('recommends for the chosen segment only when one is chosen', () => {
    expect(recommendations(A, { locale: 'en-US' }, 'Occasional Buyers').map((r) => r.id)).to.deep.equal(['occasional']);
  });

  it('leaves out what the data cannot support', () => {
    const empty = gold({ revenue: 0, buyers: 0 }, [], [], []);
    expect(keyInsights(empty)).to.deep.equal([]);
    expect(recommendations(empty)).to.deep.equal([]);
  });
});
