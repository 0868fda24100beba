import type { Dialect } from '../dialect.js';
import { CART, PURCHASE, VIEW, inRange, purchaseRevenue } from './common.js';

/** daily_metrics: one row per UTC day with events in [from, to], in date order. */
export const dailyMetrics = (d: Dialect) => `-- daily_metrics: one row per UTC day with events in [from, to], in date order.
SELECT
${dayColumns(d, `CAST(${purchaseRevenue(d)} AS DOUBLE)`)}
FROM events
WHERE ${inRange(d)}
GROUP BY ${d.utcDay('event_time')}
ORDER BY event_date`;

/** A day's measures over `events` grouped by UTC day, `revenue` being how revenue is summed. */
export const dayColumns = (d: Dialect, revenue: string) => `  ${d.utcDay('event_time')} AS event_date,
  ${revenue} AS revenue,
  ${d.countIf(PURCHASE)} AS purchases,
  count(*) AS events,
  ${d.countIf(VIEW)} AS views,
  ${d.countIf(CART)} AS carts,
  count(DISTINCT user_id) AS users,
  ${d.countDistinctIf('user_id', PURCHASE)} AS buyers`;
