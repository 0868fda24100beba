/**
 * Gold: each dataset of the contract as a DuckDB table cast to the contract's types, then
 * written as `<dataset>.parquet` (DuckDB) and `<dataset>.arrow` (apache-arrow, IPC file format).
 */
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DATASETS, DATASET_NAMES, type DatasetName } from '@goldboard/core';
import { DUCKDB, goldTableSql, sqlString } from '@goldboard/gold-sql';
import { writeArrowFile } from './arrow.js';

export interface DatasetWritten {
  rows: number;
}

/** Builds every Gold dataset for the period (the pre-aggregates `per_user` and `per_day` made) and writes its two files into `dir`. */
export async function writeGold(
  connection: DuckDBConnection,
  dir: string,
  period: { from: string; to: string },
  onDataset: (name: DatasetName) => void = () => {},
): Promise<Record<DatasetName, DatasetWritten>> {
  const written = {} as Record<DatasetName, DatasetWritten>;
  for (const name of DATASET_NAMES) {
    onDataset(name);
    const spec = DATASETS[name];
    const table = `gold_${name}`;
    // Read from the pre-aggregates where the dataset can be (all but top_products).
    const sql = goldTableSql(name, table, DUCKDB, { preaggregated: true });
    // The parameters the statement has: the period, and for ranked datasets the contract's maximum of rows.
    const given: Record<string, string | number | undefined> = { from: period.from, to: period.to, limit: spec.maxRows };
    const params = Object.fromEntries(Object.entries(given).filter(([key]) => new RegExp(`\\$${key}\\b`).test(sql))) as Record<string, string | number>;
    if (Object.keys(params).length > 0) await connection.run(sql, params);
    else await connection.run(sql);
    // The table is stored in its file order (insertion order is preserved): both files read it as it is.
    await connection.run(`COPY ${table} TO ${sqlString(join(dir, `${name}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
    written[name] = { rows: await writeArrowFile(connection, spec, table, join(dir, `${name}.arrow`)) };
  }
  return written;
}
