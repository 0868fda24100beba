import type { Dialect } from '../dialect.js';
import { PURCHASE, inRange, purchaseRevenue } from './common.js';

/**
 * top_users: users with a purchase in [from, to], ranked by spend (ties: more purchases, then
 * the smaller user id), at most `limit` rows, with their segment from `user_segments`.
 */
export const topUsers = (d: Dialect) => `-- top_users: users with a purchase in [from, to], ranked by spend (ties: more purchases,
-- then the smaller user id), at most ${d.param('limit')} rows, with their segment from \`user_segments\`.
WITH per_user AS (
  SELECT
    user_id,
    ${d.countIf(PURCHASE)} AS purchases,
    ${purchaseRevenue(d)} AS spend,
    count(*) AS events
  FROM events
  WHERE ${inRange(d)}
  GROUP BY user_id
)
SELECT
  CAST(row_number() OVER (ORDER BY p.spend DESC, p.purchases DESC, p.user_id) AS ${d.types.int32}) AS rank,
  p.user_id, p.purchases, CAST(p.spend AS DOUBLE) AS spend, p.events,
  s.segment
FROM per_user AS p
-- Every user of the period has a segment; a buyer without one is a build error, surfaced as a
-- null in the contract's non-null \`segment\` rather than hidden under a made-up label.
LEFT JOIN user_segments AS s USING (user_id)
WHERE p.purchases > 0
ORDER BY rank
LIMIT ${d.param('limit')}`;
