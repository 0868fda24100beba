/**
 * The Gold datasets for a date range computed in plain TypeScript from the Silver events — an
 * independent check of the SQL the server runs (true distinct counts, ranks, shares).
 */
import type { EventRow, Row } from './helpers.js';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function inRange(events: EventRow[], from: string, to: string): EventRow[] {
  return events.filter((e) => e.day >= from && e.day <= to);
}

function totals(events: EventRow[]) {
  const purchases = events.filter((e) => e.type === 'purchase');
  const revenue = sum(purchases.map((e) => e.price));
  return {
    revenue,
    purchases: purchases.length,
    events: events.length,
    views: events.filter((e) => e.type === 'view').length,
    carts: events.filter((e) => e.type === 'cart').length,
    users: new Set(events.map((e) => e.user)).size,
    buyers: new Set(purchases.map((e) => e.user)).size,
  };
}

export function kpiSummary(all: EventRow[], from: string, to: string): Row[] {
  const events = inRange(all, from, to);
  if (events.length === 0) return [];
  const t = totals(events);
  const days = events.map((e) => e.day).sort();
  return [
    {
      ...t,
      conversion_rate: t.users ? t.buyers / t.users : 0,
      avg_order_value: t.purchases ? t.revenue / t.purchases : 0,
      first_date: days[0],
      last_date: days.at(-1),
    },
  ];
}

export function dailyMetrics(all: EventRow[], from: string, to: string): Row[] {
  const byDay = new Map<string, EventRow[]>();
  for (const e of inRange(all, from, to)) byDay.set(e.day, [...(byDay.get(e.day) ?? []), e]);
  return [...byDay.keys()].sort().map((day) => ({ event_date: day, ...totals(byDay.get(day)!) }));
}

const maxText = (values: Array<string | null>) => values.filter((v): v is string => v !== null).sort().at(-1) ?? null;

export function topProducts(all: EventRow[], from: string, to: string, limit = 100): Row[] {
  const byProduct = new Map<number, EventRow[]>();
  for (const e of inRange(all, from, to)) byProduct.set(e.product, [...(byProduct.get(e.product) ?? []), e]);
  const products = [...byProduct].map(([product_id, events]) => {
    const purchases = events.filter((e) => e.type === 'purchase');
    return {
      product_id,
      category_code: maxText(events.map((e) => e.category)),
      brand: maxText(events.map((e) => e.brand)),
      revenue: sum(purchases.map((e) => e.price)),
      purchases: purchases.length,
      views: events.filter((e) => e.type === 'view').length,
    };
  });
  return products
    .filter((p) => p.purchases > 0)
    .sort((a, b) => b.revenue - a.revenue || b.purchases - a.purchases || a.product_id - b.product_id)
    .slice(0, limit)
    .map((p, i) => ({ rank: i + 1, ...p }));
}

function perUser(events: EventRow[]) {
  const byUser = new Map<number, { events: number; purchases: number; spend: number }>();
  for (const e of events) {
    const u = byUser.get(e.user) ?? { events: 0, purchases: 0, spend: 0 };
    u.events++;
    if (e.type === 'purchase') {
      u.purchases++;
      u.spend += e.price;
    }
    byUser.set(e.user, u);
  }
  return byUser;
}

export function topUsers(all: EventRow[], segments: Map<number, { segment: string }>, from: string, to: string, limit = 100, segment?: string): Row[] {
  const ranked = [...perUser(inRange(all, from, to))]
    .filter(([, u]) => u.purchases > 0)
    .sort(([ia, a], [ib, b]) => b.spend - a.spend || b.purchases - a.purchases || ia - ib)
    .map(([user_id, u], i) => ({
      rank: i + 1,
      user_id,
      purchases: u.purchases,
      spend: u.spend,
      events: u.events,
      segment: segments.get(user_id)?.segment ?? 'Browsers / Non-Converters',
    }));
  return (segment ? ranked.filter((u) => u.segment === segment) : ranked).slice(0, limit);
}

export function segmentSummary(all: EventRow[], segments: Map<number, { segment: string; cluster: number }>, from: string, to: string): Row[] {
  const bySegment = new Map<string, { clusters: Map<number, number>; users: number; revenue: number; events: number; purchases: number; buyers: number }>();
  for (const [user, u] of perUser(inRange(all, from, to))) {
    const s = segments.get(user);
    if (!s) continue;
    const agg = bySegment.get(s.segment) ?? { clusters: new Map(), users: 0, revenue: 0, events: 0, purchases: 0, buyers: 0 };
    agg.clusters.set(s.cluster, (agg.clusters.get(s.cluster) ?? 0) + 1);
    agg.users++;
    agg.revenue += u.spend;
    agg.events += u.events;
    agg.purchases += u.purchases;
    if (u.purchases > 0) agg.buyers++;
    bySegment.set(s.segment, agg);
  }
  const users = sum([...bySegment.values()].map((s) => s.users));
  const revenue = sum([...bySegment.values()].map((s) => s.revenue));
  return [...bySegment]
    .map(([segment, s]) => ({
      segment,
      cluster: modeOf(s.clusters),
      users: s.users,
      user_share: s.users / users,
      revenue: s.revenue,
      revenue_share: revenue ? s.revenue / revenue : 0,
      avg_revenue: s.revenue / s.users,
      avg_events: s.events / s.users,
      avg_purchases: s.purchases / s.users,
      conversion_rate: s.buyers / s.users,
    }))
    .sort((a, b) => b.revenue - a.revenue || b.users - a.users || (a.segment < b.segment ? -1 : 1));
}

/** The most frequent cluster of a segment's users; undefined (any answer is right) on a tie. */
function modeOf(counts: Map<number, number>): number | undefined {
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  return sorted.length > 1 && sorted[0]![1] === sorted[1]![1] ? undefined : sorted[0]?.[0];
}
