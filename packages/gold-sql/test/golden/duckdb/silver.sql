-- staged: typed columns, `reason` (NULL = valid), the raw text of the typed columns for
-- rejected rows only, the source file, the month (its first day: a DATE is made and compared
-- faster than text), and a hash of the typed row for finding duplicates. A table in DuckDB's
-- own storage (spilled to its temp folder past the memory limit), read by the statements
-- below: the files are parsed once, with no copy between.
CREATE TABLE staged AS
SELECT
    reason,
    CASE WHEN reason IS NOT NULL THEN raw_event_time END AS raw_event_time,
    CASE WHEN reason IS NOT NULL THEN raw_product_id END AS raw_product_id,
    CASE WHEN reason IS NOT NULL THEN raw_category_id END AS raw_category_id,
    CASE WHEN reason IS NOT NULL THEN raw_price END AS raw_price,
    CASE WHEN reason IS NOT NULL THEN raw_user_id END AS raw_user_id,
    source,
    event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session,
    CAST(date_trunc('month', event_time) AS DATE) AS month,
    hash(event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session) AS row_hash
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
        coalesce(try_strptime(b.event_time, '%Y-%m-%d %H:%M:%S UTC'), TRY_CAST(b.event_time AS TIMESTAMP)) AS event_time,
        b.event_type AS event_type,
        CASE WHEN CAST(TRY_CAST(b.product_id AS BIGINT) AS VARCHAR) = b.product_id OR regexp_matches(b.product_id, '^\s*[+-]?[0-9]+\s*$') THEN TRY_CAST(b.product_id AS BIGINT) END AS product_id,
        CASE WHEN CAST(TRY_CAST(b.category_id AS BIGINT) AS VARCHAR) = b.category_id OR regexp_matches(b.category_id, '^\s*[+-]?[0-9]+\s*$') THEN TRY_CAST(b.category_id AS BIGINT) END AS category_id,
        nullif(b.category_code, '') AS category_code,
        nullif(b.brand, '') AS brand,
        TRY_CAST(b.price AS DOUBLE) AS price,
        CASE WHEN CAST(TRY_CAST(b.user_id AS BIGINT) AS VARCHAR) = b.user_id OR regexp_matches(b.user_id, '^\s*[+-]?[0-9]+\s*$') THEN TRY_CAST(b.user_id AS BIGINT) END AS user_id,
        nullif(b.user_session, '') AS user_session,
        b.source AS source
      FROM bronze AS b
    )
  );

-- quarantine: rejected rows with the rule they broke, their raw text and their file.
CREATE TABLE quarantine AS
SELECT
  reason,
  raw_event_time AS event_time, event_type, raw_product_id AS product_id, raw_category_id AS category_id, category_code, brand, raw_price AS price, raw_user_id AS user_id, user_session,
  source AS source, CAST(NULL AS BIGINT) AS line, CAST(NULL AS VARCHAR) AS raw_line,
  strftime(CAST(event_time AS DATE), '%Y-%m') AS month
FROM staged
WHERE reason IS NOT NULL;

-- duplicate_hashes: hashes shared by more than one valid row (exact duplicates, or the rare
-- hash collision, which the DISTINCT below keeps apart).
CREATE TABLE duplicate_hashes AS
SELECT row_hash FROM staged AS s WHERE s.reason IS NULL GROUP BY row_hash HAVING count(*) > 1;

-- silver_events: valid rows, exact duplicates removed, with their month; written out month by
-- month (duckdbSilverMonth), so a month's file is sorted by time without sorting all of Silver.
-- A view, not a table: each month's file reads only that month's rows of staged through it, and
-- the rows are not copied once more into DuckDB's storage (spilled past the memory limit).
CREATE VIEW silver_events AS
SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session, month
FROM staged AS s ANTI JOIN duplicate_hashes AS d ON s.row_hash = d.row_hash
WHERE s.reason IS NULL
UNION ALL
SELECT DISTINCT event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session, month
FROM staged AS s SEMI JOIN duplicate_hashes AS d ON s.row_hash = d.row_hash
WHERE s.reason IS NULL;

COPY (
  SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session FROM silver_events WHERE month = CAST('2019-11-01' AS DATE) ORDER BY event_time
) TO 'gold.building/silver/events/month=2019-11/events.parquet' (FORMAT parquet);

CREATE OR REPLACE VIEW events AS SELECT * FROM read_parquet('gold.building/silver/events/month=*/*.parquet', hive_partitioning = true, hive_types = {'month': VARCHAR});
