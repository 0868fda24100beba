-- kpi_summary: one row for the events of [from, to] (UTC days); no row when there are none.
SELECT
  CAST(coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS DOUBLE) AS revenue,
  count_if(event_type = 'purchase') AS purchases,
  count(*) AS events,
  count_if(event_type = 'view') AS views,
  count_if(event_type = 'cart') AS carts,
  count(DISTINCT user_id) AS users,
  count(DISTINCT CASE WHEN event_type = 'purchase' THEN user_id END) AS buyers,
  coalesce(CAST(count(DISTINCT CASE WHEN event_type = 'purchase' THEN user_id END) AS DOUBLE) / nullif(count(DISTINCT user_id), 0), 0) AS conversion_rate,
  coalesce(CAST(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END) AS DOUBLE) / nullif(count_if(event_type = 'purchase'), 0), 0) AS avg_order_value,
  date_from_unix_date(CAST(floor(unix_seconds(min(event_time)) / 86400) AS INT)) AS first_date,
  date_from_unix_date(CAST(floor(unix_seconds(max(event_time)) / 86400) AS INT)) AS last_date
FROM events
WHERE month BETWEEN substr(CAST(CAST(:from AS DATE) AS STRING), 1, 7) AND substr(CAST(CAST(:to AS DATE) AS STRING), 1, 7) AND event_time >= timestamp_seconds(CAST(unix_date(CAST(:from AS DATE)) AS BIGINT) * 86400) AND event_time < timestamp_seconds(CAST(unix_date(date_add(CAST(:to AS DATE), 1)) AS BIGINT) * 86400)
HAVING count(*) > 0;
