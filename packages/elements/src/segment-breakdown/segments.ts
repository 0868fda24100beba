import { measureSpec, type GoldTable } from '@goldboard/core';
import { segmentOrder } from '../chart/segment-colors.js';



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
  const info = measureSpec(table.dataset, measure);
  const shareColumn = info.share && table.getChild(info.share)?.kind === 'number' ? table.numbers(info.share) : undefined;
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
    else if (info.share) {
      const given = shareColumn?.[row];
      share = given !== undefined && given - given === 0 ? given : !negative && total > 0 && value - value === 0 ? value / total : NaN;
    }
    return { segment: label ?? '(no segment)', value, share, row };
  });
  return rows.sort((a, b) => segmentOrder(a.segment) - segmentOrder(b.segment) || a.row - b.row);
}
