/**
 * Key insights and the recommendations that follow from them, computed from Gold tables: if the
 * data changes, the text changes. Pure functions of validated tables (no DOM, no request), so
 * they are tested with hand-made Gold sets; `<goldboard-insight>` shows them.
 */
import { DAY, SEGMENT_LABELS, formatDate, formatNumber, type FormatOptions, type GoldTable } from '@goldboard/core';

/** The Gold tables the insights read; each insight says nothing when its tables are missing. */
export interface GoldForInsights {
  /** `kpi_summary` of the range: revenue, buyers. */
  kpi?: GoldTable | undefined;
  /** `daily_metrics` of the range: event_date, revenue (and the other sums, for the movers). */
  daily?: GoldTable | undefined;
  /** `daily_metrics` of the same number of days before the range, for the movers. */
  previous?: GoldTable | undefined;
  /** The range asked for (UTC days), when one was: the movers compare it with the days before. */
  range?: { from: string; to: string } | undefined;
  segments?: GoldTable | undefined;
  /** `top_users`: spend. */
  topUsers?: GoldTable | undefined;
}

export interface Insight {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

const [HIGH_VALUE, OCCASIONAL, BROWSERS] = SEGMENT_LABELS;

/** The sums compared by the movers, with their names in a sentence. */
export const MOVER_MEASURES = [
  ['revenue', 'revenue'],
  ['purchases', 'purchases'],
  ['views', 'views'],
  ['carts', 'cart additions'],
  ['events', 'events'],
] as const;

interface SegmentRow {
  segment: string;
  users: number;
  user_share: number;
  revenue_share: number;
  avg_revenue: number;
  avg_events: number;
  avg_purchases: number;
  conversion_rate: number;
}

/** "only 2%", or in words when the share rounds to nothing. */
function boughtShare(rate: number, pct: (v: number) => string): string {
  if (pct(rate) !== pct(0)) return `only ${pct(rate)}`;
  return rate > 0 ? 'almost none of them' : 'none of them';
}

/** The text formats of the insights, for one locale and currency. */
function formatters(options: FormatOptions) {
  return {
    pct: (v: number) => formatNumber(v, 'percent', options),
    money: (v: number) => formatNumber(v, 'compact-currency', options),
    count: (v: number) => formatNumber(v, 'number', options),
    day: (v: number) => formatDate(v, 'long-day', options),
    shortDay: (v: number) => formatDate(v, 'day', options),
  };
}

function segmentRows(table: GoldTable | undefined): SegmentRow[] {
  if (!table) return [];
  const col = (name: string) => table.numbers(name);
  const labels = table.texts('segment');
  return labels.map((segment, i) => ({
    segment: segment ?? 'Unlabelled',
    users: col('users')[i]!,
    user_share: col('user_share')[i]!,
    revenue_share: col('revenue_share')[i]!,
    avg_revenue: col('avg_revenue')[i]!,
    avg_events: col('avg_events')[i]!,
    avg_purchases: col('avg_purchases')[i]!,
    conversion_rate: col('conversion_rate')[i]!,
  }));
}

function maxBy<T>(rows: readonly T[], value: (row: T) => number): T | undefined {
  let best: T | undefined;
  for (const row of rows) if (!Number.isNaN(value(row)) && (best === undefined || value(row) > value(best))) best = row;
  return best;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The rows of a daily table within [from, to] (UTC days; a static file holds every day). */
export function daysWithin(daily: GoldTable, from: string | undefined, to: string | undefined): GoldTable {
  if (!from && !to) return daily;
  const lo = from ? Date.parse(from) : -Infinity;
  const hi = to ? Date.parse(to) : Infinity;
  const rows: number[] = [];
  daily.numbers('event_date').forEach((day, i) => {
    if (day >= lo && day <= hi) rows.push(i);
  });
  return daily.take(rows);
}

/** The same number of days just before a range: `[from - n, from - 1]`. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const start = Date.parse(from);
  const days = Math.round((Date.parse(to) - start) / DAY) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(start - days * DAY), to: iso(start - DAY) };
}

/** The key insights, most telling first. An insight whose data is missing is left out; one whose range holds too little data says so. */
export function keyInsights(gold: GoldForInsights, options: FormatOptions = {}): Insight[] {
  const { pct, money, count, day } = formatters(options);
  const insights: Insight[] = [];
  const segments = segmentRows(gold.segments);
  const revenue = gold.kpi?.numbers('revenue')[0] ?? NaN;
  const buyers = gold.kpi?.numbers('buyers')[0] ?? NaN;

  const highValue = segments.find((s) => s.segment === HIGH_VALUE);
  if (highValue && highValue.users > 0) {
    // The title says what the shares show: "a few … most" only when they are a few and bring most.
    const few = highValue.user_share <= 0.2;
    const most = highValue.revenue_share > 0.5;
    const title = few && most
      ? 'A few customers make most of the revenue'
      : highValue.revenue_share > highValue.user_share
        ? `${HIGH_VALUE} bring more than their share of revenue`
        : `${HIGH_VALUE} bring no more than their share of revenue`;
    insights.push({
      id: 'concentration',
      title,
      text: `${HIGH_VALUE} are ${pct(highValue.user_share)} of users but bring ${pct(highValue.revenue_share)} of revenue (${money(highValue.avg_revenue)} each on average).`,
    });
  }

  const spend = gold.topUsers?.numbers('spend') ?? new Float64Array();
  if (spend.length > 0 && revenue > 0 && buyers > 0) {
    const topSpend = spend.reduce((sum, v) => sum + (Number.isNaN(v) ? 0 : v), 0);
    insights.push({
      id: 'top-buyers',
      title: `The top ${count(spend.length)} buyers`,
      text: `The ${count(spend.length)} biggest spenders (${pct(spend.length / buyers)} of ${count(buyers)} buyers) made ${pct(topSpend / revenue)} of revenue: ${money(topSpend)} of ${money(revenue)}.`,
    });
  }

  const mostEngaged = maxBy(segments, (s) => s.avg_events);
  if (mostEngaged) {
    const convertsLeast = mostEngaged.conversion_rate <= Math.min(...segments.map((s) => s.conversion_rate));
    insights.push({
      id: 'engagement',
      title: convertsLeast ? 'Engagement without conversion' : 'Engagement drives conversion',
      text: `${mostEngaged.segment} are the most engaged, with ${count(mostEngaged.avg_events)} events per user, and ${pct(mostEngaged.conversion_rate)} of them bought${convertsLeast ? ': the lowest conversion of any segment' : ''}.`,
    });
  }

  const largest = maxBy(segments, (s) => s.users);
  if (largest) {
    insights.push({
      id: 'largest-segment',
      title: 'The largest segment',
      text: `${largest.segment} is the largest segment: ${count(largest.users)} users, ${pct(largest.user_share)} of all, bringing ${pct(largest.revenue_share)} of revenue.`,
    });
  }

  if (gold.daily) {
    const dates = gold.daily.numbers('event_date');
    const dailyRevenue = gold.daily.numbers('revenue');
    let peak = -1;
    let low = -1;
    let days = 0;
    dailyRevenue.forEach((v, i) => {
      if (Number.isNaN(v) || Number.isNaN(dates[i]!)) return;
      days++;
      if (peak < 0 || v > dailyRevenue[peak]!) peak = i;
      if (low < 0 || v < dailyRevenue[low]!) low = i;
    });
    if (peak >= 0 && low >= 0 && peak !== low) {
      const typical = median(dailyRevenue);
      insights.push({
        id: 'peak-low',
        title: 'Peak and low days',
        text: `Revenue peaked on ${day(dates[peak]!)} at ${money(dailyRevenue[peak]!)} (${count(dailyRevenue[peak]! / typical)}× a typical day of ${money(typical)}) and was lowest on ${day(dates[low]!)} at ${money(dailyRevenue[low]!)}.`,
      });
    } else if (gold.range) {
      // A range asked for that holds too little data: said, not left blank.
      insights.push({
        id: 'peak-low',
        title: 'Too few days for a peak and a low',
        text: days === 0 ? 'This range holds no day of revenue data.' : `This range holds one day of revenue data (${day(dates[peak]!)}: ${money(dailyRevenue[peak]!)}), nothing to compare it with.`,
      });
    }
  }

  const movers = biggestMovers(gold, options);
  if (movers) insights.push(movers);
  return insights;
}

/**
 * The sums that moved most against the same number of days before the range (revenue,
 * purchases, views, cart additions, events); undefined without a range. When the data holds no
 * day before the range, it says so.
 */
export function biggestMovers(gold: GoldForInsights, options: FormatOptions = {}): Insight | undefined {
  const { range, daily, previous } = gold;
  if (!range || !daily || !previous) return undefined;
  const { pct, money, count, shortDay } = formatters(options);
  const before = previousRange(range.from, range.to);
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY) + 1;
  const span = `${shortDay(Date.parse(before.from))} – ${shortDay(Date.parse(before.to))}`;
  if (previous.numRows === 0 || daily.numRows === 0) {
    return {
      id: 'movers',
      title: 'Nothing to compare with',
      text: daily.numRows === 0 ? 'This range holds no day of data to compare.' : `The data holds no day in the ${count(days)} days before this range (${span}) to compare it with.`,
    };
  }
  const sum = (table: GoldTable, column: string) => table.numbers(column).reduce((a, v) => a + (Number.isNaN(v) ? 0 : v), 0);
  const moves = MOVER_MEASURES.flatMap(([column, words]) => {
    const [now, then] = [sum(daily, column), sum(previous, column)];
    return then > 0 ? [{ words, now, then, change: now / then - 1, money: column === 'revenue' }] : [];
  }).sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  if (moves.length === 0) return undefined;
  const phrase = (m: (typeof moves)[number]) => {
    const amounts = m.money ? ` (${money(m.then)} → ${money(m.now)})` : ` (${count(m.then)} → ${count(m.now)})`;
    const way = pct(Math.abs(m.change)) === pct(0) ? 'held steady' : `${m.change > 0 ? 'rose' : 'fell'} ${pct(Math.abs(m.change))}`;
    return `${m.words} ${way}${amounts}`;
  };
  const [first, ...rest] = moves.slice(0, 3).map(phrase);
  const sentence = `${first![0]!.toUpperCase()}${first!.slice(1)}${rest.length ? `, ${rest.join(', ')}` : ''}`;
  return {
    id: 'movers',
    title: `Biggest movers against the ${count(days)} days before`,
    text: `Against ${span}: ${sentence}.`,
  };
}

/**
 * What to do about it: one recommendation per segment, with the segment's own figures; only the
 * chosen segment's when one is.
 */
export function recommendations(gold: GoldForInsights, options: FormatOptions = {}, segment?: string): Insight[] {
  const { pct, money, count } = formatters(options);
  const segments = segmentRows(gold.segments).filter((s) => !segment || s.segment === segment);
  const out: Insight[] = [];
  const highValue = segments.find((s) => s.segment === HIGH_VALUE);
  if (highValue && highValue.users > 0) {
    out.push({
      id: 'high-value',
      title: `Keep the ${HIGH_VALUE}`,
      text: `Personalised campaigns and loyalty rewards for the ${count(highValue.users)} ${HIGH_VALUE}: they average ${money(highValue.avg_revenue)} and ${count(highValue.avg_purchases)} purchases each, ${pct(highValue.revenue_share)} of revenue in all.`,
    });
  }
  const browsers = segments.find((s) => s.segment === BROWSERS);
  if (browsers && browsers.users > 0) {
    out.push({
      id: 'browsers',
      title: `Retarget the ${BROWSERS}`,
      text: `Retargeting and cart reminders for the ${count(browsers.users)} ${BROWSERS} (${pct(browsers.user_share)} of users): ${count(browsers.avg_events)} events each, yet ${boughtShare(browsers.conversion_rate, pct)} bought.`,
    });
  }
  const occasional = segments.find((s) => s.segment === OCCASIONAL);
  if (occasional && occasional.users > 0) {
    out.push({
      id: 'occasional',
      title: `Nudge the ${OCCASIONAL}`,
      text: `Timely nudges (restock alerts, bundles, second-purchase offers) for the ${count(occasional.users)} ${OCCASIONAL}, who buy ${count(occasional.avg_purchases)} times on average for ${money(occasional.avg_revenue)}.`,
    });
  }
  return out;
}
