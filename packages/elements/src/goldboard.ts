/**
 * The standalone bundle (`dist/goldboard.js`): one script tag defines every element and brings
 * the built-in adapters; the Arrow decoder is a chunk loaded only when Arrow data arrives.
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
