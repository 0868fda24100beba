/**
 * The build's progress on a terminal: a line per stage with the running query's percentage, the
 * rows DuckDB processed and their rate. Quiet when stderr is not a TTY (CI, pipes), so logs
 * hold only the final summary.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface Progress {
  stage(name: string): void;
  rows(count: number): void;
  done(): void;
}

export const silentProgress: Progress = { stage() {}, rows() {}, done() {} };

/** DuckDB tracks a query's progress only with its progress bar on; ours draws it instead. */
export async function enableQueryProgress(connection: DuckDBConnection): Promise<void> {
  await connection.run('SET enable_progress_bar = true');
  await connection.run('SET enable_progress_bar_print = false');
}

/** What the progress line reads of a connection: DuckDB's progress of the query running on it. */
export interface QueryProgressSource {
  readonly progress: { percentage: number; rows_processed: bigint };
}

/**
 * One line per stage: the stage being run is redrawn in place every 250 ms (the running query's
 * percentage, rows processed and rows per second, the events read, seconds), and a finished
 * stage is left on its own line with its rows, rate and time.
 */
export function terminalProgress(connection: QueryProgressSource, stream: Pick<NodeJS.WriteStream, 'write'> = process.stderr): Progress {
  const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  let stage = '';
  let events = 0;
  let stageStart = performance.now();
  // DuckDB counts rows per query: those of the stage's finished queries, and of the running one.
  let finished = 0;
  let running = 0;
  const sample = () => {
    const now = Number(connection.progress.rows_processed);
    if (now < running) finished += running;
    running = now;
  };
  const line = (live: boolean) => {
    sample();
    const seconds = (performance.now() - stageStart) / 1000;
    const rows = finished + running;
    const parts = ['goldboard build', stage];
    const { percentage } = connection.progress;
    if (live && percentage >= 0 && percentage <= 100) parts.push(`${percentage.toFixed(0)}%`);
    if (rows > 0 && seconds > 0) parts.push(`${format.format(rows)} rows`, `${format.format(rows / seconds)} rows/s`);
    if (events > 0) parts.push(`${format.format(events)} events read`);
    parts.push(`${seconds.toFixed(1)} s`);
    return parts.join(' · ');
  };
  const draw = () => {
    if (stage) stream.write(`\r\x1b[K${line(true)}`);
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  const finish = () => {
    if (stage) stream.write(`\r\x1b[K${line(false)}\n`);
  };
  return {
    stage(name) {
      finish();
      stage = name;
      stageStart = performance.now();
      // Rows the last query reported still count for the stage before.
      running = Number(connection.progress.rows_processed);
      finished = -running;
      draw();
    },
    rows(count) {
      events = count;
    },
    done() {
      clearInterval(timer);
      finish();
      stage = '';
    },
  };
}
