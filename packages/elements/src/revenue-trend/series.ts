import { DAY, GoldError, firstRepeat, isAscending, isStrictlyAscending, lowerBound, parseIsoDate, type GoldTable } from '@goldboard/core';

/** One measure over time, sorted by date; built once per data change, read by every frame. */
export interface TrendSeries {
  /** Epoch ms UTC, ascending, no NaN. */
  readonly dates: Float64Array;
  /** The measure per date; NaN for a null. */
  readonly values: Float64Array;
  /** The data has several points per day (hourly data): show times, not only days. */
  readonly subDay: boolean;
  /** Peak and low of the whole series. */
  readonly extremes: Extremes;
}

/** A day as `2019-10-01`, or a time as `2019-10-01 05:00 UTC`, for messages. */
function instantText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % DAY === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * The series of `measure` over `event_date`. Already-sorted data (the usual case) is used as
 * it is, without a copy; otherwise rows are sorted by date once. Rows without a date are dropped.
 */
export function trendSeries(table: GoldTable, measure: string): TrendSeries {
  const rawDates = table.numbers('event_date');
  const rawValues = table.numbers(measure);
  let dates = rawDates;
  let values = rawValues;
  // Already-ascending dates (the usual case) are used as they are, without a copy; rising at
  // every step (the usual case too), they hold no repeat either: one pass answers both.
  const strict = isStrictlyAscending(rawDates);
  let all = strict || isAscending(rawDates) ? extremes(rawValues, 0, rawValues.length) : undefined;
  if (!all) {
    const order: number[] = [];
    for (let i = 0; i < rawDates.length; i++) if (rawDates[i] === rawDates[i]) order.push(i);
    order.sort((a, b) => rawDates[a]! - rawDates[b]!);
    dates = new Float64Array(order.length);
    values = new Float64Array(order.length);
    for (let i = 0; i < order.length; i++) {
      dates[i] = rawDates[order[i]!]!;
      values[i] = rawValues[order[i]!]!;
    }
    all = extremes(values, 0, values.length);
  }
  // One row per day (or per time, for hourly data): a repeat would be drawn as a jump within a day.
  const repeat = strict ? -1 : firstRepeat(dates);
  if (repeat >= 0) throw new GoldError('bad-data', `${table.dataset} has two rows for ${instantText(dates[repeat]!)} (event_date): the trend needs one row per day or time.`, { dataset: table.dataset });
  const n = dates.length;
  let subDay = false;
  if (n > 1) {
    // Sub-day when the typical step is under a day, or when any time is not midnight.
    subDay = (dates[n - 1]! - dates[0]!) / (n - 1) < DAY * 0.99 || dates[0]! % DAY !== 0 || dates[n - 1]! % DAY !== 0;
  }
  return { dates, values, subDay, extremes: all };
}

/**
 * The rows `[start, end)` inside `from`…`to` (`YYYY-MM-DD`, both days included; either may be
 * empty or unparseable, which leaves that side open). O(log n).
 */
export function dateRange(dates: Float64Array, from: string | undefined, to: string | undefined): [number, number] {
  const a = from ? parseIsoDate(from) : NaN;
  let b = to ? parseIsoDate(to) : NaN;
  // A day without a time means the whole day.
  if (to && /^\d{4}-\d{2}-\d{2}$/.test(to.trim()) && !Number.isNaN(b)) b += DAY;
  else if (!Number.isNaN(b)) b += 1;
  const start = Number.isNaN(a) ? 0 : lowerBound(dates, a);
  const end = Number.isNaN(b) ? dates.length : lowerBound(dates, b);
  return [start, Math.max(start, end)];
}

/**
 * The trailing moving average over `window` points (the point and the `window - 1` before
 * it), skipping nulls; NaN where the window holds no value. O(n) with a running sum.
 */
export function movingAverage(values: Float64Array, window: number): Float64Array {
  const w = Math.max(1, Math.floor(window));
  const out = new Float64Array(values.length);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // v - v is 0 only for finite numbers: nulls (NaN) and infinities are skipped.
    if (v - v === 0) {
      sum += v;
      count++;
    }
    if (i >= w) {
      const old = values[i - w]!;
      if (old - old === 0) {
        sum -= old;
        count--;
      }
    }
    out[i] = count ? sum / count : NaN;
  }
  return out;
}

/** The highest and lowest rows in `[start, end)` (first one on ties); -1 when all are null. */
export interface Extremes {
  readonly peak: number;
  readonly low: number;
  readonly defined: number;
}

export function extremes(values: Float64Array, start: number, end: number): Extremes {
  let peak = -1;
  let low = -1;
  let defined = 0;
  let high = -Infinity;
  let lowest = Infinity;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    if (v - v !== 0) continue; // null (NaN) or infinite
    defined++;
    if (v > high) {
      high = v;
      peak = i;
    }
    if (v < lowest) {
      lowest = v;
      low = i;
    }
  }
  return { peak, low, defined };
}
