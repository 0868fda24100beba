-- kpi_summary over [:from, :to] (UTC days); no row when there are no events. Same as ../kpi_summary.sql.
SELECT
  CAST(coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS DOUBLE) AS revenue,
  count_if(event_type = 'purchase') AS purchases,
  count(*) AS events,
  count_if(event_type = 'view') AS views,
  count_if(event_type = 'cart') AS carts,
  count(DISTINCT user_id) AS users,
  count(DISTINCT CASE WHEN event_type = 'purchase' THEN user_id END) AS buyers,
  coalesce(count(DISTINCT CASE WHEN event_type = 'purchase' THEN user_id END) / nullif(count(DISTINCT user_id), 0), 0) AS conversion_rate,
  CAST(coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END) / nullif(count_if(event_type = 'purchase'), 0), 0) AS DOUBLE) AS avg_order_value,
  CAST(min(event_time) AS DATE) AS first_date,
  CAST(max(event_time) AS DATE) AS last_date
FROM events
WHERE event_time >= CAST(:from AS DATE) AND event_time < date_add(CAST(:to AS DATE), 1)
HAVING count(*) > 0
