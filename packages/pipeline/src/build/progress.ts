/**
 * The build's progress line on a terminal: stage, percentage of the running query and rows
 * read. Quiet when stderr is not a TTY (CI, pipes), so logs hold only the final summary.
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

export function terminalProgress(connection: DuckDBConnection, stream: NodeJS.WriteStream = process.stderr): Progress {
  let stage = 'starting';
  let rows = 0;
  const started = performance.now();
  const draw = () => {
    const { percentage } = connection.progress;
    const parts = [`goldboard build`, stage];
    if (percentage >= 0 && percentage <= 100) parts.push(`${percentage.toFixed(0)}%`);
    if (rows > 0) parts.push(`${rows.toLocaleString('en-US')} rows read`);
    parts.push(`${((performance.now() - started) / 1000).toFixed(1)} s`);
    stream.write(`\r\x1b[K${parts.join(' · ')}`);
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    stage(name) {
      stage = name;
      draw();
    },
    rows(count) {
      rows = count;
    },
    done() {
      clearInterval(timer);
      stream.write('\r\x1b[K');
    },
  };
}
