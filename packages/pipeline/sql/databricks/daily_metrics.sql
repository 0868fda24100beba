-- daily_metrics over [:from, :to] (UTC days). Same as ../daily_metrics.sql.
SELECT
  CAST(event_time AS DATE) AS event_date,
  CAST(coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS DOUBLE) AS revenue,
  count_if(event_type = 'purchase') AS purchases,
  count(*) AS events,
  count_if(event_type = 'view') AS views,
  count_if(event_type = 'cart') AS carts,
  count(DISTINCT user_id) AS users,
  count(DISTINCT CASE WHEN event_type = 'purchase' THEN user_id END) AS buyers
FROM events
WHERE event_time >= CAST(:from AS DATE) AND event_time < date_add(CAST(:to AS DATE), 1)
GROUP BY CAST(event_time AS DATE)
ORDER BY event_date
