/**
 * The named queries. Every dataset's SQL is the pipeline's own (`@goldboard/pipeline`'s `sql/`
 * for DuckDB, `sql/databricks/` for Databricks SQL) — one definition shared by the build, the
 * server and a warehouse. This file only wraps it: columns cast to the contract's types, the
 * optional segment filter and row limit, each a bound parameter.
 */
import { type ColumnType, DATASETS, DATASET_NAMES, type DatasetName } from '@goldboard/core';
import { GOLD_ORDER, GOLD_QUERIES, sqlText } from '@goldboard/pipeline';
import type { DatasetRequest } from './params.js';

/** Datasets computed for a requested date range from the Silver events. */
export const RANGED: ReadonlySet<DatasetName> = new Set(GOLD_QUERIES);
/** Datasets with a `segment` column, which `?segment=` filters. */
export const SEGMENTED: ReadonlySet<DatasetName> = new Set(DATASET_NAMES.filter((name) => DATASETS[name].columns.some((c) => c.name === 'segment')));
/** Datasets whose range query joins the model's `user_segments` as well as the events. */
export const NEEDS_SEGMENTS: ReadonlySet<DatasetName> = new Set(['top_users', 'segment_summary']);

/** The inner `$limit` of a ranked query when a segment filter follows it: every ranked row. */
const ALL_RANKED = 2_147_483_647;

export type Dialect = 'duckdb' | 'databricks';

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

const SQL_TYPES: Record<Dialect, Record<ColumnType, string>> = {
  duckdb: { float64: 'DOUBLE', int64: 'BIGINT', int32: 'INTEGER', text: 'VARCHAR', date: 'DATE' },
  databricks: { float64: 'DOUBLE', int64: 'BIGINT', int32: 'INT', text: 'STRING', date: 'DATE' },
};

/** The pipeline's SQL text of a named Gold query in a dialect (its trailing `;` dropped). */
export function goldSql(dataset: DatasetName, dialect: Dialect): string {
  return sqlText(dialect === 'duckdb' ? dataset : `databricks/${dataset}`).trim().replace(/;\s*$/, '');
}

/**
 * The statement answering a request. Without a range it reads the Gold table the build wrote
 * (`gold_<dataset>` in DuckDB, the `<dataset>` table on Databricks, where the engine reads only
 * `user_segments` so and turns the other datasets into the open range); with one, it runs the pipeline's query for the range over the
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
  const marker = (name: string) => (dialect === 'duckdb' ? `$${name}` : `:${name}`);
  let source: string;
  let innerLimit = false;
  if (ranged) {
    const inner = goldSql(dataset, dialect);
    innerLimit = new RegExp(`\\${dialect === 'duckdb' ? '$' : ':'}limit\\b`).test(inner);
    source = `(\n${inner}\n) AS q`;
  } else {
    source = dialect === 'duckdb' ? `gold_${dataset}` : dataset;
  }
  const types = SQL_TYPES[dialect];
  const columns = DATASETS[dataset].columns.map((c) => `CAST(${c.name} AS ${types[c.type]}) AS ${c.name}`).join(', ');
  let sql = `SELECT ${columns}\nFROM ${source}`;
  if (segmented) sql += `\nWHERE segment = ${marker('segment')}`;
  sql += `\nORDER BY ${GOLD_ORDER[dataset]}`;
  if (limited) sql += `\nLIMIT ${marker('row_limit')}`;
  shape = { sql, innerLimit };
  shapes.set(key, shape);
  return shape;
}
