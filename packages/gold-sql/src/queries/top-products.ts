import type { Dialect } from '../dialect.js';
import { PURCHASE, VIEW, inRange, purchaseRevenue } from './common.js';

/**
 * top_products: products with a purchase in [from, to], ranked by revenue (ties: more
 * purchases, then the smaller product id), at most `limit` rows. A product's category code and
 * brand are the largest non-null values seen, so the result does not depend on row order.
 */
export const topProducts = (d: Dialect) => `-- top_products: products with a purchase in [from, to], ranked by revenue (ties: more
-- purchases, then the smaller product id), at most ${d.param('limit')} rows. A product's category code and
-- brand are the largest non-null values seen, so the result does not depend on row order.
WITH per_product AS (
  SELECT
    product_id,
    max(category_code) AS category_code,
    max(brand) AS brand,
    ${purchaseRevenue(d)} AS revenue,
    ${d.countIf(PURCHASE)} AS purchases,
    ${d.countIf(VIEW)} AS views
  FROM events
  WHERE ${inRange(d)}
  GROUP BY product_id
)
SELECT
  CAST(row_number() OVER (ORDER BY revenue DESC, purchases DESC, product_id) AS ${d.types.int32}) AS rank,
  product_id, category_code, brand, CAST(revenue AS DOUBLE) AS revenue, purchases, views
FROM per_product
WHERE purchases > 0
ORDER BY rank
LIMIT ${d.param('limit')}`;
