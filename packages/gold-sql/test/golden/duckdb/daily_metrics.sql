-- daily_metrics: one row per UTC day with events in [from, to], in date order.
SELECT
  CAST(event_time AS DATE) AS event_date,
  CAST(coalesce(sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase'), 0) AS DOUBLE) AS revenue,
  count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
  count(*) AS events,
  count(*) FILTER (WHERE event_type = 'view') AS views,
  count(*) FILTER (WHERE event_type = 'cart') AS carts,
  count(DISTINCT user_id) AS users,
  count(DISTINCT user_id) FILTER (WHERE event_type = 'purchase') AS buyers
FROM events
WHERE month BETWEEN strftime(CAST($from AS DATE), '%Y-%m') AND strftime(CAST($to AS DATE), '%Y-%m') AND event_time >= CAST($from AS DATE) AND event_time < CAST($to AS DATE) + INTERVAL 1 DAY
GROUP BY CAST(event_time AS DATE)
ORDER BY event_date;
