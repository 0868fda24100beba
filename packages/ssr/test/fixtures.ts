import { readFileSync } from 'node:fs';
import { createRowsAdapter, type GoldAdapter, type Row } from '@goldboard/core';

const dir = new URL('../../../test/fixtures/gold/', import.meta.url);
const read = (name: string): Row[] => JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8')) as Row[];

/** The test fixtures' Gold (hostile text in top_products included), as rows by dataset. */
export const FIXTURE_ROWS: Readonly<Record<string, Row[]>> = Object.fromEntries(
  ['kpi_summary', 'daily_metrics', 'segment_summary', 'top_products', 'top_users'].map((d) => [d, read(d)]),
);

/** An adapter over the fixtures; `calls` counts the loads by dataset. */
export function fixtureAdapter(rows: Readonly<Record<string, Row[]>> = FIXTURE_ROWS): GoldAdapter & { calls: Map<string, number> } {
  const inner = createRowsAdapter(rows);
  const calls = new Map<string, number>();
  return {
    calls,
    load(query, signal) {
      calls.set(query.dataset, (calls.get(query.dataset) ?? 0) + 1);
      return inner.load(query, signal);
    },
  };
}

/** Every row with no values: the same columns, nothing to draw. */
export const EMPTY_ROWS: Readonly<Record<string, Row[]>> = Object.fromEntries(Object.keys(FIXTURE_ROWS).map((d) => [d, []]));
