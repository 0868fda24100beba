import { tableFromIPC } from '@uwdata/flechette';
import type { TableLike } from '../table/table-like.js';
import { checkArrowIPC } from './arrow-check.js';

/**
 * Decodes Arrow IPC bytes (file or stream format). Loaded lazily, so that pages without Arrow
 * data never download the decoder. flechette was chosen over apache-arrow by measurement
 * (bench/arrow-decode): 7.5 kB against 50.6 kB min+gzip, and 1.0-2.7x as fast to decode 1e6 rows.
 */
export function decodeArrowIPC(bytes: Uint8Array): TableLike {
  // flechette allocates from the lengths it reads: they are checked against the bytes first.
  checkArrowIPC(bytes);
  // Int64 and timestamps stay BigInt64Array (zero-copy); the validator converts them to float64
  // word by word (readArrowNumbers, once an element that reads large tables registered it),
  // several times faster than flechette's per-value conversion (bench/arrow-decode).
  return tableFromIPC(bytes, { useBigInt: true, useDate: false }) as unknown as TableLike;
}
