/**
 * The `databricks` engine: the pipeline's Databricks SQL (`sql/databricks/`) run on a SQL
 * warehouse through the Statement Execution API, parameters bound by name. The warehouse needs
 * the view `events` (Silver) and the table `user_segments`; a request without a range is the
 * range of every event. Small answers come
 * INLINE as JSON_ARRAY (the API's 25 MiB inline cap is far above them), large ones
 * (`user_segments`) as EXTERNAL_LINKS with ARROW_STREAM; a warehouse that offers only inline
 * Arrow (some serverless ones) is met by falling back to INLINE + ARROW_STREAM.
 */
import { DATASETS, type DatasetName } from '@goldboard/core';
import { type Table, tableFromIPC } from 'apache-arrow';
import { type ColumnValues, epochDays, tableFromColumns } from '../../arrow/encode.js';
import { AbortedError, EngineError } from '../../http/errors.js';
import { RANGED, namedStatement } from '../../queries/catalog.js';
import { type DatasetRequest, OPEN_RANGE } from '../../queries/params.js';
import type { GoldEngine } from '../engine.js';
import { type DatabricksConfig, type ResultMode, type StatementResult, StatementClient } from './statement-client.js';

const SMALL: readonly ResultMode[] = [
  { disposition: 'INLINE', format: 'JSON_ARRAY' },
  { disposition: 'INLINE', format: 'ARROW_STREAM' },
  { disposition: 'EXTERNAL_LINKS', format: 'ARROW_STREAM' },
];
const LARGE: readonly ResultMode[] = [
  { disposition: 'EXTERNAL_LINKS', format: 'ARROW_STREAM' },
  { disposition: 'INLINE', format: 'ARROW_STREAM' },
  { disposition: 'INLINE', format: 'JSON_ARRAY' },
];

/** Above this many rows an answer is fetched as Arrow through external links. */
const LARGE_ROWS = 10_000;

/** The engine's settings from `DATABRICKS_HOST`, `DATABRICKS_WAREHOUSE_ID`, `DATABRICKS_TOKEN` (and optional catalog / schema). */
export function databricksConfigFromEnv(env: Record<string, string | undefined>): DatabricksConfig {
  const missing = ['DATABRICKS_HOST', 'DATABRICKS_WAREHOUSE_ID', 'DATABRICKS_TOKEN'].filter((name) => !env[name]);
  if (missing.length > 0) throw new EngineError(`--engine databricks needs ${missing.join(', ')} in the environment.`, 500);
  return {
    host: env.DATABRICKS_HOST!,
    warehouseId: env.DATABRICKS_WAREHOUSE_ID!,
    token: env.DATABRICKS_TOKEN!,
    catalog: env.DATABRICKS_CATALOG || undefined,
    schema: env.DATABRICKS_SCHEMA || undefined,
  };
}

export class DatabricksEngine implements GoldEngine {
  readonly name = 'databricks';
  readonly client: StatementClient;

  constructor(config: DatabricksConfig) {
    this.client = new StatementClient(config);
  }

  /** Result modes for a request, best first. */
  static modesFor(request: DatasetRequest): readonly ResultMode[] {
    const rows = request.limit ?? DATASETS[request.dataset].maxRows ?? Number.POSITIVE_INFINITY;
    return request.dataset === 'user_segments' && rows > LARGE_ROWS ? LARGE : SMALL;
  }

  async run(request: DatasetRequest, signal: AbortSignal): Promise<Table> {
    // The warehouse needs only `events` and `user_segments`: the whole period is the open range.
    const ranged = RANGED.has(request.dataset) && request.from === undefined ? { ...request, ...OPEN_RANGE } : request;
    const statement = namedStatement(ranged, 'databricks');
    const parameters = Object.entries(statement.params).map(([name, p]) => ({ name, value: String(p.value), type: p.type }));
    const result = await this.client.execute(statement.sql, parameters, DatabricksEngine.modesFor(request), signal);
    if (signal.aborted) throw new AbortedError();
    return warehouseTable(request.dataset, result);
  }

  period(): undefined {
    return undefined;
  }

  generation(): string {
    return 'databricks';
  }

  async check(signal: AbortSignal): Promise<void> {
    await this.client.execute('SELECT 1 AS ok', [], SMALL, signal);
  }

  async close(): Promise<void> {}
}

/** A warehouse result in the contract's shape, whichever format it came in. */
export function warehouseTable(dataset: DatasetName, result: StatementResult): Table {
  const spec = DATASETS[dataset];
  const names = result.columns.map((c) => c.name);
  if (names.length > 0 && names.join(',') !== spec.columns.map((c) => c.name).join(',')) {
    throw new EngineError(`Databricks answered ${dataset} with columns ${names.join(', ')}; the contract has ${spec.columns.map((c) => c.name).join(', ')}.`, 502);
  }
  if (result.format === 'JSON_ARRAY') {
    // JSON_ARRAY values are strings (or null); the contract says what each one is.
    const columns = spec.columns.map((column, c) =>
      result.rows.map((row) => {
        const text = row[c] ?? null;
        if (text === null) return null;
        switch (column.type) {
          case 'int64':
            return BigInt(text);
          case 'int32':
          case 'float64':
            return Number(text);
          case 'date':
            return epochDays(text.slice(0, 10));
          case 'text':
            return text;
        }
      }),
    );
    return tableFromColumns(dataset, columns);
  }
  const columns: Array<Array<number | bigint | string | null>> = spec.columns.map(() => []);
  for (const bytes of result.streams) {
    if (bytes.byteLength === 0) continue;
    const table = tableFromIPC(bytes);
    spec.columns.forEach((column, c) => {
      const vector = table.getChild(column.name) ?? table.getChildAt(c);
      if (!vector) throw new EngineError(`Databricks' Arrow result for ${dataset} has no column ${column.name}.`, 502);
      const target = columns[c]!;
      for (let i = 0; i < vector.length; i++) {
        const v = vector.get(i) as unknown;
        if (v === null || v === undefined) target.push(null);
        else if (column.type === 'date') target.push(Math.round((v instanceof Date ? v.getTime() : Number(v)) / 86_400_000));
        else if (column.type === 'text') target.push(String(v));
        else target.push(v as number | bigint);
      }
    });
  }
  const rows = columns[0]?.length ?? 0;
  if (result.totalRows !== undefined && rows !== result.totalRows) {
    throw new EngineError(`Databricks announced ${result.totalRows} rows for ${dataset} but its Arrow chunks hold ${rows}.`, 502);
  }
  return tableFromColumns(dataset, columns as ColumnValues[]);
}
