/** `goldboard` argument parsing. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArgumentError, parseArgs } from '../src/index.js';

describe('parseArgs', () => {
  it('parses generate with defaults', () => {
    assert.deepEqual(parseArgs(['generate', '--out', 'raw', '--events', '1_000_000']), {
      command: 'generate', out: 'raw', events: 1_000_000, seed: '42', from: '2019-10-01', to: '2020-04-30',
    });
  });

  it('parses build with repeated --events, = values and flags', () => {
    assert.deepEqual(parseArgs(['build', '--events', 'a/*.csv', '--events=b.parquet', '--out', 'gold', '--k', '4', '--threads', '2', '--quiet']), {
      command: 'build', events: ['a/*.csv', 'b.parquet'], out: 'gold', k: 4, seed: '42', threads: 2, full: false, quiet: true, allowEmpty: false,
    });
  });

  it('parses --full and --memory-limit, DuckDB options only', () => {
    const command = parseArgs(['build', '--events', 'a.csv', '--out', 'gold', '--full', '--memory-limit', '512MB']);
    assert.equal(command.command === 'build' && !command.engine && command.full && command.memoryLimit, '512MB');
    assert.throws(() => parseArgs(['build', '--engine', 'databricks', '--events', 't', '--full']), /--full does not apply to a build on a warehouse/);
  });

  it('parses --allow-empty', () => {
    const command = parseArgs(['build', '--events', 'a.csv', '--out', 'gold', '--allow-empty']);
    assert.equal(command.command === 'build' && command.allowEmpty, true);
  });

  it('parses a build on Databricks, and keeps each engine\'s options to it', () => {
    assert.deepEqual(
      parseArgs(['build', '--engine', 'databricks', '--events', '/Volumes/main/rees46/raw/*.csv', '--catalog', 'main', '--schema', 'gold', '--manifest', 'm.json']),
      { command: 'build', engine: 'databricks', events: ['/Volumes/main/rees46/raw/*.csv'], catalog: 'main', schema: 'gold', manifest: 'm.json', k: 3, seed: '42', quiet: false, allowEmpty: false },
    );
    assert.throws(() => parseArgs(['build', '--engine', 'databricks', '--events', 't', '--out', 'gold']), /--out does not apply to a build on a warehouse/);
    assert.throws(() => parseArgs(['build', '--events', 'a.csv', '--out', 'gold', '--catalog', 'main']), /--catalog does not apply to a build on DuckDB/);
    assert.throws(() => parseArgs(['build', '--engine', 'spark', '--events', 't']), /--engine must be duckdb or databricks/);
  });

  it('rejects what it does not understand, with the reason', () => {
    assert.deepEqual(parseArgs([]), { command: 'help' });
    assert.throws(() => parseArgs(['make']), /unknown command "make"/);
    assert.throws(() => parseArgs(['build', '--out', 'gold']), /build needs --events/);
    assert.throws(() => parseArgs(['generate', '--out', 'x', '--events', 'many']), /--events must be a whole number/);
    assert.throws(() => parseArgs(['build', '--events', 'x', '--out', 'g', '--k', '0']), /--k must be a whole number ≥ 1/);
    assert.throws(() => parseArgs(['generate', '--out', 'x', '--events', '5', '--from', 'Oct 1']), /--from must be a date/);
    assert.throws(() => parseArgs(['generate', '--out', 'x', '--events', '5', '--to', '2019-02-30']), /--to must be a date like 2019-10-01, got "2019-02-30"/);
    assert.throws(() => parseArgs(['build', '--colour', 'red']), ArgumentError);
    assert.throws(() => parseArgs(['build', '--out']), /--out needs a value/);
  });
});
