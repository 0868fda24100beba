import type { Dialect } from '../dialect.js';
import { CART, PURCHASE, VIEW, inRange, money, purchaseRevenue } from './common.js';

/** kpi_summary: one row for the events of [from, to] (UTC days); no row when there are none. */
export const kpiSummary = (d: Dialect) => `-- kpi_summary: one row for the events of [from, to] (UTC days); no row when there are none.
SELECT
  CAST(${purchaseRevenue(d)} AS DOUBLE) AS revenue,
  ${d.countIf(PURCHASE)} AS purchases,
  count(*) AS events,
  ${d.countIf(VIEW)} AS views,
  ${d.countIf(CART)} AS carts,
  count(DISTINCT user_id) AS users,
  ${d.countDistinctIf('user_id', PURCHASE)} AS buyers,
  coalesce(${d.double(d.countDistinctIf('user_id', PURCHASE))} / nullif(count(DISTINCT user_id), 0), 0) AS conversion_rate,
  coalesce(${d.double(d.sumIf(money('price'), PURCHASE))} / nullif(${d.countIf(PURCHASE)}, 0), 0) AS avg_order_value,
  ${d.utcDay('min(event_time)')} AS first_date,
  ${d.utcDay('max(event_time)')} AS last_date
FROM events
WHERE ${inRange(d)}
HAVING count(*) > 0`;
