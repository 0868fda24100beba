-- daily_metrics: one row per UTC day with events in [from, to], in date order.
SELECT
  date_from_unix_date(CAST(floor(unix_seconds(event_time) / 86400) AS INT)) AS event_date,
  CAST(coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS DOUBLE) AS revenue,
  count_if(event_type = 'purchase') AS purchases,
  count(*) AS events,
  count_if(event_type = 'view') AS views,
  count_if(event_type = 'cart') AS carts,
  count(DISTINCT user_id) AS users,
  count(DISTINCT CASE WHEN event_type = 'purchase' THEN user_id END) AS buyers
FROM events
WHERE month BETWEEN substr(CAST(CAST(:from AS DATE) AS STRING), 1, 7) AND substr(CAST(CAST(:to AS DATE) AS STRING), 1, 7) AND event_time >= timestamp_seconds(CAST(unix_date(CAST(:from AS DATE)) AS BIGINT) * 86400) AND event_time < timestamp_seconds(CAST(unix_date(date_add(CAST(:to AS DATE), 1)) AS BIGINT) * 86400)
GROUP BY date_from_unix_date(CAST(floor(unix_seconds(event_time) / 86400) AS INT))
ORDER BY event_date;
