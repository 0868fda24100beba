/**
 * The measures of the Gold contract: per dataset, each numeric column an element can show, with
 * its label, its number format and how it combines over days. Every element, the dashboard and
 * the typings read these tables, so a measure is named and formatted alike everywhere.
 */
import type { NumberFormatName } from '../format/format.js';
import type { DatasetName } from './datasets.js';

/**
 * How a measure combines over several days: additive measures are sums of days; a ratio is the
 * ratio of the sums of its parts; a distinct count (users, buyers) cannot be summed over days,
 * so it combines as the mean per day.
 */
export type MeasureCombine = 'sum' | 'distinct' | { readonly numerator: string; readonly denominator: string };

export interface MeasureSpec {
  /** The column, as in the contract. */
  readonly column: string;
  readonly label: string;
  readonly format: NumberFormatName;
  /** Absent for a per-group ratio whose parts the dataset does not hold (segment averages). */
  readonly combine?: MeasureCombine;
  /** The column holding this measure's share of the whole (additive measures). */
  readonly share?: string;
  /** The measure is itself a share of the whole. */
  readonly isShare?: boolean;
}

/** The measures of one dataset, by column. */
export type MeasureTable = Readonly<Record<string, Omit<MeasureSpec, 'column'>>>;

// Plain literals, one table per dataset: a bundle keeps only the tables its elements name
// (a kpi-card alone carries the KPI table).
export const KPI_SUMMARY_MEASURES: MeasureTable = {
  revenue: { label: 'Total Revenue', format: 'currency', combine: 'sum' },
  purchases: { label: 'Total Purchases', format: 'number', combine: 'sum' },
  events: { label: 'Total Events', format: 'number', combine: 'sum' },
  views: { label: 'Views', format: 'number', combine: 'sum' },
  carts: { label: 'Cart Additions', format: 'number', combine: 'sum' },
  users: { label: 'Users', format: 'number', combine: 'distinct' },
  buyers: { label: 'Buyers', format: 'number', combine: 'distinct' },
  conversion_rate: { label: 'Conversion Rate', format: 'percent', combine: { numerator: 'buyers', denominator: 'users' } },
  avg_order_value: { label: 'Average Order Value', format: 'currency', combine: { numerator: 'revenue', denominator: 'purchases' } },
};

export const DAILY_METRICS_MEASURES: MeasureTable = {
  revenue: { label: 'Revenue', format: 'currency', combine: 'sum' },
  purchases: { label: 'Purchases', format: 'number', combine: 'sum' },
  events: { label: 'Events', format: 'number', combine: 'sum' },
  views: { label: 'Views', format: 'number', combine: 'sum' },
  carts: { label: 'Cart Additions', format: 'number', combine: 'sum' },
  users: { label: 'Users', format: 'number', combine: 'distinct' },
  buyers: { label: 'Buyers', format: 'number', combine: 'distinct' },
};

export const TOP_PRODUCTS_MEASURES: MeasureTable = {
  revenue: { label: 'Revenue', format: 'currency', combine: 'sum' },
  purchases: { label: 'Purchases', format: 'integer', combine: 'sum' },
  views: { label: 'Views', format: 'integer', combine: 'sum' },
};

export const TOP_USERS_MEASURES: MeasureTable = {
  spend: { label: 'Spend', format: 'currency', combine: 'sum' },
  purchases: { label: 'Purchases', format: 'integer', combine: 'sum' },
  events: { label: 'Events', format: 'integer', combine: 'sum' },
};

/** Segments are disjoint, so their users and revenue add up; their averages do not combine. */
export const SEGMENT_SUMMARY_MEASURES: MeasureTable = {
  users: { label: 'Users', format: 'integer', combine: 'sum', share: 'user_share' },
  user_share: { label: 'Share of Users', format: 'percent', combine: 'sum', isShare: true },
  revenue: { label: 'Revenue', format: 'currency', combine: 'sum', share: 'revenue_share' },
  revenue_share: { label: 'Share of Revenue', format: 'percent', combine: 'sum', isShare: true },
  avg_revenue: { label: 'Average Revenue per User', format: 'currency', combine: { numerator: 'revenue', denominator: 'users' } },
  avg_events: { label: 'Engagement (Events per User)', format: 'number' },
  avg_purchases: { label: 'Purchases per User', format: 'number' },
  conversion_rate: { label: 'Conversion Rate', format: 'percent' },
};

/** Every dataset's measures (a dataset without measures has none). */
export const MEASURES: Readonly<Partial<Record<DatasetName, MeasureTable>>> = {
  kpi_summary: KPI_SUMMARY_MEASURES,
  daily_metrics: DAILY_METRICS_MEASURES,
  top_products: TOP_PRODUCTS_MEASURES,
  top_users: TOP_USERS_MEASURES,
  segment_summary: SEGMENT_SUMMARY_MEASURES,
};

/**
 * A measure of a table of measures; a column the table does not know (mapped data, a new
 * column, an inherited name like `constructor`) reads as itself, a plain number, summed.
 */
export function measureIn(measures: MeasureTable | undefined, column: string): MeasureSpec {
  const spec = measures && Object.hasOwn(measures, column) ? measures[column] : undefined;
  return { column, ...(spec ?? { label: column, format: 'number', combine: 'sum' }) };
}

/** A measure of a dataset (see `measureIn`). */
export function measureSpec(dataset: string, column: string): MeasureSpec {
  return measureIn(MEASURES[dataset as DatasetName], column);
}

/** The measures of a dataset, in the table's order. */
export function measuresOf(dataset: string): readonly MeasureSpec[] {
  const measures = MEASURES[dataset as DatasetName] ?? {};
  return Object.keys(measures).map((column) => measureIn(measures, column));
}
