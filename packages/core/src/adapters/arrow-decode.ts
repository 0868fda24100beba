import { tableFromIPC } from '@uwdata/flechette';
import type { TableLike } from '../table/table-like.js';

/**
 * Decodes Arrow IPC bytes (file or stream format). Loaded lazily, so that pages without Arrow
 * data never download the decoder. flechette was chosen over apache-arrow by measurement
 * (bench/arrow-decode): a fraction of the size, and as fast or faster to decode.
 */
export function decodeArrowIPC(bytes: Uint8Array): TableLike {
  // Int64 as numbers (ids and counts fit in 2^53) and dates as epoch ms: what elements draw.
  return tableFromIPC(bytes, { useBigInt: false, useDate: false }) as unknown as TableLike;
}
