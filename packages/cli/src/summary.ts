/** The counts of a build's summary line, for a Gold folder and a warehouse build alike. */
import type { Manifest, WarehouseManifest } from '@goldboard/pipeline';

type Counted = Pick<Manifest | WarehouseManifest, 'rows' | 'quarantine' | 'segmentation'>;

/** `N rows read, N in Silver, N quarantined (rule N, …), N duplicates removed; N users in K clusters`. */
export function buildCounts({ rows, quarantine, segmentation }: Counted): string {
  const rejected = Object.entries(quarantine).filter(([, n]) => n > 0).map(([rule, n]) => `${rule} ${n}`);
  return (
    `${rows.read.toLocaleString('en-US')} rows read, ` +
    `${rows.silver.toLocaleString('en-US')} in Silver, ${rows.quarantined} quarantined${rejected.length ? ` (${rejected.join(', ')})` : ''}, ` +
    `${rows.duplicates} duplicates removed; ${segmentation.users.toLocaleString('en-US')} users in ${segmentation.k} clusters`
  );
}
