import type { ReactiveElement } from 'lit';
import { rememberTexts, type ColumnLike, type TableLike, type WrittenTexts } from '@goldboard/core';
export { requestKey } from './gold-data-controller.js';

/**
 * The data a server rendered an element from, sent with it so that the browser draws the same
 * view without a second request: the tables by dataset (only the columns drawn, under the
 * contract's names), the request they answer, and the plot size a chart was laid out at.
 * On the page it is a `<script type="application/json" data-goldboard-snapshot>` child of the
 * element (never executed); its tables are validated again as they arrive.
 */
export interface Snapshot {
  /** The request answered (see `requestKey`): another request loads as usual. */
  readonly key: string;
  readonly tables: Readonly<Record<string, TableLike>>;
  /** The plot's width and height in px, for the charts whose size follows their container. */
  readonly size?: readonly [number, number] | undefined;
  /** The error the element showed instead of data. */
  readonly error?: { readonly code: string; readonly message: string } | undefined;
  /**
   * The numbers and dates as the server wrote them (`WrittenTexts`): remembered from when the
   * snapshot is taken until the element has drawn once, so that taking the markup over builds no
   * Intl formatter.
   */
  readonly texts?: unknown;
}

/** The wire form: `{ v: 1, key, size?, tables: { dataset: { n, c: { column: values } } }, t? }`. */
export interface SnapshotJson {
  readonly v: 1;
  readonly key: string;
  readonly size?: readonly [number, number];
  readonly error?: { readonly code: string; readonly message: string };
  /** The texts written (see `Snapshot.texts`). */
  readonly t?: WrittenTexts;
  readonly tables: Readonly<Record<string, { readonly n: number; readonly c: Readonly<Record<string, readonly unknown[]>> }>>;
}

/** A table over columns of plain values (numbers, epoch-ms dates, text; null for none). */
class ColumnsTable implements TableLike {
  readonly schema: { readonly fields: readonly { name: string; nullable: boolean }[] };
  constructor(
    readonly numRows: number,
    private readonly columns: Readonly<Record<string, readonly unknown[]>>,
  ) {
    this.schema = { fields: Object.keys(columns).map((name) => ({ name, nullable: true })) };
  }
  getChild(name: string): ColumnLike | null {
    const values = Object.hasOwn(this.columns, name) ? this.columns[name] : undefined;
    return Array.isArray(values) ? { length: values.length, get: (i) => values[i] ?? null, toArray: () => values } : null;
  }
}

/** A snapshot from its wire form; undefined for anything that is not one (the element then loads as usual). */
export function parseSnapshot(text: string): Snapshot | undefined {
  let json: Partial<SnapshotJson>;
  try {
    json = JSON.parse(text) as Partial<SnapshotJson>;
  } catch {
    return undefined;
  }
  if (json?.v !== 1 || typeof json.key !== 'string' || typeof json.tables !== 'object' || json.tables === null) return undefined;
  const tables: Record<string, TableLike> = {};
  for (const [dataset, t] of Object.entries(json.tables)) {
    if (typeof t?.n !== 'number' || typeof t.c !== 'object' || t.c === null) return undefined;
    tables[dataset] = new ColumnsTable(t.n, t.c);
  }
  const size = Array.isArray(json.size) && json.size.length === 2 && json.size.every((v) => Number.isFinite(v) && v > 0) ? json.size : undefined;
  const error = typeof json.error?.code === 'string' && typeof json.error.message === 'string' ? { code: json.error.code, message: json.error.message } : undefined;
  return { key: json.key, tables, size, error, texts: json.t };
}

/** The snapshot sent with a server-rendered element, taken out of the page (read once). */
export function takeSnapshot(host: Element): Snapshot | undefined {
  const script = host.querySelector(':scope > script[type="application/json"][data-goldboard-snapshot]');
  if (!script) return undefined;
  script.remove();
  const snapshot = parseSnapshot(script.textContent ?? '');
  if (snapshot?.texts !== undefined) {
    // Checked entry by entry (what is not a number and its text is skipped), and kept until the
    // element has drawn once: its later drawings write their numbers in the browser.
    const release = rememberTexts(snapshot.texts);
    const drawn = (host as Partial<ReactiveElement>).updateComplete;
    if (drawn) drawn.then(release, release);
    else release();
  }
  return snapshot;
}
