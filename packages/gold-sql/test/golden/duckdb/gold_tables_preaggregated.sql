-- per_user: one row per user with events in [from, to]; revenue is NULL without a purchase.
CREATE OR REPLACE TABLE per_user AS
SELECT
  user_id,
  max(event_time) AS last_event,
  count(*) AS events,
  count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
  count(*) FILTER (WHERE event_type = 'view') AS views,
  sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase') AS revenue,
  count(DISTINCT user_session) AS sessions
FROM events
WHERE month BETWEEN strftime(CAST($from AS DATE), '%Y-%m') AND strftime(CAST($to AS DATE), '%Y-%m') AND event_time >= CAST($from AS DATE) AND event_time < CAST($to AS DATE) + INTERVAL 1 DAY
GROUP BY user_id;

-- per_day: one row per UTC day with events in [from, to]; revenue is NULL without a purchase.
CREATE OR REPLACE TABLE per_day AS
SELECT
  CAST(event_time AS DATE) AS event_date,
  sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase') AS revenue,
  count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
  count(*) AS events,
  count(*) FILTER (WHERE event_type = 'view') AS views,
  count(*) FILTER (WHERE event_type = 'cart') AS carts,
  count(DISTINCT user_id) AS users,
  count(DISTINCT user_id) FILTER (WHERE event_type = 'purchase') AS buyers
FROM events
WHERE month BETWEEN strftime(CAST($from AS DATE), '%Y-%m') AND strftime(CAST($to AS DATE), '%Y-%m') AND event_time >= CAST($from AS DATE) AND event_time < CAST($to AS DATE) + INTERVAL 1 DAY
GROUP BY CAST(event_time AS DATE);

-- per_product: one row per product with events in [from, to]; category code and brand are the
-- largest non-null values seen, revenue is NULL without a purchase.
CREATE OR REPLACE TABLE per_product AS
SELECT
  product_id,
  max(category_code) AS category_code,
  max(brand) AS brand,
  sum(CAST(price AS DECIMAL(38, 6))) FILTER (WHERE event_type = 'purchase') AS revenue,
  count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
  count(*) FILTER (WHERE event_type = 'view') AS views
FROM events
WHERE month BETWEEN strftime(CAST($from AS DATE), '%Y-%m') AND strftime(CAST($to AS DATE), '%Y-%m') AND event_time >= CAST($from AS DATE) AND event_time < CAST($to AS DATE) + INTERVAL 1 DAY
GROUP BY product_id;

CREATE OR REPLACE TABLE gold_kpi_summary AS
SELECT CAST("revenue" AS DOUBLE) AS "revenue", CAST("purchases" AS BIGINT) AS "purchases", CAST("events" AS BIGINT) AS "events", CAST("views" AS BIGINT) AS "views", CAST("carts" AS BIGINT) AS "carts", CAST("users" AS BIGINT) AS "users", CAST("buyers" AS BIGINT) AS "buyers", CAST("conversion_rate" AS DOUBLE) AS "conversion_rate", CAST("avg_order_value" AS DOUBLE) AS "avg_order_value", CAST("first_date" AS DATE) AS "first_date", CAST("last_date" AS DATE) AS "last_date"
FROM (
-- kpi_summary from per_day and per_user; no row when there are no events.
SELECT
  CAST(coalesce(sum(revenue), 0) AS DOUBLE) AS revenue,
  sum(purchases) AS purchases,
  sum(events) AS events,
  sum(views) AS views,
  sum(carts) AS carts,
  any_value(u.users) AS users,
  any_value(u.buyers) AS buyers,
  coalesce(CAST(any_value(u.buyers) AS DOUBLE) / nullif(any_value(u.users), 0), 0) AS conversion_rate,
  coalesce(CAST(sum(revenue) AS DOUBLE) / nullif(sum(purchases), 0), 0) AS avg_order_value,
  min(event_date) AS first_date,
  max(event_date) AS last_date
FROM per_day CROSS JOIN (SELECT count(*) AS users, count(*) FILTER (WHERE purchases > 0) AS buyers FROM per_user) AS u
HAVING sum(events) > 0
) AS q
ORDER BY first_date;

CREATE OR REPLACE TABLE gold_daily_metrics AS
SELECT CAST("event_date" AS DATE) AS "event_date", CAST("revenue" AS DOUBLE) AS "revenue", CAST("purchases" AS BIGINT) AS "purchases", CAST("events" AS BIGINT) AS "events", CAST("views" AS BIGINT) AS "views", CAST("carts" AS BIGINT) AS "carts", CAST("users" AS BIGINT) AS "users", CAST("buyers" AS BIGINT) AS "buyers"
FROM (
-- daily_metrics from per_day.
SELECT
  event_date,
  CAST(coalesce(revenue, 0) AS DOUBLE) AS revenue,
  purchases, events, views, carts, users, buyers
FROM per_day
ORDER BY event_date
) AS q
ORDER BY event_date;

CREATE OR REPLACE TABLE gold_top_products AS
SELECT CAST("rank" AS INTEGER) AS "rank", CAST("product_id" AS BIGINT) AS "product_id", CAST("category_code" AS VARCHAR) AS "category_code", CAST("brand" AS VARCHAR) AS "brand", CAST("revenue" AS DOUBLE) AS "revenue", CAST("purchases" AS BIGINT) AS "purchases", CAST("views" AS BIGINT) AS "views"
FROM (
-- top_products from per_product (ranked as the range query ranks them).
SELECT
  CAST(row_number() OVER (ORDER BY revenue DESC, purchases DESC, product_id) AS INTEGER) AS rank,
  product_id, category_code, brand, CAST(revenue AS DOUBLE) AS revenue, purchases, views
FROM (SELECT product_id, category_code, brand, coalesce(revenue, 0) AS revenue, purchases, views FROM per_product)
WHERE purchases > 0
ORDER BY rank
LIMIT $limit
) AS q
ORDER BY rank;

CREATE OR REPLACE TABLE gold_top_users AS
SELECT CAST("rank" AS INTEGER) AS "rank", CAST("user_id" AS BIGINT) AS "user_id", CAST("purchases" AS BIGINT) AS "purchases", CAST("spend" AS DOUBLE) AS "spend", CAST("events" AS BIGINT) AS "events", CAST("segment" AS VARCHAR) AS "segment"
FROM (
-- top_users from per_user (ranked as the range query ranks them).
SELECT
  CAST(row_number() OVER (ORDER BY p.spend DESC, p.purchases DESC, p.user_id) AS INTEGER) AS rank,
  p.user_id, p.purchases, CAST(p.spend AS DOUBLE) AS spend, p.events,
  s.segment
FROM (SELECT user_id, purchases, coalesce(revenue, 0) AS spend, events FROM per_user) AS p
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
-- segment_summary from per_user (shares of all users and revenue in the period).
WITH per_segment AS (
  SELECT
    s.segment,
    CAST(mode() WITHIN GROUP (ORDER BY s.cluster) AS INTEGER) AS cluster,
    count(*) AS users,
    sum(coalesce(p.revenue, 0)) AS revenue,
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
