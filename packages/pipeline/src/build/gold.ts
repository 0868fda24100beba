/**
 * Gold: each dataset of the contract as a DuckDB table cast to the contract's types, then
 * written as `<dataset>.parquet` (DuckDB) and `<dataset>.arrow` (apache-arrow, IPC file format).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DATASETS, DATASET_NAMES, type DatasetName } from '@goldboard/core';
import { arrowFileBytes, conformingSelect, readArrowTable } from './arrow.js';
import { type GoldQueryName, sqlText } from './sql.js';

/** Ranked datasets keep this many rows (the contract's maximum). */
export const TOP_LIMIT = 100;

/** Row order of each dataset's files. */
const ORDER: Record<DatasetName, string> = {
  kpi_summary: 'first_date',
  daily_metrics: 'event_date',
  top_products: 'rank',
  top_users: 'rank',
  user_segments: 'user_id',
  segment_summary: 'revenue DESC, users DESC, segment',
};

export interface DatasetWritten {
  rows: number;
}

/** Builds every Gold dataset for the period and writes its two files into `dir`. */
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
    if (name === 'user_segments') {
      await connection.run(`CREATE OR REPLACE TABLE ${table} AS ${conformingSelect(spec, 'user_segments')}`);
    } else {
      const query = sqlText(name satisfies GoldQueryName);
      const params: Record<string, string | number> = { from: period.from, to: period.to };
      if (/\$limit\b/.test(query)) params.limit = TOP_LIMIT;
      await connection.run(`CREATE OR REPLACE TABLE ${table} AS ${conformingSelect(spec, `(${query}) AS q`)}`, params);
    }
    const parquet = join(dir, `${name}.parquet`).replace(/'/g, "''");
    const ordered = `(SELECT * FROM ${table} ORDER BY ${ORDER[name]})`;
    await connection.run(`COPY ${ordered} TO '${parquet}' (FORMAT parquet, COMPRESSION zstd)`);
    const arrow = await readArrowTable(connection, spec, ordered);
    writeFileSync(join(dir, `${name}.arrow`), arrowFileBytes(arrow));
    written[name] = { rows: arrow.numRows };
  }
  return written;
}
