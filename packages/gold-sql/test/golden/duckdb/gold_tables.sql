CREATE OR REPLACE TABLE gold_kpi_summary AS
SELECT CAST("revenue" AS DOUBLE) AS "revenue", CAST("purchases" AS BIGINT) AS "purchases", CAST("events" AS BIGINT) AS "events", CAST("views" AS BIGINT) AS "views", CAST("carts" AS BIGINT) AS "carts", CAST("users" AS BIGINT) AS "users", CAST("buyers" AS BIGINT) AS "buyers", CAST("conversion_rate" AS DOUBLE) AS "conversion_rate", CAST("avg_order_value" AS DOUBLE) AS "avg_order_value", CAST("first_date" AS DATE) AS "first_date", CAST("last_date" AS DATE) AS "last_date"
FROM (
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
HAVING count(*) > 0
) AS q
ORDER BY first_date;

CREATE OR REPLACE TABLE gold_daily_metrics AS
SELECT CAST("event_date" AS DATE) AS "event_date", CAST("revenue" AS DOUBLE) AS "revenue", CAST("purchases" AS BIGINT) AS "purchases", CAST("events" AS BIGINT) AS "events", CAST("views" AS BIGINT) AS "views", CAST("carts" AS BIGINT) AS "carts", CAST("users" AS BIGINT) AS "users", CAST("buyers" AS BIGINT) AS "buyers"
FROM (
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
ORDER BY event_date
) AS q
ORDER BY event_date;

CREATE OR REPLACE TABLE gold_top_products AS
SELECT CAST("rank" AS INTEGER) AS "rank", CAST("product_id" AS BIGINT) AS "product_id", CAST("category_code" AS VARCHAR) AS "category_code", CAST("brand" AS VARCHAR) AS "brand", CAST("revenue" AS DOUBLE) AS "revenue", CAST("purchases" AS BIGINT) AS "purchases", CAST("views" AS BIGINT) AS "views"
FROM (
-- top_products: products with a purchase in [from, to], ranked by revenue (ties: more
-- purchases, then the smaller product id), at most $limit rows. A product's category code and
-- brand are the largest non-null values seen, so the result does not depend on row order.
WITH per_product AS (
  SELECT
    product_id,
    max(category_code) AS category_code,
    max(brand) AS brand,
    coalesce(sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase'), 0) AS revenue,
    count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
    count(*) FILTER (WHERE event_type = 'view') AS views
  FROM events
  WHERE month BETWEEN strftime(CAST($from AS DATE), '%Y-%m') AND strftime(CAST($to AS DATE), '%Y-%m') AND event_time >= CAST($from AS DATE) AND event_time < CAST($to AS DATE) + INTERVAL 1 DAY
  GROUP BY product_id
)
SELECT
  CAST(row_number() OVER (ORDER BY revenue DESC, purchases DESC, product_id) AS INTEGER) AS rank,
  product_id, category_code, brand, CAST(revenue AS DOUBLE) AS revenue, purchases, views
FROM per_product
WHERE purchases > 0
ORDER BY rank
LIMIT $limit
) AS q
ORDER BY rank;

CREATE OR REPLACE TABLE gold_top_users AS
SELECT CAST("rank" AS INTEGER) AS "rank", CAST("user_id" AS BIGINT) AS "user_id", CAST("purchases" AS BIGINT) AS "purchases", CAST("spend" AS DOUBLE) AS "spend", CAST("events" AS BIGINT) AS "events", CAST("segment" AS VARCHAR) AS "segment"
FROM (
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
LIMIT $limit
) AS q
ORDER BY rank;

CREATE OR REPLACE TABLE gold_user_segments AS
SELECT CAST("user_id" AS BIGINT) AS "user_id", CAST("cluster" AS INTEGER) AS "cluster", CAST("segment" AS VARCHAR) AS "segment", CAST("recency_days" AS DOUBLE) AS "recency_days", CAST("purchases" AS BIGINT) AS "purchases", CAST("spend" AS DOUBLE) AS "spend", CAST("events" AS BIGINT) AS "events", CAST("sessions" AS BIGINT) AS "sessions", CAST("conversion_rate" AS DOUBLE) AS "conversion_rate"
FROM user_segments
ORDER BY user_id;

CREATE OR REPLACE TABLE gold_segment_summary AS
SELECT CAST("segment" AS VARCHAR) AS "segment", CAST("cluster" AS INTEGER) AS "cluster", CAST("users" AS BIGINT) AS "users", CAST("user_share" AS DOUBLE) AS "user_share", CAST("revenue" AS DOUBLE) AS "revenue", CAST("revenue_share" AS DOUBLE) AS "revenue_share", CAST("avg_revenue" AS DOUBLE) AS "avg_revenue", CAST("avg_events" AS DOUBLE) AS "avg_events", CAST("avg_purchases" AS DOUBLE) AS "avg_purchases", CAST("conversion_rate" AS DOUBLE) AS "conversion_rate"
FROM (
-- segment_summary: one row per segment of `user_segments`, measured over the events of
-- [from, to]. Shares are of all users and all revenue in the period. When several clusters
-- carry one label (k > 3), `cluster` is the one with most users (ties: the smallest id).
WITH per_user AS (
  SELECT
    user_id,
    count(*) AS events,
    count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
    coalesce(sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase'), 0) AS revenue
  FROM events
  WHERE month BETWEEN strftime(CAST($from AS DATE), '%Y-%m') AND strftime(CAST($to AS DATE), '%Y-%m') AND event_time >= CAST($from AS DATE) AND event_time < CAST($to AS DATE) + INTERVAL 1 DAY
  GROUP BY user_id
),
per_segment AS (
  SELECT
    s.segment,
    CAST(mode() WITHIN GROUP (ORDER BY s.cluster) AS INTEGER) AS cluster,
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
  CAST(users AS DOUBLE) / sum(users) OVER () AS user_share,
  CAST(revenue AS DOUBLE) AS revenue,
  coalesce(CAST(revenue AS DOUBLE) / nullif(sum(revenue) OVER (), 0), 0) AS revenue_share,
  CAST(revenue AS DOUBLE) / users AS avg_revenue,
  CAST(events AS DOUBLE) / users AS avg_events,
  CAST(purchases AS DOUBLE) / users AS avg_purchases,
  CAST(buyers AS DOUBLE) / users AS conversion_rate
FROM per_segment
ORDER BY revenue DESC, users DESC, segment
) AS q
ORDER BY revenue DESC, users DESC, segment;
