CREATE OR REPLACE TABLE kpi_summary AS
SELECT CAST(`revenue` AS DOUBLE) AS `revenue`, CAST(`purchases` AS BIGINT) AS `purchases`, CAST(`events` AS BIGINT) AS `events`, CAST(`views` AS BIGINT) AS `views`, CAST(`carts` AS BIGINT) AS `carts`, CAST(`users` AS BIGINT) AS `users`, CAST(`buyers` AS BIGINT) AS `buyers`, CAST(`conversion_rate` AS DOUBLE) AS `conversion_rate`, CAST(`avg_order_value` AS DOUBLE) AS `avg_order_value`, CAST(`first_date` AS DATE) AS `first_date`, CAST(`last_date` AS DATE) AS `last_date`
FROM (
-- @include kpi_summary.sql
) AS q
ORDER BY first_date;

CREATE OR REPLACE TABLE daily_metrics AS
SELECT CAST(`event_date` AS DATE) AS `event_date`, CAST(`revenue` AS DOUBLE) AS `revenue`, CAST(`purchases` AS BIGINT) AS `purchases`, CAST(`events` AS BIGINT) AS `events`, CAST(`views` AS BIGINT) AS `views`, CAST(`carts` AS BIGINT) AS `carts`, CAST(`users` AS BIGINT) AS `users`, CAST(`buyers` AS BIGINT) AS `buyers`
FROM (
-- @include daily_metrics.sql
) AS q
ORDER BY event_date;

CREATE OR REPLACE TABLE top_products AS
SELECT CAST(`rank` AS INT) AS `rank`, CAST(`product_id` AS BIGINT) AS `product_id`, CAST(`category_code` AS STRING) AS `category_code`, CAST(`brand` AS STRING) AS `brand`, CAST(`revenue` AS DOUBLE) AS `revenue`, CAST(`purchases` AS BIGINT) AS `purchases`, CAST(`views` AS BIGINT) AS `views`
FROM (
-- @include top_products.sql
) AS q
ORDER BY rank;

CREATE OR REPLACE TABLE top_users AS
SELECT CAST(`rank` AS INT) AS `rank`, CAST(`user_id` AS BIGINT) AS `user_id`, CAST(`purchases` AS BIGINT) AS `purchases`, CAST(`spend` AS DOUBLE) AS `spend`, CAST(`events` AS BIGINT) AS `events`, CAST(`segment` AS STRING) AS `segment`
FROM (
-- @include top_users.sql
) AS q
ORDER BY rank;

CREATE OR REPLACE TABLE user_segments AS
SELECT CAST(`user_id` AS BIGINT) AS `user_id`, CAST(`cluster` AS INT) AS `cluster`, CAST(`segment` AS STRING) AS `segment`, CAST(`recency_days` AS DOUBLE) AS `recency_days`, CAST(`purchases` AS BIGINT) AS `purchases`, CAST(`spend` AS DOUBLE) AS `spend`, CAST(`events` AS BIGINT) AS `events`, CAST(`sessions` AS BIGINT) AS `sessions`, CAST(`conversion_rate` AS DOUBLE) AS `conversion_rate`
FROM user_segments
ORDER BY user_id;

CREATE OR REPLACE TABLE segment_summary AS
SELECT CAST(`segment` AS STRING) AS `segment`, CAST(`cluster` AS INT) AS `cluster`, CAST(`users` AS BIGINT) AS `users`, CAST(`user_share` AS DOUBLE) AS `user_share`, CAST(`revenue` AS DOUBLE) AS `revenue`, CAST(`revenue_share` AS DOUBLE) AS `revenue_share`, CAST(`avg_revenue` AS DOUBLE) AS `avg_revenue`, CAST(`avg_events` AS DOUBLE) AS `avg_events`, CAST(`avg_purchases` AS DOUBLE) AS `avg_purchases`, CAST(`conversion_rate` AS DOUBLE) AS `conversion_rate`
FROM (
-- @include segment_summary.sql
) AS q
ORDER BY revenue DESC, users DESC, segment;
