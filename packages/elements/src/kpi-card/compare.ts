import { DAY, GoldError, KPI_SUMMARY_MEASURES, formatDate, isAbortError, isoDay, lowerBound, parseIsoDate, type GoldTable } from '@goldboard/core';
import type { DayRange, LoadContext } from '../base/gold-data-controller.js';
import { dailyColumns, dailyRule, dailySeries, loadTrend } from './trend.js';
import { provideCompareCode } from './compare-code.js';

export { loadTrend } from './trend.js';

/**
 * `<kpi-card compare>`: the card's figure against the same-length period before it
 * (`previous`) or the same days a year earlier (`last-year`). With the card's trend
 * (`loadTrend`), a chunk of its own, loaded only by cards that show a trend or compare.
 *
 * The period shown is the card's `from`…`to`, else the Gold period (`first_date`…`last_date`
 * of `kpi_summary`). Sums (revenue, purchases, …) and ratios of sums (average order value) are
 * summed from `daily_metrics` over both periods, read in one request. Distinct counts (users,
 * buyers) and what is made of them (conversion rate) cannot be added up over days: both periods'
 * figures are `kpi_summary` computed for each range by the source (the Gold server does); a
 * source that cannot compute a range (a Gold folder's files hold the whole period only) is said
 * to be so, never approximated.
 */

export type CompareMode = 'previous' | 'last-year';

/** The comparison a card shows, or why it has none. */
export type Comparison =
  | {
      readonly current: number;
      readonly previous: number;
      /** (current - previous) / |previous|. */
      readonly change: number;
      /** `previous period` or `last year`. */
      readonly label: string;
      /** The compared period, for people. */
      readonly period: string;
    }
  | { readonly error: string };

/** The same day a year earlier (29 February: the 28th). */
export function yearBefore(ms: number): number {
  const d = new Date(ms);
  const shifted = Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate());
  return new Date(shifted).getUTCMonth() === d.getUTCMonth() ? shifted : shifted - DAY;
}

/** The period compared with `[from, to]` (epoch ms of UTC days, both included). */
export function comparedPeriod(mode: CompareMode, from: number, to: number): [number, number] {
  if (mode === 'last-year') return [yearBefore(from), yearBefore(to)];
  return [from - (to - from) - DAY, from - DAY];
}

/** A measure whose periods must be computed by the source (a distinct count, or a ratio with one). */
export function needsRange(measure: string): boolean {
  const combine = KPI_SUMMARY_MEASURES[measure]?.combine;
  const distinct = (m: string) => KPI_SUMMARY_MEASURES[m]?.combine === 'distinct';
  return combine === 'distinct' || (typeof combine === 'object' && (distinct(combine.numerator) || distinct(combine.denominator)));
}

const range = (a: number, b: number): DayRange => ({ from: isoDay(a), to: isoDay(b) });

/** The card's comparison. Every failure is said in the result (an abort is thrown). */
export async function compareFigure(
  context: LoadContext,
  summary: GoldTable,
  options: { measure: string; mode: CompareMode; from?: string | undefined; to?: string | undefined; locale?: string | undefined },
): Promise<Comparison> {
  const { measure, mode, locale } = options;
  const label = mode === 'last-year' ? 'last year' : 'previous period';
  try {
    const from = options.from ? parseIsoDate(options.from) : summary.getChild('first_date')?.kind === 'date' ? (summary.getChild('first_date')!.get(0) as number | null) : null;
    const to = options.to ? parseIsoDate(options.to) : summary.getChild('last_date')?.kind === 'date' ? (summary.getChild('last_date')!.get(0) as number | null) : null;
    if (from === null || to === null || Number.isNaN(from) || Number.isNaN(to)) {
      return { error: `No ${label} to compare with: set from and to, or read a kpi_summary with first_date and last_date.` };
    }
    const [a, b] = comparedPeriod(mode, from, to);
    const period = `${formatDate(a, 'day', { locale })} – ${formatDate(b, 'day', { locale })}`;
    let current: number;
    let previous: number;
    if (needsRange(measure)) {
      // Both figures computed for their range by the source; the headline is the current one.
      current = exactFigure(summary, measure, from, to);
      previous = exactFigure(await context.load('kpi_summary', [measure, 'first_date', 'last_date'], range(a, b)), measure, a, b);
    } else {
      const rule = dailyRule(measure);
      if (!rule || rule.kind === 'mean') return { error: `${measure} cannot be compared over periods.` };
      // One request for both periods (the compared one is before the current one).
      const daily = dailySeries(await context.load('daily_metrics', dailyColumns(rule), range(a, to)), rule);
      const { dates } = daily;
      if (!dates.length || dates[0]! > a) {
        return { error: `No ${label} to compare with: the daily data starts ${dates.length ? isoDay(dates[0]!) : 'nowhere'}, after ${isoDay(a)}.` };
      }
      current = periodValue(daily, rule.kind, from, to);
      previous = periodValue(daily, rule.kind, a, b);
    }
    const change = previous ? (current - previous) / Math.abs(previous) : NaN;
    return { current, previous, change, label, period };
  } catch (error) {
    if (isAbortError(error) || context.signal.aborted) throw error;
    return { error: `No comparison with the ${label}: ${(error as Error).message}` };
  }
}

/** Sum (or ratio of sums) of days `[from, to]`. */
function periodValue(daily: ReturnType<typeof dailySeries>, kind: 'sum' | 'ratio', from: number, to: number): number {
  let num = 0;
  let den = 0;
  for (let i = lowerBound(daily.dates, from); i < daily.dates.length && daily.dates[i]! < to + DAY; i++) {
    const n = daily.numerators[i]!;
    const d = daily.denominators[i]!;
    if (n - n !== 0 || d - d !== 0) continue;
    num += n;
    den += d;
  }
  return kind === 'sum' ? num : den ? num / den : NaN;
}

/**
 * The measure of a `kpi_summary` computed for `[from, to]`: refused when the table covers days
 * outside it (a source that ignores ranges, such as a folder's files of the whole period).
 */
function exactFigure(table: GoldTable, measure: string, from: number, to: number): number {
  const first = table.getChild('first_date');
  const last = table.getChild('last_date');
  const a = first?.kind === 'date' ? (first.get(0) as number | null) : undefined;
  const b = last?.kind === 'date' ? (last.get(0) as number | null) : undefined;
  // No day in the range: nothing happened then.
  if (a === null && b === null) return 0;
  if (a === undefined || b === undefined || a! < from || b! > to + DAY - 1) {
    throw new GoldError(
      'bad-data',
      `${measure} is a count of distinct people, which cannot be added up over days: both periods need kpi_summary computed for their range, which this source does not do (a Gold folder's files hold the whole period; use the Gold server).`,
      { dataset: 'kpi_summary', column: measure },
    );
  }
  return table.numbers(measure)[0]!;
}

// The cards drawn from now on use this module without importing it again.
provideCompareCode({ loadTrend, compareFigure });
