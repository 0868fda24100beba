import { adapterForSrc, getSource, isTableLike, rowsFromJson, type GoldAdapter, type Row, type TableLike } from '@goldboard/core';

/**
 * Where an element's data comes from, per dataset: an adapter (with a name for the data in
 * messages), the data itself, or a named source that is not registered yet. (A *source* is only
 * ever a registered name.)
 */
export type DataOrigin =
  | { adapterFor: (dataset: string) => GoldAdapter; label: (dataset: string) => string }
  | { data: TableLike }
  | { tables: Readonly<Record<string, TableLike>> }
  | { waitFor: string };

export interface OriginSettings {
  readonly data?: TableLike | readonly Row[] | undefined;
  readonly adapter?: GoldAdapter | undefined;
  readonly src?: string | undefined;
  readonly source?: string | undefined;
}

/**
 * The first of `data`, `adapter`, `src` and `source` that is set decides; undefined when none is.
 * `srcFor` gives the file of a dataset in `src` mode. Throws a GoldError for `data` that is
 * neither a table nor an array of row objects.
 */
export function resolveOrigin({ data, adapter, src, source }: OriginSettings, srcFor: (dataset: string) => string): DataOrigin | undefined {
  if (data) return { data: isTableLike(data) ? data : rowsFromJson(data, 'data') };
  if (adapter) return { adapterFor: () => adapter, label: (d) => d };
  if (src) return { adapterFor: (d) => adapterForSrc(srcFor(d)), label: (d) => fileName(srcFor(d)) };
  if (source) {
    const registered = getSource(source);
    return registered ? { adapterFor: () => registered, label: (d) => d } : { waitFor: source };
  }
  return undefined;
}

/** The last path segment of a URL, to name a file in messages. */
export function fileName(url: string): string {
  const path = url.split(/[?#]/)[0] ?? url;
  return path.slice(path.lastIndexOf('/') + 1) || url;
}

/** The URL of `dataset`'s file in the same folder and format as `src`. */
export function siblingUrl(src: string, dataset: string): string {
  const [path = '', rest = ''] = src.split(/(?=[?#])/);
  const ext = /\.json$/i.test(path) ? 'json' : 'arrow';
  return `${path.slice(0, path.lastIndexOf('/') + 1)}${dataset}.${ext}${rest}`;
}
