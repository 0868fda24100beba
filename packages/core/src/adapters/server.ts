import { GoldError, type GoldErrorCode } from '../errors.js';
import type { GoldAdapter, GoldQuery } from './adapter.js';
import { loadArrowDecoder, readArrowBody } from './arrow.js';
import { absoluteUrl, fetchResponse, readValidated } from './http.js';

export interface ServerAdapterOptions {
  /** The Goldboard server's address, e.g. `https://gold.example.com` (datasets are under `/v1/datasets/`). */
  base: string;
}

const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

/** The URL of a query on a Goldboard server: absent parameters are left out. */
export function serverQueryUrl(base: string, query: GoldQuery): string {
  const root = absoluteUrl(base.endsWith('/') ? base : `${base}/`);
  const url = new URL(`v1/datasets/${encodeURIComponent(query.dataset)}`, root);
  if (query.from) url.searchParams.set('from', query.from);
  if (query.to) url.searchParams.set('to', query.to);
  if (query.limit !== undefined && Number.isFinite(query.limit)) url.searchParams.set('limit', String(query.limit));
  if (query.segment) url.searchParams.set('segment', query.segment);
  return url.href;
}

/**
 * Reads the Goldboard server (`@goldboard/server`): each query becomes
 * `GET {base}/v1/datasets/{dataset}?from&to&limit&segment`, answered as an Arrow IPC stream and
 * computed by the server for that range. The server's JSON error message becomes the GoldError's.
 *
 * @example
 * registerSource('gold', createServerAdapter({ base: 'https://gold.example.com' }));
 * // <kpi-card source="gold" metric="revenue" from="2019-11-01" to="2019-11-30"></kpi-card>
 */
export function createServerAdapter(options: ServerAdapterOptions): GoldAdapter {
  const base = absoluteUrl(options.base.endsWith('/') ? options.base : `${options.base}/`);
  return {
    key: `server:${base}`,
    async load(query, signal) {
      const url = serverQueryUrl(base, query);
      loadArrowDecoder().catch(() => {}); // in parallel with the request; decodeArrow reports a failure
      const response = await fetchResponse(url, signal, ARROW_STREAM, {
        unreachable: `Check that the Goldboard server at ${base} is running.`,
        cors: `Allow this page's origin on the Goldboard server: goldboard serve --cors-origin ${globalThis.location?.origin}.`,
      });
      if (!response.ok && response.status !== 304) throw await serverError(url, query, response);
      return readValidated(url, response, () => readArrowBody(url, response, signal));
    },
  };
}

/** A failed answer as a GoldError carrying the server's own message (`{ "error": { message, param } }`). */
async function serverError(url: string, query: GoldQuery, response: Response): Promise<GoldError> {
  let message = '';
  let param: string | undefined;
  try {
    const body = (await response.json()) as { error?: { message?: string; param?: string } };
    message = body.error?.message ?? '';
    param = body.error?.param;
  } catch {
    // not the server's JSON: fall back on the status
  }
  const code: GoldErrorCode = response.status === 400 ? 'bad-param' : response.status === 404 && param === 'dataset' ? 'unknown-dataset' : 'http';
  const text = message || `${url} answered ${response.status} ${response.statusText}.`;
  return new GoldError(code, `${query.dataset}: ${text}`, { url, status: response.status, dataset: query.dataset });
}
