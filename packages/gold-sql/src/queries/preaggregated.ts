/**
 * A build's Gold from two shared pre-aggregates instead of one scan of Silver per dataset:
 * `per_user` (one row per user of the period) and `per_day` (one row per UTC day), each made by
 * one scan of `events` over [from, to]. `user_features`, `kpi_summary`, `daily_metrics`,
 * `top_users` and `segment_summary` are then read from them; `top_products` keeps its own scan
 * (it is its own pre-aggregate, per product). The results are the range queries' results,
 * value for value: sums of counts are the counts, money is summed as DECIMAL(38, 6) at both
 * levels (exact, in any order), a user's distinct days or sessions are never added up, and the
 * period's distinct users and buyers are rows of `per_user`. The server keeps the range queries
 * (`sqlText`), which read only the months of a range.
 */
import type { Dialect } from '../dialect.js';
import { PURCHASE, VIEW, inRange, money } from './common.js';
import { dayColumns } from './daily-metrics.js';
import { segmentsOf } from './segment-summary.js';
import type { QueryName } from './index.js';

/** The pre-aggregate tables, in the order they are made. */
export const PREAGGREGATES = ['per_user', 'per_day'] as const;

/** The statements making `per_user` and `per_day` from `events` over [from, to] (bound parameters). */
export function preaggregateSql(d: Dialect): string[] {
  return [
    `-- per_user: one row per user with events in [from, to]; revenue is NULL without a purchase.
CREATE OR REPLACE TABLE per_user AS
SELECT
  user_id,
  max(event_time) AS last_event,
  count(*) AS events,
  ${d.countIf(PURCHASE)} AS purchases,
  ${d.countIf(VIEW)} AS views,
  ${d.sumIf(money('price'), PURCHASE)} AS revenue,
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

/** A query read from the pre-aggregates, or undefined when it reads `events` itself (`top_products`). */
export function preaggregatedText(name: QueryName, d: Dialect): string | undefined {
  return RENDER[name]?.(d);
}
