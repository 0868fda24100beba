-- Per-user features over [:from, :to] (UTC days). Same as ../user_features.sql.
WITH period AS (
  SELECT * FROM events
  WHERE event_time >= CAST(:from AS DATE) AND event_time < date_add(CAST(:to AS DATE), 1)
),
period_end AS (SELECT max(event_time) AS last_event FROM period)
SELECT
  user_id,
  (unix_micros(any_value(period_end.last_event)) - unix_micros(max(event_time))) / 86400000000.0 AS recency_days,
  count_if(event_type = 'purchase') AS purchases,
  CAST(coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS DOUBLE) AS spend,
  count(*) AS events,
  count(DISTINCT user_session) AS sessions,
  CASE WHEN count_if(event_type IN ('view', 'purchase')) = 0 THEN 0.0
       ELSE count_if(event_type = 'purchase') / greatest(count_if(event_type = 'view'), count_if(event_type = 'purchase'))
  END AS conversion_rate
FROM period CROSS JOIN period_end
GROUP BY user_id
ORDER BY user_id
