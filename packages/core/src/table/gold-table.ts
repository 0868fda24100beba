import type { ColumnType } from '../contract/datasets.js';
import type { ColumnLike, FieldLike, TableLike } from './table-like.js';

/** How a column is held once it has arrived: numbers and dates flat, text as strings. */
export type ValueKind = 'number' | 'date' | 'text';

/** Numbers (and dates, as epoch milliseconds UTC) are a Float64Array; a null is NaN. */
export class NumberColumn implements ColumnLike {
  constructor(
    readonly name: string,
    readonly kind: 'number' | 'date',
    readonly values: Float64Array,
  ) {}
  get length(): number {
    return this.values.length;
  }
  get(index: number): number | null {
    const v = this.values[index];
    return v === undefined || Number.isNaN(v) ? null : v;
  }
  toArray(): Float64Array {
    return this.values;
  }
}

/** Text stays text: it is rendered with Lit bindings, never as markup. */
export class TextColumn implements ColumnLike {
  readonly kind = 'text' as const;
  constructor(
    readonly name: string,
    readonly values: readonly (string | null)[],
  ) {}
  get length(): number {
    return this.values.length;
  }
  get(index: number): string | null {
    return this.values[index] ?? null;
  }
  toArray(): readonly (string | null)[] {
    return this.values;
  }
}

export type GoldColumn = NumberColumn | TextColumn;

const ARROW_TYPE_NAME: Record<ValueKind, string> = { number: 'Float64', date: 'Date', text: 'Utf8' };

/** A column read only when first asked for (undefined when it cannot be read). */
export type LazyColumn = () => GoldColumn | undefined;

/**
 * A validated, columnar table with Arrow's reading surface (`numRows`, `schema.fields`,
 * `getChild`), holding only plain arrays, so that elements need no Arrow library to read it.
 * The columns an element asked for are read at once; the table's other columns (for CSV,
 * tooltips, event details) are read the first time they are asked for.
 */
export class GoldTable implements TableLike {
  private readonly byName: Map<string, GoldColumn>;
  private readonly pending: Map<string, LazyColumn>;
  private readonly order: readonly string[];
  private fields: (FieldLike & { type: string; kind: ValueKind })[] | undefined;

  constructor(
    readonly dataset: string,
    readonly numRows: number,
    columns: readonly GoldColumn[],
    extra: ReadonlyMap<string, LazyColumn> = new Map(),
  ) {
    this.byName = new Map(columns.map((c) => [c.name, c]));
    this.pending = new Map([...extra].filter(([name]) => !this.byName.has(name)));
    this.order = [...this.byName.keys(), ...this.pending.keys()];
  }

  get schema(): { readonly fields: readonly (FieldLike & { type: string; kind: ValueKind })[] } {
    this.fields ??= this.all().map((c) => ({ name: c.name, type: ARROW_TYPE_NAME[c.kind], kind: c.kind, nullable: true }));
    return { fields: this.fields };
  }

  get columnNames(): string[] {
    return this.all().map((c) => c.name);
  }

  getChild(name: string): GoldColumn | null {
    return this.column(name) ?? null;
  }

  /** The numbers (or epoch-ms dates) of a column; NaN for null. Throws for a text column. */
  numbers(name: string): Float64Array {
    const c = this.column(name);
    if (!c || c.kind === 'text') throw new TypeError(`${this.dataset} has no numeric column \`${name}\``);
    return c.values;
  }

  /** The strings of a column, numbers shown as their decimal text; null stays null. */
  texts(name: string): (string | null)[] {
    const c = this.column(name);
    if (!c) throw new TypeError(`${this.dataset} has no column \`${name}\``);
    if (c.kind === 'text') return [...c.values];
    return Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v)));
  }

  /** A table of the given rows, in the given order (what an element shows of its table). */
  take(rows: readonly number[]): GoldTable {
    const columns = this.all().map((c) =>
      c.kind === 'text'
        ? new TextColumn(c.name, rows.map((r) => c.values[r] ?? null))
        : new NumberColumn(c.name, c.kind, Float64Array.from(rows, (r) => c.values[r] ?? NaN)),
    );
    return new GoldTable(this.dataset, rows.length, columns);
  }

  /** One row as a plain object (dates as epoch ms). */
  row(index: number): Record<string, number | string | null> {
    // fromEntries defines own properties: a column named `__proto__` stays a column.
    return Object.fromEntries(this.all().map((c) => [c.name, c.get(index)]));
  }

  private column(name: string): GoldColumn | undefined {
    const read = this.byName.get(name);
    if (read) return read;
    const lazy = this.pending.get(name);
    if (!lazy) return undefined;
    this.pending.delete(name);
    const column = lazy();
    if (column) this.byName.set(name, column);
    return column;
  }

  /** Every column, the lazy ones read now, in order: the asked-for ones first, then the others. */
  private all(): GoldColumn[] {
    return this.order.map((name) => this.column(name)).filter((c): c is GoldColumn => c !== undefined);
  }
}

/** The contract's logical type for a value kind, for messages. */
export function kindOfType(type: ColumnType): ValueKind {
  return type === 'text' ? 'text' : type === 'date' ? 'date' : 'number';
}
