import { GoldError } from '../errors.js';
import type { TableLike } from '../table/table-like.js';
import { ArrowStreamDecoder, decodeWhole } from './arrow-stream.js';

/*
 * The Arrow decoder chunk. Loaded lazily, so that pages without Arrow data never download the
 * decoder. flechette was chosen over apache-arrow by measurement (bench/arrow-decode): 7.5 kB
 * against 50.6 kB min+gzip, and 1.0-2.7x as fast to decode 1e6 rows. Int64 and timestamps stay
 * BigInt64Array (zero-copy); the validator converts them to float64 word by word
 * (readArrowNumbers, once an element that reads large tables registered it), several times
 * faster than flechette's per-value conversion (bench/arrow-decode).
 */

/** The GoldError for bytes that are not Arrow IPC. */
function notArrow(error: unknown, label: string, contentType: string): GoldError {
  const got = contentType ? ` (the server sent ${contentType})` : '';
  return new GoldError('decode', `${label} is not an Arrow IPC file or stream${got}: ${(error as Error).message}`, { url: label, cause: error });
}

/** Decodes Arrow IPC bytes (file or stream format); bytes that are not are a GoldError naming `label`. */
export function decodeArrowIPC(bytes: Uint8Array, label = 'The data', contentType = ''): TableLike {
  try {
    return decodeWhole(bytes);
  } catch (error) {
    throw notArrow(error, label, contentType);
  }
}

/**
 * The table in an Arrow response's body, decoded while it arrives (`ArrowStreamDecoder`). Bytes
 * that are not Arrow IPC are a GoldError naming `label`, and the rest of the body is not read;
 * a failure to read the body (a cancellation, a broken connection) is thrown as it is.
 */
export async function readArrowStream(response: Response, label: string): Promise<TableLike> {
  const decoder = new ArrowStreamDecoder(Number(response.headers.get('content-length')) || 0);
  const fail = (error: unknown) => notArrow(error, label, response.headers.get('content-type') ?? '');
  const reader = response.body?.getReader();
  // The next chunk is asked for before this one is decoded, so that the body keeps flowing meanwhile.
  for (let next = reader?.read(), chunk; next && !(chunk = await next).done; ) {
    next = reader!.read();
    try {
      decoder.push(chunk.value);
    } catch (error) {
      next.catch(() => {});
      reader!.cancel().catch(() => {});
      throw fail(error);
    }
  }
  try {
    return decoder.end();
  } catch (error) {
    throw fail(error);
  }
}
