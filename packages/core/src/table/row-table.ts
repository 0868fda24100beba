import { GoldError } from '../errors.js';
import type { ColumnLike, FieldLike, TableLike } from './table-like.js';

export type Row = Readonly<Record<string, unknown>>;

class RowColumn implements ColumnLike {
  constructor(
    private readonly rows: readonly Row[],
    private readonly name: string,
  ) {}
  get length(): number {
    return this.rows.length;
  }
  get(index: number): unknown {
    return valueOf(this.rows[index], this.name);
  }
  toArray(): unknown[] {
    return this.rows.map((r) => valueOf(r, this.name));
  }
}

/** A row's own field (null when absent): `constructor` or `toString` inherited from Object are not data. */
function valueOf(row: Row | undefined, name: string): unknown {
  return row !== undefined && Object.hasOwn(row, name) ? (row[name] ?? null) : null;
}

/**
 * An array of plain row objects seen through Arrow's reading surface. The schema is the union
 * of the rows' keys in first-seen order; types are left to the contract's validator.
 */
export class RowTable implements TableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: readonly FieldLike[] };

  constructor(private readonly rows: readonly Row[]) {
    this.numRows = rows.length;
    const names = new Set<string>();
    for (const row of rows) for (const key of Object.keys(row)) names.add(key);
    this.schema = { fields: [...names].map((name) => ({ name, nullable: true })) };
  }

  getChild(name: string): ColumnLike | null {
    return this.schema.fields.some((f) => f.name === name) ? new RowColumn(this.rows, name) : null;
  }
}

/**
 * Rows from parsed JSON: an array of objects, or an object holding one under `rows` or `data`.
 * `label` names the source in the error when the shape is wrong.
 */
export function rowsFromJson(json: unknown, label: string): RowTable {
  const rows = Array.isArray(json)
    ? json
    : typeof json === 'object' && json !== null
      ? (valueOf(json as Row, 'rows') ?? valueOf(json as Row, 'data'))
      : undefined;
  if (!Array.isArray(rows)) {
    throw new GoldError('bad-data', `${label} is not an array of rows (nor an object with a \`rows\` array)`, { url: label });
  }
  const bad = rows.findIndex((r) => typeof r !== 'object' || r === null || Array.isArray(r));
  if (bad >= 0) {
    throw new GoldError('bad-data', `${label} row ${bad + 1} is not an object with named fields`, { url: label });
  }
  return new RowTable(rows as Row[]);
}
