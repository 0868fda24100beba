CREATE OR REPLACE TABLE bronze AS
SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session, _corrupt_record AS raw_line, _source AS source
FROM (SELECT *, _metadata.file_name AS _source FROM read_files('/Volumes/shop/raw/events/2019-*.csv', format => 'csv', header => true, mode => 'PERMISSIVE', columnNameOfCorruptRecord => '_corrupt_record', schema => 'event_time STRING, event_type STRING, product_id STRING, category_id STRING, category_code STRING, brand STRING, price STRING, user_id STRING, user_session STRING, _corrupt_record STRING') UNION ALL SELECT *, _metadata.file_name AS _source FROM read_files('/Volumes/shop/raw/events/2020-*.csv', format => 'csv', header => true, mode => 'PERMISSIVE', columnNameOfCorruptRecord => '_corrupt_record', schema => 'event_time STRING, event_type STRING, product_id STRING, category_id STRING, category_code STRING, brand STRING, price STRING, user_id STRING, user_session STRING, _corrupt_record STRING'));

CREATE OR REPLACE TABLE staged AS
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
        coalesce(try_to_timestamp(b.event_time, 'yyyy-MM-dd HH:mm:ss z'), timestamp_seconds(0) + (try_cast(b.event_time AS TIMESTAMP_NTZ) - TIMESTAMP_NTZ '1970-01-01 00:00:00')) AS event_time,
        b.event_type AS event_type,
        CASE WHEN b.product_id RLIKE '^\\s*[+-]?[0-9]+\\s*$' THEN try_cast(b.product_id AS BIGINT) END AS product_id,
        CASE WHEN b.category_id RLIKE '^\\s*[+-]?[0-9]+\\s*$' THEN try_cast(b.category_id AS BIGINT) END AS category_id,
        nullif(b.category_code, '') AS category_code,
        nullif(b.brand, '') AS brand,
        try_cast(b.price AS DOUBLE) AS price,
        CASE WHEN b.user_id RLIKE '^\\s*[+-]?[0-9]+\\s*$' THEN try_cast(b.user_id AS BIGINT) END AS user_id,
        nullif(b.user_session, '') AS user_session
      FROM bronze AS b
      WHERE b.raw_line IS NULL
    )
);

CREATE OR REPLACE TABLE quarantine AS
SELECT
  reason,
  raw_event_time AS event_time, event_type, raw_product_id AS product_id, raw_category_id AS category_id, category_code, brand, raw_price AS price, raw_user_id AS user_id, user_session,
  CAST(NULL AS STRING) AS source, CAST(NULL AS BIGINT) AS line, CAST(NULL AS STRING) AS raw_line,
  substr(CAST(date_from_unix_date(CAST(floor(unix_seconds(event_time) / 86400) AS INT)) AS STRING), 1, 7) AS month
FROM staged
WHERE reason IS NOT NULL
UNION ALL
SELECT
  'malformed_line',
  CAST(NULL AS STRING) AS event_time, CAST(NULL AS STRING) AS event_type, CAST(NULL AS STRING) AS product_id, CAST(NULL AS STRING) AS category_id, CAST(NULL AS STRING) AS category_code, CAST(NULL AS STRING) AS brand, CAST(NULL AS STRING) AS price, CAST(NULL AS STRING) AS user_id, CAST(NULL AS STRING) AS user_session,
  source, CAST(NULL AS BIGINT) AS line, raw_line, CAST(NULL AS STRING) AS month
FROM bronze
WHERE raw_line IS NOT NULL;

-- Not partitioned: Delta's file statistics on event_time skip other months' files, and a month
-- of REES46 is far below the size Delta partitions pay off at.
CREATE OR REPLACE TABLE silver_events AS
SELECT *, substr(CAST(date_from_unix_date(CAST(floor(unix_seconds(event_time) / 86400) AS INT)) AS STRING), 1, 7) AS month FROM (
  SELECT DISTINCT event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session
  FROM staged
  WHERE reason IS NULL
);

-- The Gold queries read the view `events`.
CREATE OR REPLACE VIEW events AS SELECT * FROM silver_events;
