-- Bronze -> Silver (Databricks SQL / Spark SQL). Same rules as ../silver.sql.
-- Bronze: the raw REES46 CSVs as text, e.g.
--   CREATE OR REPLACE TABLE bronze AS
--   SELECT * FROM read_files('/Volumes/<catalog>/<schema>/raw/*.csv', format => 'csv', header => true,
--     schema => 'event_time STRING, event_type STRING, product_id STRING, category_id STRING,
--                category_code STRING, brand STRING, price STRING, user_id STRING, user_session STRING');
-- Run with the session time zone in UTC: SET TIME ZONE 'UTC';

CREATE OR REPLACE TABLE staged AS
SELECT
  CASE WHEN reason IS NULL THEN NULL ELSE raw END AS raw,
  reason,
  event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session
FROM (
  SELECT
    *,
    CASE
      WHEN event_time IS NULL THEN 'bad_time'
      WHEN event_type IS NULL OR event_type NOT IN ('view', 'cart', 'remove_from_cart', 'purchase') THEN 'unknown_event_type'
      WHEN user_id IS NULL THEN 'missing_user_id'
      WHEN product_id IS NULL THEN 'missing_product_id'
      WHEN price IS NULL THEN 'bad_price'
      WHEN price < 0 THEN 'negative_price'
    END AS reason
  FROM (
    SELECT
      named_struct('event_time', b.event_time, 'product_id', b.product_id, 'category_id', b.category_id,
                   'price', b.price, 'user_id', b.user_id) AS raw,
      coalesce(try_to_timestamp(b.event_time, "yyyy-MM-dd HH:mm:ss 'UTC'"), try_cast(b.event_time AS TIMESTAMP)) AS event_time,
      b.event_type AS event_type,
      try_cast(b.product_id AS BIGINT) AS product_id,
      try_cast(b.category_id AS BIGINT) AS category_id,
      nullif(b.category_code, '') AS category_code,
      nullif(b.brand, '') AS brand,
      try_cast(b.price AS DOUBLE) AS price,
      try_cast(b.user_id AS BIGINT) AS user_id,
      nullif(b.user_session, '') AS user_session
    FROM bronze AS b
  )
);

CREATE OR REPLACE TABLE quarantine AS
SELECT
  reason,
  raw.event_time AS event_time, event_type, raw.product_id AS product_id,
  raw.category_id AS category_id, category_code, brand, raw.price AS price,
  raw.user_id AS user_id, user_session
FROM staged
WHERE reason IS NOT NULL;

CREATE OR REPLACE TABLE silver_events AS
SELECT DISTINCT
  event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session
FROM staged
WHERE reason IS NULL;

-- The Gold queries read the view `events`.
CREATE OR REPLACE VIEW events AS SELECT * FROM silver_events;
