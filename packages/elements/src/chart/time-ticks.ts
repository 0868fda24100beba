/**
 * Time-axis ticks in UTC, without d3-time or d3-time-format: calendar-aligned ticks
 * (hours, days, Monday weeks, months, quarters, years) chosen so that about `count` fit, and
 * labelled with Intl in the element's locale. Gold dates are UTC days, so UTC is the only zone.
 */
import { DAY, formatDate, type DateFormatName } from '@goldboard/core';

const HOUR = 3_600_000;

type Interval =
  | { kind: 'fixed'; step: number; offset: number; unit: 'hour' | 'day' }
  | { kind: 'month'; months: number };

const INTERVALS: readonly Interval[] = [
  { kind: 'fixed', step: HOUR, offset: 0, unit: 'hour' },
  { kind: 'fixed', step: 3 * HOUR, offset: 0, unit: 'hour' },
  { kind: 'fixed', step: 6 * HOUR, offset: 0, unit: 'hour' },
  { kind: 'fixed', step: 12 * HOUR, offset: 0, unit: 'hour' },
  { kind: 'fixed', step: DAY, offset: 0, unit: 'day' },
  { kind: 'fixed', step: 2 * DAY, offset: 0, unit: 'day' },
  // 1970-01-05 was a Monday: weeks start on Mondays.
  { kind: 'fixed', step: 7 * DAY, offset: 4 * DAY, unit: 'day' },
  { kind: 'fixed', step: 14 * DAY, offset: 4 * DAY, unit: 'day' },
  { kind: 'month', months: 1 },
  { kind: 'month', months: 3 },
  { kind: 'month', months: 6 },
  { kind: 'month', months: 12 },
];

export interface TimeTick {
  readonly value: number;
  readonly label: string;
}

function approxStep(interval: Interval): number {
  return interval.kind === 'fixed' ? interval.step : interval.months * 30.4 * DAY;
}

/** A UTC date in a named date format, with core's cached formatters (bad locales fall back to the page's). */
const write = (value: number, locale: string | undefined, format: DateFormatName) => formatDate(value, format, { locale });

/**
 * Calendar-aligned UTC ticks in `[start, end]`, about `count` of them, labelled for `locale`;
 * never closer than `minStep` ms (a day for daily data: no ticks at hours it does not have).
 */
export function timeTicks(start: number, end: number, count: number, locale?: string, minStep = 0): TimeTick[] {
  if (!(end >= start) || !Number.isFinite(start) || !Number.isFinite(end)) return [];
  const span = Math.max(end - start, 1);
  const want = Math.max(1, count);
  let interval = INTERVALS[INTERVALS.length - 1]!;
  for (const candidate of INTERVALS) {
    if (approxStep(candidate) >= minStep && span / approxStep(candidate) <= want) {
      interval = candidate;
      break;
    }
  }
  const values: number[] = [];
  if (interval.kind === 'fixed') {
    const { step, offset } = interval;
    for (let t = Math.ceil((start - offset) / step) * step + offset; t <= end && values.length < 1000; t += step) values.push(t);
  } else {
    let months = interval.months;
    // Years beyond a dozen ticks: step in whole years that keep the count.
    if (months === 12) months = 12 * Math.max(1, Math.ceil(span / (365.25 * DAY) / want));
    const d = new Date(start);
    let y = d.getUTCFullYear();
    let m = Math.ceil(d.getUTCMonth() / months) * months;
    if (Date.UTC(y, m, 1) < start) m += months;
    for (let t = Date.UTC(y, m, 1); t <= end && values.length < 1000; m += months, t = Date.UTC(y, m, 1)) values.push(t);
  }
  const unit = interval.kind === 'month' ? (interval.months >= 12 ? 'year' : 'month') : interval.unit;
  return values.map((value, i) => ({ value, label: tickLabel(value, unit, i === 0 ? undefined : values[i - 1], locale) }));
}

function tickLabel(value: number, unit: 'hour' | 'day' | 'month' | 'year', previous: number | undefined, locale?: string): string {
  const date = new Date(value);
  switch (unit) {
    case 'hour':
      // Midnight shows the day, other hours the time.
      return date.getUTCHours() === 0 || previous === undefined
        ? write(value, locale, 'short-day')
        : write(value, locale, 'time');
    case 'day':
      return write(value, locale, 'short-day');
    case 'month': {
      const newYear = previous === undefined || new Date(previous).getUTCFullYear() !== date.getUTCFullYear();
      return write(value, locale, newYear ? 'month' : 'short-month');
    }
    default:
      return write(value, locale, 'year');
  }
}

/** A date (and time, for sub-day data) for tooltips and tables. */
export function formatInstant(value: number, withTime: boolean, locale?: string): string {
  if (!Number.isFinite(value)) return '—';
  return write(value, locale, withTime ? 'weekday-day-time' : 'weekday-day');
}

