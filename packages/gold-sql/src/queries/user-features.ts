import type { Dialect } from '../dialect.js';
import { PURCHASE, VIEW, inRange, purchaseRevenue } from './common.js';

/**
 * Per-user features of the K-Means segmentation over the events of [from, to] (UTC days).
 * recency_days: days from the user's last event to the last event of the period.
 * conversion_rate: purchases / max(views, purchases), in [0, 1] (a purchase without a recorded
 * view counts as converted), 0 without either.
 */
export const userFeatures = (d: Dialect) => `-- Per-user features of the K-Means segmentation over the events of [from, to] (UTC days).
-- recency_days: days from the user's last event to the last event of the period.
-- conversion_rate: purchases / max(views, purchases), in [0, 1] (a purchase without a
-- recorded view counts as converted), 0 without either.
WITH period AS (
  SELECT * FROM events
  WHERE ${inRange(d)}
),
period_end AS (SELECT max(event_time) AS last_event FROM period)
SELECT
  user_id,
  ${d.daysBetween('any_value(period_end.last_event)', 'max(event_time)')} AS recency_days,
  ${d.countIf(PURCHASE)} AS purchases,
  CAST(${purchaseRevenue(d)} AS DOUBLE) AS spend,
  count(*) AS events,
  count(DISTINCT user_session) AS sessions,
  CASE WHEN ${d.countIf("event_type IN ('view', 'purchase')")} = 0 THEN 0.0
       ELSE ${d.double(d.countIf(PURCHASE))}
            / greatest(${d.countIf(VIEW)}, ${d.countIf(PURCHASE)})
  END AS conversion_rate
FROM period CROSS JOIN period_end
GROUP BY user_id
ORDER BY user_id`;
