/**
 * A warehouse behind the stand-in: each statement a build (or the engine) sends in Databricks
 * SQL is matched, text for text, to the DuckDB rendering of the same step, which runs on a local
 * DuckDB; so the stand-in answers with real counts, centroids and Gold rows. A statement that
 * matches no step is refused as a warehouse refuses bad SQL — except K-Means', whose centroids
 * are literals known only at run time: those are written in SQL both engines read (the
 * Databricks dialect differs only in type names and string escapes), and run as sent.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DATABRICKS, DUCKDB, type Dialect, GOLD_QUERIES, RAW_COLUMNS } from '@goldboard/gold-sql';
import { warehouseSql } from '@goldboard/pipeline';
import type { Executed, Submitted } from './databricks-standin.js';

/** Text the twin's DuckDB rendering of Bronze reads instead of a volume: path globs by volume glob. */
export type VolumeFiles = Record<string, string>;

/** K-Means' statements (kmeans-sql.ts) read or write its own tables: the features, the points and their sample. */
const KMEANS = /\b(?:user_features|kmeans_points\w*|kmeans_assignments)\b/;

export class WarehouseTwin {
  /** Databricks text → DuckDB text of every known step. */
  readonly steps = new Map<string, string>();
  /** Statements run as sent (K-Means). */
  readonly asSent: string[] = [];
  /** Fails the first statement matching it, as a warehouse does (FAILED with its error). */
  failOn: { pattern: RegExp; error: { error_code: string; message: string } } | undefined;
  /** Statements matching it stay RUNNING until cancelled. */
  hangOn: RegExp | undefined;
  private connection!: DuckDBConnection;
  private instance!: DuckDBInstance;

  static async open(): Promise<WarehouseTwin> {
    const twin = new WarehouseTwin();
    twin.instance = await DuckDBInstance.create(':memory:');
    twin.connection = await twin.instance.connect();
    return twin;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  /** Registers a step: its Databricks text and the DuckDB text run in its place. */
  step(databricks: string, duckdb: string): void {
    this.steps.set(databricks, duckdb);
  }

  /** Every step of a build reading `volumes` (Databricks globs → local globs), rendered for both engines. */
  registerBuild(volumes: VolumeFiles): void {
    const source = { kind: 'files', paths: Object.keys(volumes) } as const;
    const pairs = (render: (d: Dialect) => string | string[]) => {
      const [a, b] = [render(DATABRICKS), render(DUCKDB)];
      const [xs, ys] = [Array.isArray(a) ? a : [a], Array.isArray(b) ? b : [b]];
      xs.forEach((x, i) => this.step(x, ys[i]!));
    };
    const silver = warehouseSql.silverSql(source, DATABRICKS);
    const duck = warehouseSql.silverSql(source, DUCKDB);
    this.step(silver[0]!, bronzeFromLines(Object.values(volumes)));
    silver.slice(1).forEach((sql, i) => this.step(sql, duck[i + 1]!));
    pairs(warehouseSql.countsSql);
    pairs(warehouseSql.periodSql);
    pairs(warehouseSql.userFeaturesSql);
    pairs(warehouseSql.userSegmentsSql);
    for (const name of GOLD_QUERIES) pairs((d) => warehouseSql.goldSql(name, d));
    pairs(warehouseSql.goldRowsSql);
    pairs(warehouseSql.dropWorkSql);
    pairs(warehouseSql.manifestTableSql);
  }

  /** The stand-in's `execute`. */
  readonly execute = async ({ statement, parameters }: Submitted): Promise<Executed> => {
    if (this.failOn?.pattern.test(statement)) {
      const { error } = this.failOn;
      this.failOn = undefined;
      return { error };
    }
    if (this.hangOn?.test(statement)) return { hang: true };
    let sql = this.steps.get(statement);
    if (sql === undefined) {
      if (!KMEANS.test(statement) || /\$\w|\bVARCHAR\b|\bINTEGER\b|::/.test(statement)) {
        return { error: { error_code: 'BAD_REQUEST', message: `[PARSE_SYNTAX_ERROR] the twin knows no step for: ${statement.slice(0, 120)}` } };
      }
      this.asSent.push(statement);
      sql = statement;
    }
    const values: Record<string, string | number> = {};
    for (const p of parameters) values[p.name] = p.type === 'INT' ? Number(p.value) : p.value;
    try {
      const reader = await this.connection.runAndReadAll(sql, Object.keys(values).length > 0 ? values : undefined);
      if (/^\s*(?:CREATE|DROP)\b/.test(sql.replace(/^\s*--.*$/gm, ''))) return { columns: [], rows: [] };
      const types = reader.columnTypes().map((t) => sparkType(String(t)));
      return { columns: reader.columnNames().map((name, i) => ({ name, type: types[i]! })), rows: reader.getRowsJS().map((row) => row.map((v) => (v instanceof Date ? v.getTime() : v))) };
    } catch (error) {
      return { error: { error_code: 'BAD_REQUEST', message: `[DUCKDB] ${(error as Error).message.split('\n')[0]}` } };
    }
  };

  /** Rows of a query on the twin's DuckDB. */
  async rows(sql: string): Promise<unknown[][]> {
    return (await this.connection.runAndReadAll(sql)).getRowsJS() as unknown[][];
  }
}

/** The warehouse type a DuckDB result type stands for (HUGEINT: DuckDB's count_if and sums of BIGINT, BIGINT on Spark). */
function sparkType(duckdb: string): string {
  const map: Record<string, string> = { BIGINT: 'BIGINT', HUGEINT: 'BIGINT', INTEGER: 'INT', DOUBLE: 'DOUBLE', VARCHAR: 'STRING', DATE: 'DATE', BOOLEAN: 'BOOLEAN' };
  const type = map[duckdb];
  if (!type) throw new Error(`the twin has no warehouse type for DuckDB's ${duckdb}`);
  return type;
}

/**
 * Bronze as `read_files` in PERMISSIVE mode makes it: the nine fields as text (empty ones NULL),
 * or, for a line without nine fields, the line in `raw_line`; `source` the file's name.
 */
function bronzeFromLines(globs: readonly string[]): string {
  const fields = RAW_COLUMNS.map((c, i) => `CASE WHEN n = 9 THEN nullif(f[${i + 1}], '') END AS ${c}`).join(', ');
  return `CREATE OR REPLACE TABLE bronze AS
SELECT ${fields}, CASE WHEN n <> 9 THEN line END AS raw_line, source
FROM (
  SELECT line, string_split(line, ',') AS f, len(string_split(line, ',')) AS n, parse_filename(filename) AS source
  FROM read_csv([${globs.map((g) => DUCKDB.string(g)).join(', ')}], columns = {'line': 'VARCHAR'}, header = true, delim = '\\t', quote = '', escape = '', auto_detect = false, filename = true)
)`;
}
