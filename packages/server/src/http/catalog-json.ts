/** The body of `GET /v1/datasets`: the contract's datasets, their schemas and parameters. */
import { COLUMN_DESCRIPTIONS, DATASETS, DATASET_DESCRIPTIONS, DATASET_NAMES, SEGMENT_LABELS } from '@goldboard/core';
import { NEEDS_SEGMENTS, RANGED, SEGMENTED } from '../queries/catalog.js';
import { MAX_LIMIT } from '../queries/params.js';

export function datasetCatalog(period: { from: string; to: string } | undefined, engine: string) {
  return {
    engine,
    period: period ?? null,
    segments: SEGMENT_LABELS,
    datasets: DATASET_NAMES.map((name) => {
      const spec = DATASETS[name];
      return {
        name,
        description: DATASET_DESCRIPTIONS[name],
        url: `/v1/datasets/${name}`,
        parameters: {
          from: RANGED.has(name),
          to: RANGED.has(name),
          limit: { max: spec.maxRows ?? MAX_LIMIT },
          segment: SEGMENTED.has(name),
        },
        needs: RANGED.has(name) ? (NEEDS_SEGMENTS.has(name) ? ['silver/events', 'user_segments'] : ['silver/events']) : [],
        ...(spec.maxRows !== undefined ? { maxRows: spec.maxRows } : {}),
        columns: spec.columns.map((c) => ({
          name: c.name,
          type: c.type,
          nullable: c.nullable ?? false,
          description: COLUMN_DESCRIPTIONS[name][c.name] ?? '',
        })),
      };
    }),
  };
}
