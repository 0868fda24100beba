-- top_users: users with a purchase in [from, to], ranked by spend (ties: more purchases,
-- then the smaller user id), at most :limit rows, with their segment from `user_segments`.
WITH per_user AS (
  SELECT
    user_id,
    count_if(event_type = 'purchase') AS purchases,
    coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS spend,
    count(*) AS events
  FROM events
  WHERE month BETWEEN substr(CAST(CAST(:from AS DATE) AS STRING), 1, 7) AND substr(CAST(CAST(:to AS DATE) AS STRING), 1, 7) AND event_time >= timestamp_seconds(CAST(unix_date(CAST(:from AS DATE)) AS BIGINT) * 86400) AND event_time < timestamp_seconds(CAST(unix_date(date_add(CAST(:to AS DATE), 1)) AS BIGINT) * 86400)
  GROUP BY user_id
)
SELECT
  CAST(row_number() OVER (ORDER BY p.spend DESC, p.purchases DESC, p.user_id) AS INT) AS rank,
  p.user_id, p.purchases, CAST(p.spend AS DOUBLE) AS spend, p.events,
  s.segment
FROM per_user AS p
-- Every user of the period has a segment; a buyer without one is a build error, surfaced as a
-- null in the contract's non-null `segment` rather than hidden under a made-up label.
LEFT JOIN user_segments AS s USING (user_id)
WHERE p.purchases > 0
ORDER BY rank
LIMIT :limit;
