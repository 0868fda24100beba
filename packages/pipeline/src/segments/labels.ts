/**
 * Segment labels from the clusters' centroids, never from cluster ids (K-Means numbers
 * clusters arbitrarily): near-no purchases → Browsers / Non-Converters; of the buying clusters,
 * the one with the highest spend (then purchases) → High-Value Loyal Customers; the other
 * buying clusters → Occasional Buyers.
 */
import type { SegmentLabel } from '@goldboard/core';

/** What a label is chosen from: a cluster's unscaled mean features. */
export interface ClusterProfile {
  /** Mean purchases per user. */
  readonly purchases: number;
  /** Mean spend per user (USD). */
  readonly spend: number;
}

/** Below this many purchases per user on average, a cluster does not buy. */
export const NEAR_NO_PURCHASES = 0.25;

/** One label per cluster, in the order given; depends only on the profiles' values. */
export function labelClusters(profiles: readonly ClusterProfile[]): SegmentLabel[] {
  const labels: SegmentLabel[] = profiles.map((p) => (p.purchases < NEAR_NO_PURCHASES ? 'Browsers / Non-Converters' : 'Occasional Buyers'));
  let top = -1;
  for (let c = 0; c < profiles.length; c++) {
    if (labels[c] === 'Browsers / Non-Converters') continue;
    if (top < 0 || outranks(profiles[c]!, profiles[top]!)) top = c;
  }
  if (top >= 0) labels[top] = 'High-Value Loyal Customers';
  return labels;
}

function outranks(a: ClusterProfile, b: ClusterProfile): boolean {
  return a.spend !== b.spend ? a.spend > b.spend : a.purchases > b.purchases;
}
