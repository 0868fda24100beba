-- top_users: users with a purchase in [from, to], ranked by spend (ties: more purchases,
-- then the smaller user id), at most $limit rows, with their segment from `user_segments`.
WITH per_user AS (
  SELECT
    user_id,
    count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
    coalesce(sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase'), 0) AS spend,
    count(*) AS events
  FROM events
  WHERE month BETWEEN strftime(CAST($from AS DATE), '%Y-%m') AND strftime(CAST($to AS DATE), '%Y-%m') AND event_time >= CAST($from AS DATE) AND event_time < CAST($to AS DATE) + INTERVAL 1 DAY
  GROUP BY user_id
)
SELECT
  CAST(row_number() OVER (ORDER BY p.spend DESC, p.purchases DESC, p.user_id) AS INTEGER) AS rank,
  p.user_id, p.purchases, CAST(p.spend AS DOUBLE) AS spend, p.events,
  s.segment
FROM per_user AS p
-- Every user of the period has a segment; a buyer without one is a build error, surfaced as a
-- null in the contract's non-null `segment` rather than hidden under a made-up label.
LEFT JOIN user_segments AS s USING (user_id)
WHERE p.purchases > 0
ORDER BY rank
LIMIT $limit;
