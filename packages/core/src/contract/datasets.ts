/**
 * The Gold contract: every dataset that flows between the pipeline, the server, the adapters
 * and the elements, with its typed columns. This file is the single source of truth; the
 * pipeline's SQL, the server's schemas and the elements' validation all read from it.
 *
 * Dates are UTC calendar days. Money is USD as float64. Counts are int64. What each dataset and
 * column means is in `descriptions.ts` (kept apart so that browser bundles need not carry it).
 */

/** The logical column types of the contract. */
export type ColumnType = 'float64' | 'int64' | 'int32' | 'text' | 'date';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable?: boolean;
}

export interface DatasetSpec {
  readonly name: DatasetName;
  /** At most this many rows (ranked datasets). */
  readonly maxRows?: number;
  readonly columns: readonly ColumnSpec[];
}

export const DATASET_NAMES = [
  'kpi_summary',
  'daily_metrics',
  'top_products',
  'top_users',
  'user_segments',
  'segment_summary',
] as const;

export type DatasetName = (typeof DATASET_NAMES)[number];

/** The three segment labels, from the clusters' centroids (never from cluster ids). */
export const SEGMENT_LABELS = [
  'High-Value Loyal Customers',
  'Occasional Buyers',
  'Browsers / Non-Converters',
] as const;

export type SegmentLabel = (typeof SEGMENT_LABELS)[number];

const col = (name: string, type: ColumnType, nullable = false): ColumnSpec =>
  nullable ? { name, type, nullable } : { name, type };

/** The totals of a period: `kpi_summary` has them for the whole range, `daily_metrics` per day. */
const TOTALS: readonly ColumnSpec[] = [
  col('revenue', 'float64'),
  col('purchases', 'int64'),
  col('events', 'int64'),
  col('views', 'int64'),
  col('carts', 'int64'),
  col('users', 'int64'),
  col('buyers', 'int64'),
];

export const DATASETS: Readonly<Record<DatasetName, DatasetSpec>> = {
  kpi_summary: {
    name: 'kpi_summary',
    columns: [
      ...TOTALS,
      col('conversion_rate', 'float64'),
      col('avg_order_value', 'float64'),
      col('first_date', 'date'),
      col('last_date', 'date'),
    ],
  },
  daily_metrics: {
    name: 'daily_metrics',
    columns: [col('event_date', 'date'), ...TOTALS],
  },
  top_products: {
    name: 'top_products',
    maxRows: 100,
    columns: [
      col('rank', 'int32'),
      col('product_id', 'int64'),
      col('category_code', 'text', true),
      col('brand', 'text', true),
      col('revenue', 'float64'),
      col('purchases', 'int64'),
      col('views', 'int64'),
    ],
  },
  top_users: {
    name: 'top_users',
    maxRows: 100,
    columns: [
      col('rank', 'int32'),
      col('user_id', 'int64'),
      col('purchases', 'int64'),
      col('spend', 'float64'),
      col('events', 'int64'),
      col('segment', 'text'),
    ],
  },
  user_segments: {
    name: 'user_segments',
    columns: [
      col('user_id', 'int64'),
      col('cluster', 'int32'),
      col('segment', 'text'),
      col('recency_days', 'float64'),
      col('purchases', 'int64'),
      col('spend', 'float64'),
      col('events', 'int64'),
      col('sessions', 'int64'),
      col('conversion_rate', 'float64'),
    ],
  },
  segment_summary: {
    name: 'segment_summary',
    columns: [
      col('segment', 'text'),
      col('cluster', 'int32'),
      col('users', 'int64'),
      col('user_share', 'float64'),
      col('revenue', 'float64'),
      col('revenue_share', 'float64'),
      col('avg_revenue', 'float64'),
      col('avg_events', 'float64'),
      col('avg_purchases', 'float64'),
      col('conversion_rate', 'float64'),
    ],
  },
};

export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

/** The spec of one column, or undefined when the dataset has no such column. */
export function columnSpec(dataset: DatasetName, column: string): ColumnSpec | undefined {
  return DATASETS[dataset].columns.find((c) => c.name === column);
}

/** True for the numeric column types. */
export function isNumericType(type: ColumnType): boolean {
  return type === 'float64' || type === 'int64' || type === 'int32';
}
