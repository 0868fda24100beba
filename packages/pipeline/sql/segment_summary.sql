-- segment_summary: one row per segment of `user_segments`, measured over the events of
-- [$from, $to]. Shares are of all users and all revenue in the period. When several clusters
-- carry one label (k > 3), `cluster` is the one with most users.
-- Money is summed as DECIMAL(38, 6): exact and the same whatever the order of rows (a float sum is not).
WITH per_user AS (
  SELECT
    user_id,
    count(*) AS events,
    count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
    coalesce(sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase'), 0) AS revenue
  FROM events
  WHERE event_time >= CAST($from AS DATE) AND event_time < CAST($to AS DATE) + INTERVAL 1 DAY
  GROUP BY user_id
),
per_segment AS (
  SELECT
    s.segment,
    CAST(mode(s.cluster) AS INTEGER) AS cluster,
    count(*) AS users,
    sum(p.revenue) AS revenue,
    sum(p.events) AS events,
    sum(p.purchases) AS purchases,
    count(*) FILTER (WHERE p.purchases > 0) AS buyers
  FROM per_user AS p
  JOIN user_segments AS s USING (user_id)
  GROUP BY s.segment
)
SELECT
  segment,
  cluster,
  users,
  users / sum(users) OVER () AS user_share,
  CAST(revenue AS DOUBLE) AS revenue,
  CAST(coalesce(revenue / nullif(sum(revenue) OVER (), 0), 0) AS DOUBLE) AS revenue_share,
  CAST(revenue / users AS DOUBLE) AS avg_revenue,
  events / users AS avg_events,
  purchases / users AS avg_purchases,
  buyers / users AS conversion_rate
FROM per_segment
ORDER BY revenue DESC, users DESC, segment
