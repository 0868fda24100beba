/** The build's progress on a terminal: one line per stage, with rows processed and their rate. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terminalProgress } from '../src/build/progress.js';

describe('terminal progress', () => {
  it('leaves a line per finished stage with its rows and rows per second, summing the stage\'s queries', async () => {
    const query = { percentage: -1, rows_processed: 0n };
    const written: string[] = [];
    const progress = terminalProgress({ progress: query }, { write: (text: string) => written.push(text) > 0 });
    progress.stage('reading events → Silver');
    query.percentage = 40;
    query.rows_processed = 400_000n;
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A second query of the same stage starts: DuckDB counts its rows from zero.
    query.rows_processed = 0n;
    await new Promise((resolve) => setTimeout(resolve, 300));
    query.rows_processed = 100_000n;
    progress.rows(500_000);
    progress.stage('segmenting users (K-Means)');
    progress.done();

    const text = written.join('');
    const lines = text.split('\n').map((l) => l.slice(l.lastIndexOf('\r\x1b[K') + 4)).filter(Boolean);
    assert.equal(lines.length, 2, text);
    assert.match(lines[0]!, /^goldboard build · reading events → Silver · 500,000 rows · [\d,]+ rows\/s · 500,000 events read · \d+\.\d s$/);
    assert.match(text, /reading events → Silver · 40% · 400,000 rows/, 'the running query\'s percentage while the stage runs');
    const rate = Number(/([\d,]+) rows\/s/.exec(lines[0]!)![1]!.replaceAll(',', ''));
    assert.ok(rate > 100_000 && rate < 2_000_000, `500,000 rows in about 0.6 s (${rate} rows/s)`);
    assert.match(lines[1]!, /^goldboard build · segmenting users \(K-Means\) · 500,000 events read · \d+\.\d s$/, 'no rows of the stage before');
  });
});
