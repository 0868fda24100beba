/**
 * Generated events for the pipeline benchmarks: made once per size (seed 1, deterministic) and
 * cached outside the repository, under the OS temp folder (`GOLDBOARD_BENCH_DATA` overrides it),
 * as one CSV file per month. `node … bench/pipeline/data.ts 10000000 100000000` makes them ahead.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATOR_VERSION, generateEvents } from '../../packages/pipeline/src/index.js';

export const benchData = process.env.GOLDBOARD_BENCH_DATA ?? join(tmpdir(), 'goldboard-bench');

/** The folder of `size` generated events (seed 1), generating it first if it is not complete; seconds spent generating (NaN when cached). */
export async function cachedEvents(size: number): Promise<{ events: string; generateSeconds: number }> {
  const events = join(benchData, `events-v${GENERATOR_VERSION}-${size}`);
  if (existsSync(join(events, '.complete'))) return { events, generateSeconds: Number.NaN };
  rmSync(events, { recursive: true, force: true });
  const started = performance.now();
  await generateEvents({ out: events, events: size, seed: 1 });
  const generateSeconds = (performance.now() - started) / 1000;
  writeFileSync(join(events, '.complete'), `${generateSeconds.toFixed(1)}\n`);
  return { events, generateSeconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const size of process.argv.slice(2).map(Number).filter((n) => n > 0)) {
    const { events, generateSeconds } = await cachedEvents(size);
    console.log(`${size.toLocaleString('en-US')} events in ${events} (${Number.isNaN(generateSeconds) ? 'cached' : `${generateSeconds.toFixed(1)} s`})`);
  }
}
