-- top_products: products with a purchase in [from, to], ranked by revenue (ties: more
-- purchases, then the smaller product id), at most :limit rows. A product's category code and
-- brand are the largest non-null values seen, so the result does not depend on row order.
WITH per_product AS (
  SELECT
    product_id,
    max(category_code) AS category_code,
    max(brand) AS brand,
    coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS revenue,
    count_if(event_type = 'purchase') AS purchases,
    count_if(event_type = 'view') AS views
  FROM events
  WHERE month BETWEEN substr(CAST(CAST(:from AS DATE) AS STRING), 1, 7) AND substr(CAST(CAST(:to AS DATE) AS STRING), 1, 7) AND event_time >= timestamp_seconds(CAST(unix_date(CAST(:from AS DATE)) AS BIGINT) * 86400) AND event_time < timestamp_seconds(CAST(unix_date(date_add(CAST(:to AS DATE), 1)) AS BIGINT) * 86400)
  GROUP BY product_id
)
SELECT
  CAST(row_number() OVER (ORDER BY revenue DESC, purchases DESC, product_id) AS INT) AS rank,
  product_id, category_code, brand, CAST(revenue AS DOUBLE) AS revenue, purchases, views
FROM per_product
WHERE purchases > 0
ORDER BY rank
LIMIT :limit;
