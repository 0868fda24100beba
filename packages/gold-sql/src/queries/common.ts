/** Fragments every Gold query shares: the date range, money, and the event types. */
import type { Dialect } from '../dialect.js';

export const PURCHASE = "event_type = 'purchase'";
export const VIEW = "event_type = 'view'";
export const CART = "event_type = 'cart'";

/** Money is summed as DECIMAL(38, 6): exact and the same whatever the order of rows (a float sum is not). */
export const money = (value: string) => `CAST(${value} AS DECIMAL(38, 6))`;

/** Revenue of purchases, exact (DECIMAL), 0 without any. */
export const purchaseRevenue = (d: Dialect) => `coalesce(${d.sumIf(money('price'), PURCHASE)}, 0)`;

/**
 * Events of the UTC days [from, to], both bound parameters. The `month` condition is implied by
 * the time one; it is there so that DuckDB reads only the range's month partitions of Silver.
 */
export function inRange(d: Dialect, column = 'event_time'): string {
  const day = (name: string) => `CAST(${d.param(name)} AS DATE)`;
  return (
    `month BETWEEN ${d.month(day('from'))} AND ${d.month(day('to'))} AND ` +
    `${column} >= ${d.dayStart(day('from'))} AND ${column} < ${d.dayStart(d.nextDay(day('to')))}`
  );
}

/** Silver's `month` of an event: the `YYYY-MM` of its UTC day. */
export const eventMonth = (d: Dialect, column = 'event_time') => d.month(d.utcDay(column));
