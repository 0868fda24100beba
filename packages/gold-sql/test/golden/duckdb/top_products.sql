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
LIMIT $limit;
