/**
 * A features table from a matrix in memory, in a DuckDB of its own: how tests and the benchmark
 * give K-Means in SQL exactly the users they give the in-memory K-Means.
 */
import { BIGINT, DOUBLE, type DuckDBConnection, DuckDBDataChunk, DuckDBInstance } from '@duckdb/node-api';
import { FEATURE_NAMES, type FeatureMatrix } from './features.js';

/**
 * Runs `use` with a connection to a fresh in-memory DuckDB holding `table` (`user_id` BIGINT =
 * row number + 1, then the columns of `raw` as DOUBLE, named after FEATURE_NAMES when there are
 * six, else `f0`, `f1`, …); closes it afterwards.
 */
export async function withFeatureTable<T>(raw: FeatureMatrix, use: (connection: DuckDBConnection, features: readonly string[]) => Promise<T>, table = 'user_features'): Promise<T> {
  const features = raw.dims === FEATURE_NAMES.length ? FEATURE_NAMES : Array.from({ length: raw.dims }, (_, d) => `f${d}`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE ${table} (user_id BIGINT, ${features.map((f) => `${f} DOUBLE`).join(', ')})`);
    const appender = await connection.createAppender(table);
    for (let start = 0; start < raw.rows; start += 2048) {
      const size = Math.min(2048, raw.rows - start);
      const chunk = DuckDBDataChunk.create([BIGINT, ...features.map(() => DOUBLE)], size);
      chunk.setColumnValues(0, Array.from({ length: size }, (_, i) => BigInt(start + i + 1)));
      for (let d = 0; d < raw.dims; d++) chunk.setColumnValues(d + 1, Array.from({ length: size }, (_, i) => raw.values[(start + i) * raw.dims + d]!));
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
    return await use(connection, features);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
