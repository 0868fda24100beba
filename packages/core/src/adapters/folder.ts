import type { GoldAdapter } from './adapter.js';
import { createArrowAdapter } from './arrow.js';
import { absoluteUrl } from './http.js';
import { createJsonAdapter } from './json.js';

export type GoldFileFormat = 'arrow' | 'json';

export interface FolderAdapterOptions {
  /** The Gold folder's address: `<base>/<dataset>.arrow` (or `.json`) per dataset. */
  base: string;
  format?: GoldFileFormat;
}

/** A Gold folder as the pipeline writes it: one file per dataset. */
export function createFolderAdapter(options: FolderAdapterOptions): GoldAdapter {
  const format = options.format ?? 'arrow';
  const base = absoluteUrl(options.base.endsWith('/') ? options.base : `${options.base}/`);
  const url = (dataset: string) => new URL(`${encodeURIComponent(dataset)}.${format}`, base).href;
  const inner = format === 'json' ? createJsonAdapter({ url: (q) => url(q.dataset) }) : createArrowAdapter({ url: (q) => url(q.dataset) });
  // A file per dataset, whatever the range, limit or segment.
  return { key: `folder:${format}:${base}`, queryKey: (query) => query.dataset, load: (query, signal) => inner.load(query, signal) };
}

/** The format of a file by its name: `.json` is JSON, anything else Arrow IPC. */
export function formatOfUrl(url: string): GoldFileFormat {
  const path = url.split(/[?#]/)[0] ?? '';
  return /\.json$/i.test(path) ? 'json' : 'arrow';
}

const bySrc = new Map<string, GoldAdapter>();

/** The adapter for an element's `src` (one dataset's file), shared by every element with that src. */
export function adapterForSrc(src: string): GoldAdapter {
  const url = absoluteUrl(src);
  let adapter = bySrc.get(url);
  if (!adapter) {
    adapter = formatOfUrl(url) === 'json' ? createJsonAdapter({ url }) : createArrowAdapter({ url });
    bySrc.set(url, adapter);
  }
  return adapter;
}
