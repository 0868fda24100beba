/**
 * What the standalone bundle (`goldboard.ts`, `dist/goldboard.js`) exports: every element,
 * defined, and the built-in adapters.
 */
export * from './index.js';
export {
  GoldError,
  GoldTable,
  LatestRequest,
  RowTable,
  SharedLoader,
  createArrowAdapter,
  createFolderAdapter,
  createJsonAdapter,
  createRowsAdapter,
  formatDate,
  formatNumber,
  getSource,
  registerSource,
  sharedLoader,
  unregisterSource,
  validateTable,
  DATASETS,
  DATASET_NAMES,
  SEGMENT_LABELS,
} from '@goldboard/core';
