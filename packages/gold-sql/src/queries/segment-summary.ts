import type { Dialect } from '../dialect.js';
import { PURCHASE, inRange, purchaseRevenue } from './common.js';

/**
 * segment_summary: one row per segment of `user_segments`, measured over the events of
 * [from, to]. Shares are of all users and all revenue in the period. When several clusters
 * carry one label (k > 3), `cluster` is the one with most users (ties: the smallest id).
 */
export const segmentSummary = (d: Dialect) => `-- segment_summary: one row per segment of \`user_segments\`, measured over the events of
-- [from, to]. Shares are of all users and all revenue in the period. When several clusters
-- carry one label (k > 3), \`cluster\` is the one with most users (ties: the smallest id).
WITH per_user AS (
  SELECT
    user_id,
    count(*) AS events,
    ${d.countIf(PURCHASE)} AS purchases,
    ${purchaseRevenue(d)} AS revenue
  FROM events
  WHERE ${inRange(d)}
  GROUP BY user_id
),
${segmentsOf(d)}`;

/**
 * The part of segment_summary that reads a `per_user` relation (user_id, events, purchases,
 * revenue) already made: the range query makes it from `events`, a build reads the build's
 * pre-aggregate (`revenue` is how a user's revenue is read from it).
 */
export const segmentsOf = (d: Dialect, revenue = 'p.revenue') => `per_segment AS (
  SELECT
    s.segment,
    CAST(${d.modeSmallest('s.cluster')} AS ${d.types.int32}) AS cluster,
    count(*) AS users,
    sum(${revenue}) AS revenue,
    sum(p.events) AS events,
    sum(p.purchases) AS purchases,
    ${d.countIf('p.purchases > 0')} AS buyers
  FROM per_user AS p
  JOIN user_segments AS s USING (user_id)
  GROUP BY s.segment
)
SELECT
  segment,
  cluster,
  users,
  ${d.double('users')} / sum(users) OVER () AS user_share,
  CAST(revenue AS DOUBLE) AS revenue,
  coalesce(${d.double('revenue')} / nullif(sum(revenue) OVER (), 0), 0) AS revenue_share,
  ${d.double('revenue')} / users AS avg_revenue,
  ${d.double('events')} / users AS avg_events,
  ${d.double('purchases')} / users AS avg_purchases,
  ${d.double('buyers')} / users AS conversion_rate
FROM per_segment
ORDER BY revenue DESC, users DESC, segment`;
