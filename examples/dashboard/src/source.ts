import { createFolderAdapter, type GoldAdapter } from '@goldboard/core';

export interface DashboardSource {
  adapter: GoldAdapter;
  /** True when the source computes every dataset for the chosen range (the Gold server). */
  filtersByRange: boolean;
  /** What a reader should know about this source, or undefined. */
  note: string | undefined;
}

/** The static Gold folder served at /gold/ (the sample, or GOLD_DIR). */
export function goldSource(): DashboardSource {
  return {
    adapter: createFolderAdapter({ base: '/gold/' }),
    filtersByRange: false,
    note: 'Static Gold files: the date range filters the trend; totals, top lists and segments cover the whole period.',
  };
}
