/**
 * The sample Gold of the reference dashboard: `gold-sample/` at the repository root, built
 * from ~400k generated events with a fixed seed. Rebuilt only when missing or stale (generator
 * version, seed, size or pipeline version changed), so `pnpm start` stays fast.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, generateEvents } from './generate/generate.js';
import { PIPELINE_VERSION } from './version.js';

export const SAMPLE = { events: 400_000, seed: 20191001, generatorVersion: GENERATOR_VERSION, pipelineVersion: PIPELINE_VERSION } as const;

/** `gold-sample/` at the repository root (two folders above this package). */
export const SAMPLE_DIR = fileURLToPath(new URL('../../../gold-sample/', import.meta.url));

/** True when `dir` holds a sample built with the current settings. */
export function isSampleFresh(dir: string = SAMPLE_DIR): boolean {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return false;
  try {
    const extra = JSON.parse(readFileSync(path, 'utf8')).extra?.sample;
    return JSON.stringify(extra) === JSON.stringify(SAMPLE);
  } catch {
    return false;
  }
}

/** Builds the sample if needed; resolves with whether it built. */
export async function ensureSample(dir: string = SAMPLE_DIR): Promise<boolean> {
  if (isSampleFresh(dir)) return false;
  const events = mkdtempSync(join(tmpdir(), 'goldboard-sample-'));
  try {
    await generateEvents({ out: events, events: SAMPLE.events, seed: SAMPLE.seed });
    // DuckDB is loaded only when there is something to build (a fresh sample needs none of it).
    const { buildGold } = await import('./build/build.js');
    await buildGold({ events, out: dir, progress: false, extra: { sample: SAMPLE } });
    return true;
  } finally {
    rmSync(events, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  ensureSample().then(
    (built) => console.log(built ? `built gold-sample/ in ${((performance.now() - started) / 1000).toFixed(1)} s` : 'gold-sample/ is up to date'),
    (error: unknown) => {
      console.error(`sample: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
