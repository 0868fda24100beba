/** `manifest.json` of a Gold folder: what was built, from what, and what was rejected. */
import type { ColumnType, DatasetName } from '@goldboard/core';
import type { SegmentationReport } from '../segments/segment-users.js';
import type { QuarantineRule } from '@goldboard/gold-sql';
import type { SourceFormat } from './sources.js';

/**
 * The Silver rules, in the order they are checked (a row is counted under the first it breaks):
 * `malformed_line` is a CSV line without exactly nine fields, set aside before typing.
 */
export { QUARANTINE_RULES, type QuarantineRule } from '@goldboard/gold-sql';

export const MANIFEST_FORMAT = 'goldboard-gold/1';

/** One input file of a build, as the manifest records it (what an incremental rerun compares). */
export interface SourceRecord {
  name: string;
  format: SourceFormat;
  bytes: number;
  /** SHA-256 of the file's bytes (hex). */
  sha256: string;
  /**
   * The file's modification time when the build listed it (ms since the epoch). A rerun takes
   * `sha256` as it is for a file of the same size and modification time (see `hashSources`).
   */
  modifiedMs?: number;
  /** Months (`YYYY-MM`) of its valid rows. */
  months: string[];
  /** Rows read (malformed lines included) and rejected, by rule (rules with none left out). */
  rows: number;
  quarantined: Partial<Record<QuarantineRule, number>>;
  skipped?: 'empty';
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  builtAt: string;
  buildSeconds: number;
  /** Wall time of each stage: setup, silverRead, silverWrite, segmentation, gold. */
  stageSeconds: Record<string, number>;
  versions: { pipeline: string; duckdb: string; node: string };
  /** Input files (names, no machine paths); `skipped: 'empty'` for a file without rows. */
  sources: SourceRecord[];
  /** First and last UTC day with valid events (null when there are none). */
  period: { from: string | null; to: string | null };
  rows: { read: number; quarantined: number; duplicates: number; silver: number };
  quarantine: Record<QuarantineRule, number>;
  duplicates: { exact_duplicate: number };
  /**
   * Silver: `events` is a folder of one `month=YYYY-MM` folder per month (Hive style), each with
   * one Parquet file sorted by time; `months` lists them in order with their rows. Each month's
   * aggregates (per user, user session, day and product) are beside them, in
   * `silver/aggregates/month=YYYY-MM/` (what the Gold's pre-aggregates are merged from).
   */
  silver: {
    events: string;
    months: Array<{ month: string; events: number; duplicates: number; file: string }>;
    quarantine: string;
    /** A key of the Silver rules the folder was built with; a rerun under other rules reads everything again. */
    rules: string;
  };
  /** What this build read: every source (`incremental: false`), or the new and changed ones and the months they touch. */
  build: {
    incremental: boolean;
    read: string[];
    rebuiltMonths: string[];
    keptMonths: string[];
    /** The sources whose bytes this build hashed (the others' hashes were taken from the previous manifest). */
    hashed: string[];
  };
  datasets: Record<DatasetName, { rows: number; files: { arrow: string; parquet: string }; columns: Array<{ name: string; type: ColumnType; nullable: boolean }> }>;
  segmentation: SegmentationReport;
  /** Anything the caller adds (e.g. the sample's generator version and seed). */
  extra?: Record<string, unknown>;
}
