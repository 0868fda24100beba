/**
 * The named queries. Every dataset's SQL is @goldboard/gold-sql's, rendered for DuckDB or
 * Databricks SQL — one definition shared by the build, the server and a warehouse. This file
 * only wraps it: the conforming SELECT (columns cast to the contract's types), the optional
 * segment filter and row limit, each a bound parameter.
 */
import { DATASETS, DATASET_NAMES, type DatasetName } from '@goldboard/core';
import { DIALECTS, type DialectName, GOLD_ORDER, GOLD_QUERIES, type GoldQueryName, conformingSelect, sqlText, takesLimit } from '@goldboard/gold-sql';
import type { DatasetRequest } from './params.js';

/** Datasets computed for a requested date range from the Silver events. */
export const RANGED: ReadonlySet<DatasetName> = new Set(GOLD_QUERIES);
/** Datasets with a `segment` column, which `?segment=` filters. */
export const SEGMENTED: ReadonlySet<DatasetName> = new Set(DATASET_NAMES.filter((name) => DATASETS[name].columns.some((c) => c.name === 'segment')));
/** Datasets whose range query joins the model's `user_segments` as well as the events. */
export const NEEDS_SEGMENTS: ReadonlySet<DatasetName> = new Set(['top_users', 'segment_summary']);

/** The inner `$limit` of a ranked query when a segment filter follows it: every ranked row. */
const ALL_RANKED = 2_147_483_647;

export type Dialect = DialectName;

/** A bound parameter: its value and SQL type (Databricks wants the type by name). */
export interface BoundParam {
  readonly value: string | number;
  readonly type: 'DATE' | 'INT' | 'STRING';
}

/** What an engine runs: SQL text with named parameter markers, and their values. */
export interface NamedStatement {
  readonly sql: string;
  readonly params: Readonly<Record<string, BoundParam>>;
}

/** The SQL text of a named Gold query in a dialect. */
export function goldSql(dataset: GoldQueryName, dialect: Dialect): string {
  return sqlText(dataset, dialect);
}

/**
 * The statement answering a request. Without a range it reads the Gold table the build wrote
 * (`gold_<dataset>` in DuckDB, the `<dataset>` table on Databricks, in the session's catalog and
 * schema); with one, it runs the Gold query for the range over the
 * Silver `events`.
 */
export function namedStatement(request: DatasetRequest, dialect: Dialect): NamedStatement {
  const { dataset } = request;
  const ranged = request.from !== undefined && request.to !== undefined;
  const shape = statementShape(dataset, dialect, ranged, request.segment !== undefined, request.limit !== undefined);
  const params: Record<string, BoundParam> = {};
  if (ranged) {
    params.from = { value: request.from!, type: 'DATE' };
    params.to = { value: request.to!, type: 'DATE' };
    if (shape.innerLimit) {
      const max = DATASETS[dataset].maxRows ?? ALL_RANKED;
      params.limit = { value: request.segment !== undefined ? ALL_RANKED : Math.min(request.limit ?? max, max), type: 'INT' };
    }
  }
  if (request.segment !== undefined) params.segment = { value: request.segment, type: 'STRING' };
  if (request.limit !== undefined) params.row_limit = { value: request.limit, type: 'INT' };
  return { sql: shape.sql, params };
}

/** The SQL of one shape of request (range or not, segment or not, limit or not): built once. */
const shapes = new Map<string, { sql: string; innerLimit: boolean }>();

function statementShape(dataset: DatasetName, dialect: Dialect, ranged: boolean, segmented: boolean, limited: boolean): { sql: string; innerLimit: boolean } {
  const key = `${dataset}|${dialect}|${ranged}|${segmented}|${limited}`;
  let shape = shapes.get(key);
  if (shape) return shape;
  const marker = DIALECTS[dialect].param;
  let source: string;
  let innerLimit = false;
  if (ranged) {
    const name = dataset as GoldQueryName;
    innerLimit = takesLimit(name, dialect);
    source = `(\n${goldSql(name, dialect)}\n) AS q`;
  } else {
    source = dialect === 'duckdb' ? `gold_${dataset}` : dataset;
  }
  let sql = conformingSelect(DATASETS[dataset], source, dialect);
  if (segmented) sql += `\nWHERE segment = ${marker('segment')}`;
  sql += `\nORDER BY ${GOLD_ORDER[dataset]}`;
  if (limited) sql += `\nLIMIT ${marker('row_limit')}`;
  shape = { sql, innerLimit };
  shapes.set(key, shape);
  return shape;
}
