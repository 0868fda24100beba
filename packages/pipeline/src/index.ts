/**
 * @goldboard/pipeline: raw REES46 events → Silver → Gold + K-Means user segments on DuckDB,
 * running @goldboard/gold-sql's SQL. `goldboard generate` and `goldboard build`
 * (@goldboard/cli) are these functions.
 */
export { type BuildOptions, buildGold } from './build/build.js';
export { PIPELINE_VERSION } from './version.js';
export { PipelineError, type PipelineErrorCode } from './build/errors.js';
export { type Manifest, QUARANTINE_RULES, type QuarantineRule } from './build/manifest.js';
export { RAW_COLUMNS } from '@goldboard/gold-sql';
export { GENERATOR_VERSION, type GenerateOptions, RAW_HEADER, generateEvents } from './generate/generate.js';
export { FEATURE_NAMES, type FeatureMatrix, scaleFeatures } from './segments/features.js';
export { type KMeansOptions, type KMeansResult, kmeans } from './segments/kmeans.js';
export { type ClusterProfile, labelClusters } from './segments/labels.js';
export { ArgumentError, type Command, USAGE, parseArgs } from './args.js';
export {
  WAREHOUSE_STAGES,
  WarehouseBuildError,
  type WarehouseBuildOptions,
  type WarehouseManifest,
  type WarehouseProgress,
  type WarehouseStage,
  buildOnWarehouse,
} from './warehouse/build.js';
export type { WarehouseAnswer, WarehouseParameter, WarehouseSession } from './warehouse/session.js';
export * as warehouseSql from './warehouse/sql.js';
