/**
 * The shape of traffic over time: weekly seasonality, a Black-Friday and holiday peak, a
 * year-end and early-spring dip, and a spring recovery, loosely following the public REES46
 * months (Oct 42M events, Nov–Dec ~67M, Jan–Mar ~56M, Apr ~67M).
 */
import { isCalendarDay, parseIsoDate } from '@goldboard/core';

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Days since the Unix epoch of a `YYYY-MM-DD` text; throws on anything else. */
export function parseDay(text: string): number {
  const ms = isCalendarDay(text) ? parseIsoDate(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`"${text}" is not a date like 2019-10-01`);
  return ms / DAY_MS;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The REES46 monthly file name of a day, e.g. `2019-Oct.csv`. */
export function monthFileName(day: number): string {
  const date = new Date(day * DAY_MS);
  return `${date.getUTCFullYear()}-${MONTHS[date.getUTCMonth()]}.csv`;
}

/** Relative traffic of weekdays, Sunday first: busier early in the week, quieter Friday–Saturday. */
const WEEKDAY = [1.04, 1.08, 1.05, 1.0, 0.97, 0.92, 0.94];

/** Monthly level keyed by calendar month (0 = Jan), from the REES46 events per day. */
const MONTH_LEVEL = [1.3, 1.38, 1.25, 1.6, 1.6, 1.6, 1.2, 1.0, 1.0, 1.0, 1.4, 1.3];

const bump = (day: number, centre: number, width: number): number =>
  Math.exp(-0.5 * ((day - centre) / width) ** 2);

/** Relative traffic of one day (≥ 0). */
export function trafficWeight(day: number): number {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const level = MONTH_LEVEL[date.getUTCMonth()]!;
  const blackFriday = blackFridayOf(year);
  const christmas = Date.UTC(year, 11, 25) / DAY_MS;
  const newYear = Date.UTC(year, 0, 1) / DAY_MS;
  const midMarch = Date.UTC(year, 2, 18) / DAY_MS;
  const peak = 1 + 1.1 * bump(day, blackFriday, 1.5) + 0.35 * bump(day, blackFriday - 12, 4);
  const holidays = 1 + 0.25 * bump(day, christmas - 12, 5);
  const yearEndDip = 1 - 0.45 * bump(day, christmas + 2, 3) - 0.35 * bump(day, newYear + 1, 2);
  const springDip = 1 - 0.2 * bump(day, midMarch, 6);
  return level * WEEKDAY[date.getUTCDay()]! * peak * holidays * yearEndDip * springDip;
}

/** Extra purchase propensity around Black Friday and before Christmas (1 = normal). */
export function buyingMood(day: number): number {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  const christmas = Date.UTC(year, 11, 25) / DAY_MS;
  return 1 + 0.6 * bump(day, blackFridayOf(year), 1.5) + 0.2 * bump(day, christmas - 10, 5);
}

/** The Friday after the fourth Thursday of November. */
export function blackFridayOf(year: number): number {
  const first = Date.UTC(year, 10, 1) / DAY_MS;
  const weekday = new Date(first * DAY_MS).getUTCDay();
  const firstThursday = first + ((4 - weekday + 7) % 7);
  return firstThursday + 21 + 1;
}

/** Relative traffic of each UTC hour (REES46 is busiest in the afternoon, Moscow time). */
export const HOUR_WEIGHTS = [
  0.9, 0.8, 0.9, 1.3, 2.0, 2.8, 3.5, 3.9, 4.1, 4.3, 4.5, 4.6, 4.8, 5.1, 5.4, 5.6, 5.8, 5.5, 4.6, 3.3,
  2.2, 1.5, 1.1, 0.9,
];

export { DAY_MS };
