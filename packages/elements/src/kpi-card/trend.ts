import { DAY, GoldError, KPI_SUMMARY_MEASURES, firstRepeat, isoDay, lowerBound, type GoldTable } from '@goldboard/core';
import type { LoadContext } from '../base/gold-data-controller.js';
import { sparkline, type Sparkline } from './sparkline.js';

/**
 * How a `kpi_summary` measure is read from `daily_metrics`, after how the measure combines
 * (see core's measures): additive measures are sums of days; ratios are ratios of sums;
 * distinct counts (users, buyers) cannot be summed over days, so their trend is the mean per day.
 */
export type DailyRule =
  | { kind: 'sum'; column: string }
  | { kind: 'ratio'; numerator: string; denominator: string }
  | { kind: 'mean'; column: string };

/** The daily rule of a `kpi_summary` measure, or undefined when it has no daily counterpart. */
export function dailyRule(measure: string): DailyRule | undefined {
  if (!Object.hasOwn(KPI_SUMMARY_MEASURES, measure)) return undefined;
  const { combine } = KPI_SUMMARY_MEASURES[measure]!;
  if (combine === 'sum') return { kind: 'sum', column: measure };
  if (combine === 'distinct') return { kind: 'mean', column: measure };
  return combine && { kind: 'ratio', ...combine };
}

/** The `daily_metrics` columns a measure's trend needs. */
export function dailyColumns(rule: DailyRule): string[] {
  return rule.kind === 'ratio' ? ['event_date', rule.numerator, rule.denominator] : ['event_date', rule.column];
}

export interface DailySeries {
  /** Day starts, epoch ms UTC, ascending. */
  readonly dates: Float64Array;
  /** The measure's value per day (ratios per day). */
  readonly values: Float64Array;
  /** Per-day parts, for windows: numerator (or the value) and denominator (or 1). */
  readonly numerators: Float64Array;
  readonly denominators: Float64Array;
}

/** The measure per day, sorted by day, from a validated `daily_metrics` table. */
export function dailySeries(table: GoldTable, rule: DailyRule): DailySeries {
  const n = table.numRows;
  const rawDates = table.numbers('event_date');
  const num = table.numbers(rule.kind === 'ratio' ? rule.numerator : rule.column);
  const den = rule.kind === 'ratio' ? table.numbers(rule.denominator) : undefined;
  const order = Array.from({ length: n }, (_, i) => i)
    .filter((i) => !Number.isNaN(rawDates[i]!))
    .sort((a, b) => rawDates[a]! - rawDates[b]!);
  const m = order.length;
  const dates = new Float64Array(m);
  const values = new Float64Array(m);
  const numerators = new Float64Array(m);
  const denominators = new Float64Array(m);
  order.forEach((row, i) => {
    dates[i] = rawDates[row]!;
    numerators[i] = num[row]!;
    denominators[i] = den ? den[row]! : 1;
    values[i] = den ? (denominators[i] ? numerators[i]! / denominators[i]! : NaN) : numerators[i]!;
  });
  // One row per calendar day (UTC), whatever the time of day the dates carry.
  const repeat = firstRepeat(dates.map((t) => Math.floor(t / DAY)));
  if (repeat >= 0) throw new GoldError('bad-data', `${table.dataset} has two rows for ${isoDay(dates[repeat]!)}: one row per day.`, { dataset: table.dataset });
  return { dates, values, numerators, denominators };
}

function windowValue(series: DailySeries, rule: DailyRule, start: number, end: number): number {
  let num = 0;
  let den = 0;
  for (let i = start; i < end; i++) {
    const a = series.numerators[i]!;
    const b = series.denominators[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    num += a;
    den += b;
  }
  if (rule.kind === 'sum') return num;
  return den ? num / den : NaN;
}

export interface PeriodDelta {
  readonly current: number;
  readonly previous: number;
  /** Relative change, (current - previous) / |previous|; NaN when previous is 0. */
  readonly change: number;
  readonly days: number;
}

/**
 * The measure over the last `days` days of the series against the `days` days before them;
 * undefined when the series is shorter than two windows.
 */
export function periodDelta(series: DailySeries, rule: DailyRule, days: number): PeriodDelta | undefined {
  const { dates } = series;
  const n = dates.length;
  const d = Math.floor(days);
  if (!(d >= 1) || n === 0) return undefined;
  // Calendar windows, not rows: the last `d` days up to the last day, and the `d` days before
  // them. Days missing from the table count as nothing; a series that does not reach back to
  // the first of the earlier window has no delta.
  // Window edges at UTC midnights: dates with a time of day fall in their calendar day.
  const last = Math.floor(dates[n - 1]! / DAY) * DAY;
  const currentStart = last - (d - 1) * DAY;
  const previousStart = currentStart - d * DAY;
  if (dates[0]! >= previousStart + DAY) return undefined;
  const split = lowerBound(dates, currentStart);
  const begin = lowerBound(dates, previousStart);
  if (begin === split) return undefined;
  const current = windowValue(series, rule, split, n);
  const previous = windowValue(series, rule, begin, split);
  const change = previous ? (current - previous) / Math.abs(previous) : NaN;
  return { current, previous, change, days: d };
}

/** What a kpi-card's trend draws once its data is in. */
export interface KpiTrend {
  readonly series: DailySeries;
  readonly delta: PeriodDelta | undefined;
  /** The sparkline's path, built once per load (the card renders again for its menu, say). */
  readonly line: Sparkline | undefined;
}

/**
 * A card's trend of `measure` (none for a measure without a daily counterpart). The trend is an
 * extra: when it fails the card still shows its value, and says why the trend is missing.
 */
export async function loadTrend(context: LoadContext, measure: string, days: number): Promise<{ data?: KpiTrend; error?: string }> {
  const rule = dailyRule(measure);
  if (!rule) return {};
  try {
    const daily = await context.load('daily_metrics', dailyColumns(rule));
    const series = dailySeries(daily, rule);
    return { data: { series, delta: periodDelta(series, rule, days), line: sparkline(series.dates, series.values, 100, 28) } };
  } catch (error) {
    if (context.signal.aborted) throw error;
    return { error: `Trend unavailable: ${(error as Error).message}` };
  }
}
