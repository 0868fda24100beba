-- kpi_summary: one row for the events of [from, to] (UTC days); no row when there are none.
SELECT
  CAST(coalesce(sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase'), 0) AS DOUBLE) AS revenue,
  count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
  count(*) AS events,
  count(*) FILTER (WHERE event_type = 'view') AS views,
  count(*) FILTER (WHERE event_type = 'cart') AS carts,
  count(DISTINCT user_id) AS users,
  count(DISTINCT user_id) FILTER (WHERE event_type = 'purchase') AS buyers,
  coalesce(CAST(count(DISTINCT user_id) FILTER (WHERE event_type = 'purchase') AS DOUBLE) / nullif(count(DISTINCT user_id), 0), 0) AS conversion_rate,
  coalesce(CAST(sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase') AS DOUBLE) / nullif(count(*) FILTER (WHERE event_type = 'purchase'), 0), 0) AS avg_order_value,
  CAST(min(event_time) AS DATE) AS first_date,
  CAST(max(event_time) AS DATE) AS last_date
FROM events
WHERE month BETWEEN strftime(CAST($from AS DATE), '%Y-%m') AND strftime(CAST($to AS DATE), '%Y-%m') AND event_time >= CAST($from AS DATE) AND event_time < CAST($to AS DATE) + INTERVAL 1 DAY
HAVING count(*) > 0;
