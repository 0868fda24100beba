/**
 * @goldboard/server: the Gold datasets over HTTP as named queries with typed parameters,
 * answered by DuckDB over a Gold folder or by a Databricks SQL warehouse.
 */
export { ARROW_STREAM, createGoldServer, negotiate, type GoldServer, type GoldServerOptions, type GoldServerStats } from './http/server.js';
export { AbortedError, EngineError, RequestError, type RequestErrorCode } from './http/errors.js';
export { jsonLogger, silentLogger, type LogEntry, type Logger } from './http/log.js';
export type { GoldEngine } from './engines/engine.js';
export { DuckDBEngine, type DuckDBEngineOptions, openGoldDatabase } from './engines/duckdb.js';
export { DatabricksEngine, databricksConfigFromEnv } from './engines/databricks/engine.js';
export { StatementClient, type DatabricksConfig, type StatementResult } from './engines/databricks/statement-client.js';
export { WarehouseError } from './engines/databricks/errors.js';
export { type DatabricksWarehouseSession, type WarehouseSessionAnswer, warehouseSession } from './engines/databricks/session.js';
export { DATASET_PARAMS, type DatasetRequest, parseDatasetRequest } from './queries/params.js';
export { NEEDS_SEGMENTS, RANGED, SEGMENTED, goldSql, namedStatement, type Dialect, type NamedStatement } from './queries/catalog.js';
export { arrowStreamBytes, jsonRows, tableFromColumns } from './arrow/encode.js';
export { SERVE_USAGE, parseServeArgs, runServeCommand, type ServeOptions } from './cli.js';
