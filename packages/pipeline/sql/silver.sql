-- Bronze -> Silver (DuckDB). Runs once per build over the view `bronze`: every raw column as
-- read, as text. Each row is typed once and tagged with the first Silver rule it breaks.

-- staged: typed columns plus `reason` (NULL = valid); raw text is kept only for rejected rows.
CREATE TABLE staged AS
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
      {'event_time': b.event_time, 'product_id': b.product_id, 'category_id': b.category_id,
       'price': b.price, 'user_id': b.user_id} AS raw,
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
  raw.event_time AS event_time, event_type, raw.product_id AS product_id,
  raw.category_id AS category_id, category_code, brand, raw.price AS price,
  raw.user_id AS user_id, user_session
FROM staged
WHERE reason IS NOT NULL;

-- silver_events: valid rows, exact duplicates removed.
CREATE TABLE silver_events AS
SELECT DISTINCT
  event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session
FROM staged
WHERE reason IS NULL;
