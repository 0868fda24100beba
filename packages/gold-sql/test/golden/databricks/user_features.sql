-- Per-user features of the K-Means segmentation over the events of [from, to] (UTC days).
-- recency_days: days from the user's last event to the last event of the period.
-- conversion_rate: purchases / max(views, purchases), in [0, 1] (a purchase without a
-- recorded view counts as converted), 0 without either.
WITH period AS (
  SELECT * FROM events
  WHERE month BETWEEN substr(CAST(CAST(:from AS DATE) AS STRING), 1, 7) AND substr(CAST(CAST(:to AS DATE) AS STRING), 1, 7) AND event_time >= timestamp_seconds(CAST(unix_date(CAST(:from AS DATE)) AS BIGINT) * 86400) AND event_time < timestamp_seconds(CAST(unix_date(date_add(CAST(:to AS DATE), 1)) AS BIGINT) * 86400)
),
period_end AS (SELECT max(event_time) AS last_event FROM period)
SELECT
  user_id,
  CAST(unix_micros(any_value(period_end.last_event)) - unix_micros(max(event_time)) AS DOUBLE) / 86400000000 AS recency_days,
  count_if(event_type = 'purchase') AS purchases,
  CAST(coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS DOUBLE) AS spend,
  count(*) AS events,
  count(DISTINCT user_session) AS sessions,
  CASE WHEN count_if(event_type IN ('view', 'purchase')) = 0 THEN 0.0
       ELSE CAST(count_if(event_type = 'purchase') AS DOUBLE)
            / greatest(count_if(event_type = 'view'), count_if(event_type = 'purchase'))
  END AS conversion_rate
FROM period CROSS JOIN period_end
GROUP BY user_id
ORDER BY user_id;
