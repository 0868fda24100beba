-- Bronze -> Silver (DuckDB). Runs once per build over the view `bronze`: every raw column as
-- read, as text. Each row is typed once and tagged with the first Silver rule it breaks.

-- staged: typed columns plus `reason` (NULL = valid); the raw text of the columns that are
-- typed is kept for rejected rows only.
CREATE TABLE staged AS
SELECT
  reason,
  CASE WHEN reason IS NOT NULL THEN raw_event_time END AS raw_event_time,
  CASE WHEN reason IS NOT NULL THEN raw_product_id END AS raw_product_id,
  CASE WHEN reason IS NOT NULL THEN raw_category_id END AS raw_category_id,
  CASE WHEN reason IS NOT NULL THEN raw_price END AS raw_price,
  CASE WHEN reason IS NOT NULL THEN raw_user_id END AS raw_user_id,
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
      b.event_time AS raw_event_time,
      b.product_id AS raw_product_id,
      b.category_id AS raw_category_id,
      b.price AS raw_price,
      b.user_id AS raw_user_id,
      TRY_CAST(b.event_time AS TIMESTAMP) AS event_time,
      b.event_type AS event_type,
      TRY_CAST(b.product_id AS BIGINT) AS product_id,
      TRY_CAST(b.category_id AS BIGINT) AS category_id,
      NULLIF(b.category_code, '') AS category_code,
      NULLIF(b.brand, '') AS brand,
      TRY_CAST(b.price AS DOUBLE) AS price,
      TRY_CAST(b.user_id AS BIGINT) AS user_id,
      NULLIF(b.user_session, '') AS user_session
    FROM bronze AS b
  )
);

-- quarantine: rejected rows with the rule they broke and their raw text.
CREATE TABLE quarantine AS
SELECT
  reason,
  raw_event_time AS event_time, event_type, raw_product_id AS product_id,
  raw_category_id AS category_id, category_code, brand, raw_price AS price,
  raw_user_id AS user_id, user_session
FROM staged
WHERE reason IS NOT NULL;

-- silver_events: valid rows, exact duplicates removed.
CREATE TABLE silver_events AS
SELECT DISTINCT
  event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session
FROM staged
WHERE reason IS NULL;
