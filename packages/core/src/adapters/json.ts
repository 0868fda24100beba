import { GoldError } from '../errors.js';
import { rowsFromJson } from '../table/row-table.js';
import type { GoldAdapter, GoldQuery } from './adapter.js';
import { absoluteUrl, fetchOk, readBody, readValidated } from './http.js';

export interface JsonAdapterOptions {
  /** The URL of one dataset's rows, or a function from the query to it. */
  url: string | ((query: GoldQuery) => string);
}

/**
 * Reads JSON over HTTP(S): an array of row objects (or `{ "rows": [...] }`), dates as ISO
 * strings. The contract's validator types the columns when the table reaches an element.
 */
export function createJsonAdapter(options: JsonAdapterOptions): GoldAdapter {
  const urlOf = typeof options.url === 'string' ? (() => options.url) as () => string : options.url;
  return {
    key: typeof options.url === 'string' ? `json:${absoluteUrl(options.url)}` : undefined,
    queryKey: typeof options.url === 'string' ? () => '' : undefined,
    async load(query, signal) {
      const url = absoluteUrl(urlOf(query));
      const response = await fetchOk(url, signal, 'application/json');
      return readValidated(url, response, async () => {
        const text = await readBody(url, signal, () => response.text());
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (error) {
          const type = response.headers.get('content-type');
          throw new GoldError('decode', `${url} is not valid JSON${type ? ` (the server sent ${type})` : ''}: ${(error as Error).message}`, {
            url,
            cause: error,
          });
        }
        return rowsFromJson(json, url);
      });
    },
  };
}
