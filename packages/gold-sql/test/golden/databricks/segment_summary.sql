-- segment_summary: one row per segment of `user_segments`, measured over the events of
-- [from, to]. Shares are of all users and all revenue in the period. When several clusters
-- carry one label (k > 3), `cluster` is the one with most users (ties: the smallest id).
WITH per_user AS (
  SELECT
    user_id,
    count(*) AS events,
    count_if(event_type = 'purchase') AS purchases,
    coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS revenue
  FROM events
  WHERE month BETWEEN substr(CAST(CAST(:from AS DATE) AS STRING), 1, 7) AND substr(CAST(CAST(:to AS DATE) AS STRING), 1, 7) AND event_time >= timestamp_seconds(CAST(unix_date(CAST(:from AS DATE)) AS BIGINT) * 86400) AND event_time < timestamp_seconds(CAST(unix_date(date_add(CAST(:to AS DATE), 1)) AS BIGINT) * 86400)
  GROUP BY user_id
),
per_segment AS (
  SELECT
    s.segment,
    CAST(mode(s.cluster, true) AS INT) AS cluster,
    count(*) AS users,
    sum(p.revenue) AS revenue,
    sum(p.events) AS events,
    sum(p.purchases) AS purchases,
    count_if(p.purchases > 0) AS buyers
  FROM per_user AS p
  JOIN user_segments AS s USING (user_id)
  GROUP BY s.segment
)
SELECT
  segment,
  cluster,
  users,
  CAST(users AS DOUBLE) / sum(users) OVER () AS user_share,
  CAST(revenue AS DOUBLE) AS revenue,
  coalesce(CAST(revenue AS DOUBLE) / nullif(sum(revenue) OVER (), 0), 0) AS revenue_share,
  CAST(revenue AS DOUBLE) / users AS avg_revenue,
  CAST(events AS DOUBLE) / users AS avg_events,
  CAST(purchases AS DOUBLE) / users AS avg_purchases,
  CAST(buyers AS DOUBLE) / users AS conversion_rate
FROM per_segment
ORDER BY revenue DESC, users DESC, segment;
