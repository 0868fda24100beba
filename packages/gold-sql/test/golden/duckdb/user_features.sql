-- Per-user features of the K-Means segmentation over the events of [from, to] (UTC days).
-- recency_days: days from the user's last event to the last event of the period.
-- conversion_rate: purchases / max(views, purchases), in [0, 1] (a purchase without a
-- recorded view counts as converted), 0 without either.
WITH period AS (
  SELECT * FROM events
  WHERE month BETWEEN strftime(CAST($from AS DATE), '%Y-%m') AND strftime(CAST($to AS DATE), '%Y-%m') AND event_time >= CAST($from AS DATE) AND event_time < CAST($to AS DATE) + INTERVAL 1 DAY
),
period_end AS (SELECT max(event_time) AS last_event FROM period)
SELECT
  user_id,
  epoch(any_value(period_end.last_event) - max(event_time)) / 86400.0 AS recency_days,
  count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
  CAST(coalesce(sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase'), 0) AS DOUBLE) AS spend,
  count(*) AS events,
  count(DISTINCT user_session) AS sessions,
  CASE WHEN count(*) FILTER (WHERE event_type IN ('view', 'purchase')) = 0 THEN 0.0
       ELSE CAST(count(*) FILTER (WHERE event_type = 'purchase') AS DOUBLE)
            / greatest(count(*) FILTER (WHERE event_type = 'view'), count(*) FILTER (WHERE event_type = 'purchase'))
  END AS conversion_rate
FROM period CROSS JOIN period_end
GROUP BY user_id
ORDER BY user_id;
