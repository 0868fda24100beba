/** Shared helpers of the pipeline tests: temporary folders and reading Gold files back. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DUCKDB, duckdbEventsView } from '@goldboard/gold-sql';
import { type Table, tableFromIPC } from 'apache-arrow';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `goldboard-${label}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function readArrow(gold: string, dataset: string): Table {
  return tableFromIPC(readFileSync(join(gold, `${dataset}.arrow`)));
}

/** Rows of an Arrow table as plain objects, bigints turned into numbers. */
export function rows(table: Table): Array<Record<string, unknown>> {
  return table.toArray().map((row) =>
    Object.fromEntries(Object.entries(row.toJSON()).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
  );
}

export function readManifest(gold: string) {
  return JSON.parse(readFileSync(join(gold, 'manifest.json'), 'utf8'));
}

/** The view `events` over the Silver of a built Gold folder, as the build defines it. */
export function silverEventsView(gold: string): string {
  const months: Array<{ month: string }> = readManifest(gold).silver.months;
  return duckdbEventsView(DUCKDB, join(gold, 'silver', 'events'), months.map((m) => m.month));
}
