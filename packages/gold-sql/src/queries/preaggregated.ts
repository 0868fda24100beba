/**
 * A build's Gold from three shared pre-aggregates instead of one scan of Silver per dataset:
 * `per_user` (one row per user of the period), `per_day` (one row per UTC day) and
 * `per_product` (one row per product), each made by one scan of `events` over [from, to]
 * (`preaggregateSql`), or, in a DuckDB build, merged from the aggregates of each Silver month
 * (`duckdbMonthAggregateSql`, `duckdbPreaggregatesFromMonths`), so that appending a month
 * aggregates that month only. Every Gold dataset but `user_segments` is then read from them.
 * The results are the range queries' results, value for value: sums of counts are the counts,
 * money is summed as DECIMAL(38, 6) at every level (exact, in any order), the largest of the
 * largest values is the largest, a user's distinct sessions are counted over the distinct
 * (user, session) pairs of every month (never added up: a session can cross a month's end), a
 * day lies in one month, and the period's distinct users and buyers are rows of `per_user`.
 * The server keeps the range queries (`sqlText`), which read only the months of a range.
 */
import type { Dialect } from '../dialect.js';
import { PURCHASE, VIEW, inRange, money } from './common.js';
import { dayColumns } from './daily-metrics.js';
import { segmentsOf } from './segment-summary.js';
import type { QueryName } from './index.js';

/** The pre-aggregate tables, in the order they are made. */
export const PREAGGREGATES = ['per_user', 'per_day', 'per_product'] as const;

/** A user's sums over some events (every `per_user` column but `user_id` and `sessions`). */
const userSums = (d: Dialect) => `max(event_time) AS last_event,
  count(*) AS events,
  ${d.countIf(PURCHASE)} AS purchases,
  ${d.countIf(VIEW)} AS views,
  ${d.sumIf(money('price'), PURCHASE)} AS revenue`;

/** A product's values over some events (every `per_product` column but `product_id`). */
const productSums = (d: Dialect) => `max(category_code) AS category_code,
  max(brand) AS brand,
  ${d.sumIf(money('price'), PURCHASE)} AS revenue,
  ${d.countIf(PURCHASE)} AS purchases,
  ${d.countIf(VIEW)} AS views`;

/** The statements making `per_user`, `per_day` and `per_product` from `events` over [from, to] (bound parameters). */
export function preaggregateSql(d: Dialect): string[] {
  return [
    `-- per_user: one row per user with events in [from, to]; revenue is NULL without a purchase.
CREATE OR REPLACE TABLE per_user AS
SELECT
  user_id,
  ${userSums(d)},
  count(DISTINCT user_session) AS sessions
FROM events
WHERE ${inRange(d)}
GROUP BY user_id`,
    `-- per_day: one row per UTC day with events in [from, to]; revenue is NULL without a purchase.
CREATE OR REPLACE TABLE per_day AS
SELECT
${dayColumns(d, d.sumIf(money('price'), PURCHASE))}
FROM events
WHERE ${inRange(d)}
GROUP BY ${d.utcDay('event_time')}`,
    `-- per_product: one row per product with events in [from, to]; category code and brand are the
-- largest non-null values seen, revenue is NULL without a purchase.
CREATE OR REPLACE TABLE per_product AS
SELECT
  product_id,
  ${productSums(d)}
FROM events
WHERE ${inRange(d)}
GROUP BY product_id`,
  ];
}

/** The aggregates kept for each month of a DuckDB Silver, one Parquet file each. */
export const MONTH_AGGREGATES = ['users', 'sessions', 'days', 'products'] as const;
export type MonthAggregate = (typeof MONTH_AGGREGATES)[number];

/**
 * What each month aggregate holds, from the month's events (a relation, e.g. its Silver file):
 * the user and product sums, the distinct (user, session) pairs, and `per_day`'s rows.
 */
const MONTH_AGGREGATE_SELECT: Record<MonthAggregate, (d: Dialect, events: string) => string> = {
  users: (d, events) => `SELECT user_id, ${userSums(d)} FROM ${events} GROUP BY user_id`,
  sessions: (_, events) => `SELECT DISTINCT user_id, user_session FROM ${events} WHERE user_session IS NOT NULL`,
  days: (d, events) => `SELECT ${dayColumns(d, d.sumIf(money('price'), PURCHASE)).trim()} FROM ${events} GROUP BY ${d.utcDay('event_time')}`,
  products: (d, events) => `SELECT product_id, ${productSums(d)} FROM ${events} GROUP BY product_id`,
};

/**
 * The COPY statements writing one month's aggregates (DuckDB) from `events` (a relation holding
 * that month's Silver events and nothing else) to `files` (Parquet, one per aggregate).
 */
export function duckdbMonthAggregateSql(d: Dialect, events: string, files: Readonly<Record<MonthAggregate, string>>): string[] {
  return MONTH_AGGREGATES.map((name) => `COPY (\n${MONTH_AGGREGATE_SELECT[name](d, events)}\n) TO ${d.string(files[name])} (FORMAT parquet)`);
}

/**
 * The statements making `per_user`, `per_day` and `per_product` (as `preaggregateSql` makes
 * them over a period holding every month) from the month aggregates' files, each list with a
 * file for every month of Silver (at least one month).
 */
export function duckdbPreaggregatesFromMonths(d: Dialect, files: Readonly<Record<MonthAggregate, readonly string[]>>): string[] {
  const read = (name: MonthAggregate) => `read_parquet([${files[name].map((f) => d.string(f)).join(', ')}])`;
  const count = (column: string) => `CAST(sum(${column}) AS ${d.types.int64}) AS ${column}`;
  return [
    `-- per_user: the months' sums of each user, and the user's distinct sessions over every month.
CREATE OR REPLACE TABLE per_user AS
SELECT
  u.user_id, u.last_event, u.events, u.purchases, u.views, u.revenue,
  coalesce(s.sessions, 0) AS sessions
FROM (
  SELECT user_id, max(last_event) AS last_event, ${count('events')}, ${count('purchases')}, ${count('views')}, sum(revenue) AS revenue
  FROM ${read('users')}
  GROUP BY user_id
) AS u
LEFT JOIN (
  SELECT user_id, count(DISTINCT user_session) AS sessions FROM ${read('sessions')} GROUP BY user_id
) AS s USING (user_id)`,
    `-- per_day: every month's days (a day lies in one month).
CREATE OR REPLACE TABLE per_day AS
SELECT * FROM ${read('days')}`,
    `-- per_product: the months' values of each product.
CREATE OR REPLACE TABLE per_product AS
SELECT
  product_id, max(category_code) AS category_code, max(brand) AS brand, sum(revenue) AS revenue, ${count('purchases')}, ${count('views')}
FROM ${read('products')}
GROUP BY product_id`,
  ];
}

/** A user's purchase revenue, 0 without any (as the range queries' `purchaseRevenue`). */
const revenue = 'coalesce(revenue, 0)';

const RENDER: Partial<Record<QueryName, (d: Dialect) => string>> = {
  user_features: (d) => `-- user_features from per_user (see the range query for the definitions).
SELECT
  user_id,
  ${d.daysBetween('period_end.last_event', 'per_user.last_event')} AS recency_days,
  purchases,
  CAST(${revenue} AS DOUBLE) AS spend,
  events,
  sessions,
  CASE WHEN views + purchases = 0 THEN 0.0
       ELSE ${d.double('purchases')} / greatest(views, purchases)
  END AS conversion_rate
FROM per_user CROSS JOIN (SELECT max(last_event) AS last_event FROM per_user) AS period_end
ORDER BY user_id`,

  kpi_summary: (d) => `-- kpi_summary from per_day and per_user; no row when there are no events.
SELECT
  CAST(coalesce(sum(revenue), 0) AS DOUBLE) AS revenue,
  sum(purchases) AS purchases,
  sum(events) AS events,
  sum(views) AS views,
  sum(carts) AS carts,
  any_value(u.users) AS users,
  any_value(u.buyers) AS buyers,
  coalesce(${d.double('any_value(u.buyers)')} / nullif(any_value(u.users), 0), 0) AS conversion_rate,
  coalesce(${d.double('sum(revenue)')} / nullif(sum(purchases), 0), 0) AS avg_order_value,
  min(event_date) AS first_date,
  max(event_date) AS last_date
FROM per_day CROSS JOIN (SELECT count(*) AS users, ${d.countIf('purchases > 0')} AS buyers FROM per_user) AS u
HAVING sum(events) > 0`,

  daily_metrics: () => `-- daily_metrics from per_day.
SELECT
  event_date,
  CAST(${revenue} AS DOUBLE) AS revenue,
  purchases, events, views, carts, users, buyers
FROM per_day
ORDER BY event_date`,

  top_products: (d) => `-- top_products from per_product (ranked as the range query ranks them).
SELECT
  CAST(row_number() OVER (ORDER BY revenue DESC, purchases DESC, product_id) AS ${d.types.int32}) AS rank,
  product_id, category_code, brand, CAST(revenue AS DOUBLE) AS revenue, purchases, views
FROM (SELECT product_id, category_code, brand, ${revenue} AS revenue, purchases, views FROM per_product)
WHERE purchases > 0
ORDER BY rank
LIMIT ${d.param('limit')}`,

  top_users: (d) => `-- top_users from per_user (ranked as the range query ranks them).
SELECT
  CAST(row_number() OVER (ORDER BY p.spend DESC, p.purchases DESC, p.user_id) AS ${d.types.int32}) AS rank,
  p.user_id, p.purchases, CAST(p.spend AS DOUBLE) AS spend, p.events,
  s.segment
FROM (SELECT user_id, purchases, ${revenue} AS spend, events FROM per_user) AS p
LEFT JOIN user_segments AS s USING (user_id)
WHERE p.purchases > 0
ORDER BY rank
LIMIT ${d.param('limit')}`,

  segment_summary: (d) => `-- segment_summary from per_user (shares of all users and revenue in the period).
WITH ${segmentsOf(d, 'coalesce(p.revenue, 0)')}`,
};

/** A query read from the pre-aggregates, or undefined when it reads `events` itself. */
export function preaggregatedText(name: QueryName, d: Dialect): string | undefined {
  return RENDER[name]?.(d);
}
