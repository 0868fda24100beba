import { GoldError } from '../errors.js';
import type { TableLike } from '../table/table-like.js';
import type { GoldAdapter, GoldQuery } from './adapter.js';
import { absoluteUrl, fetchOk, readBody, readValidated } from './http.js';

const ARROW_ACCEPT = 'application/vnd.apache.arrow.file, application/vnd.apache.arrow.stream, application/octet-stream;q=0.9, */*;q=0.1';

let decoder: Promise<typeof import('./arrow-decode.js')> | undefined;

/** Starts loading the Arrow decoder chunk (once); adapters call it as their request starts, so both travel at once. */
export function loadArrowDecoder(): Promise<typeof import('./arrow-decode.js')> {
  decoder ??= import('./arrow-decode.js').catch((error: unknown) => {
    decoder = undefined;
    throw new GoldError('network', `The Arrow decoder could not be loaded: ${(error as Error).message}`, { cause: error });
  });
  return decoder;
}

/** Decodes Arrow IPC bytes, loading the decoder the first time it is needed. */
export async function decodeArrow(bytes: Uint8Array, label: string, contentType = ''): Promise<TableLike> {
  return (await loadArrowDecoder()).decodeArrowIPC(bytes, label, contentType);
}

export interface ArrowAdapterOptions {
  /** The URL of one dataset's file, or a function from the query to it. */
  url: string | ((query: GoldQuery) => string);
}

/** Reads Arrow IPC files or streams over HTTP(S), one URL per dataset. */
export function createArrowAdapter(options: ArrowAdapterOptions): GoldAdapter {
  const urlOf = typeof options.url === 'string' ? (() => options.url) as () => string : options.url;
  return {
    key: typeof options.url === 'string' ? `arrow:${absoluteUrl(options.url)}` : undefined,
    // One file answers every range, limit and segment: the element filters what it shows.
    queryKey: typeof options.url === 'string' ? () => '' : undefined,
    async load(query, signal) {
      const url = absoluteUrl(urlOf(query));
      loadArrowDecoder().catch(() => {}); // in parallel with the request; decodeArrow reports a failure
      const response = await fetchOk(url, signal, ARROW_ACCEPT);
      return readValidated(url, response, () => readArrowBody(url, response, signal));
    },
  };
}

/** The table in an Arrow response's body, decoded while it arrives (start `loadArrowDecoder()` before the request). */
export async function readArrowBody(url: string, response: Response, signal: AbortSignal): Promise<TableLike> {
  const { readArrowStream } = await loadArrowDecoder();
  return readBody(url, signal, () => readArrowStream(response, url));
}
