import { DAY, formatDate, isoDay, type FormatOptions } from '@goldboard/core';

/** A choice of the Period menu: a label and its range (empty days for every day). */
export interface Preset {
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

/**
 * The Period menu of a Gold period (first and last day, epoch ms UTC): every day, the last 7 and
 * 30 days of the data when the period is longer, and each calendar month it touches (cut to the
 * period). Pure, so the menu of any Gold set is tested without a page.
 */
export function periodPresets(first: number, last: number, options: FormatOptions = {}): Preset[] {
  const presets: Preset[] = [{ label: 'All days', from: '', to: '' }];
  const days = Math.round((last - first) / DAY) + 1;
  for (const n of [7, 30]) {
    if (days > n) presets.push({ label: `Last ${n} days`, from: isoDay(last - (n - 1) * DAY), to: isoDay(last) });
  }
  const cursor = new Date(first);
  cursor.setUTCDate(1);
  while (cursor.getTime() <= last) {
    const next = Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1);
    presets.push({ label: formatDate(cursor.getTime(), 'month', options), from: isoDay(Math.max(cursor.getTime(), first)), to: isoDay(Math.min(next - DAY, last)) });
    cursor.setTime(next);
  }
  return presets;
}

/** The value of a preset in the menu: `from/to`. */
export const presetValue = (from: string | undefined, to: string | undefined): string => (from || to ? `${from ?? ''}/${to ?? ''}` : '');
