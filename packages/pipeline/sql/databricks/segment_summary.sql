-- segment_summary over [:from, :to], from `user_segments`. Same as ../segment_summary.sql.
WITH per_user AS (
  SELECT
    user_id,
    count(*) AS events,
    count_if(event_type = 'purchase') AS purchases,
    coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS revenue
  FROM events
  WHERE event_time >= CAST(:from AS DATE) AND event_time < date_add(CAST(:to AS DATE), 1)
  GROUP BY user_id
),
per_segment AS (
  SELECT
    s.segment,
    CAST(mode(s.cluster) AS INT) AS cluster,
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
  users / sum(users) OVER () AS user_share,
  CAST(revenue AS DOUBLE) AS revenue,
  CAST(coalesce(revenue / nullif(sum(revenue) OVER (), 0), 0) AS DOUBLE) AS revenue_share,
  CAST(revenue / users AS DOUBLE) AS avg_revenue,
  events / users AS avg_events,
  purchases / users AS avg_purchases,
  buyers / users AS conversion_rate
FROM per_segment
ORDER BY revenue DESC, users DESC, segment
