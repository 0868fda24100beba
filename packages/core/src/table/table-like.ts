/**
 * The reading surface shared by apache-arrow's `Table`, flechette's `Table` and Goldboard's own
 * `GoldTable`: elements and the validator only ever use these members, so any of the three
 * can be handed to an element.
 */
export interface ColumnLike {
  readonly length: number;
  get(index: number): unknown;
  toArray(): ArrayLike<unknown>;
}

export interface FieldLike {
  readonly name: string;
  readonly type?: unknown;
  readonly nullable?: boolean;
}

export interface TableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly FieldLike[] };
  getChild(name: string): ColumnLike | null;
}

export function isTableLike(value: unknown): value is TableLike {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Partial<TableLike>;
  return (
    typeof t.numRows === 'number' &&
    typeof t.getChild === 'function' &&
    typeof t.schema === 'object' &&
    t.schema !== null &&
    Array.isArray(t.schema.fields)
  );
}
