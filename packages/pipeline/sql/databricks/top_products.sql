-- top_products over [:from, :to], at most :limit rows. Same as ../top_products.sql.
WITH per_product AS (
  SELECT
    product_id,
    max(category_code) AS category_code,
    max(brand) AS brand,
    coalesce(sum(CASE WHEN event_type = 'purchase' THEN CAST(price AS DECIMAL(38, 6)) END), 0) AS revenue,
    count_if(event_type = 'purchase') AS purchases,
    count_if(event_type = 'view') AS views
  FROM events
  WHERE event_time >= CAST(:from AS DATE) AND event_time < date_add(CAST(:to AS DATE), 1)
  GROUP BY product_id
)
SELECT
  CAST(row_number() OVER (ORDER BY revenue DESC, purchases DESC, product_id) AS INT) AS rank,
  product_id, category_code, brand, CAST(revenue AS DOUBLE) AS revenue, purchases, views
FROM per_product
WHERE purchases > 0
ORDER BY rank
LIMIT :limit
