import type { GoldTable, NumberFormatName } from '@goldboard/core';
import { segmentOrder } from '../chart/segment-colors.js';

/** How each `segment_summary` measure is named and formatted, and which share column goes with it. */
export interface MeasureInfo {
  readonly label: string;
  readonly format: NumberFormatName;
  /** The column holding this measure's share of the whole (additive measures only). */
  readonly shareColumn?: string;
  /** The measure is itself a share: its values are the shares. */
  readonly isShare?: boolean;
}

const SEGMENT_MEASURES: Readonly<Record<string, MeasureInfo>> = {
  users: { label: 'Users', format: 'integer', shareColumn: 'user_share' },
  user_share: { label: 'Share of Users', format: 'percent', isShare: true },
  revenue: { label: 'Revenue', format: 'currency', shareColumn: 'revenue_share' },
  revenue_share: { label: 'Share of Revenue', format: 'percent', isShare: true },
  avg_revenue: { label: 'Average Revenue per User', format: 'currency' },
  avg_events: { label: 'Engagement (Events per User)', format: 'number' },
  avg_purchases: { label: 'Purchases per User', format: 'number' },
  conversion_rate: { label: 'Conversion Rate', format: 'percent' },
};

export function measureInfo(measure: string): MeasureInfo {
  return SEGMENT_MEASURES[measure] ?? { label: measure, format: 'number' };
}

/** One segment as drawn: its label, value, and share of the whole where that means something. */
export interface SegmentDatum {
  readonly segment: string;
  readonly value: number;
  /** Share of the whole in [0, 1]; NaN when the measure is not additive. */
  readonly share: number;
  /** The row in the table, for the select event. */
  readonly row: number;
}

/**
 * The segments of a validated `segment_summary`, in business order (High-Value, Occasional,
 * Browsers, then unknown labels in data order). Shares come from the share column when the
 * data has it, else from the values when none is negative.
 */
export function segmentData(table: GoldTable, measure: string): SegmentDatum[] {
  const labels = table.texts('segment');
  const values = table.numbers(measure);
  const info = measureInfo(measure);
  const shareColumn = info.shareColumn && table.getChild(info.shareColumn)?.kind === 'number' ? table.numbers(info.shareColumn) : undefined;
  let total = 0;
  let negative = false;
  for (const v of values) {
    if (v < 0) negative = true;
    else if (v - v === 0) total += v;
  }
  const rows = labels.map((label, row) => {
    const value = values[row]!;
    let share = NaN;
    if (info.isShare) share = value;
    else if (info.shareColumn) {
      const given = shareColumn?.[row];
      share = given !== undefined && given - given === 0 ? given : !negative && total > 0 && value - value === 0 ? value / total : NaN;
    }
    return { segment: label ?? '(no segment)', value, share, row };
  });
  return rows.sort((a, b) => segmentOrder(a.segment) - segmentOrder(b.segment) || a.row - b.row);
}
