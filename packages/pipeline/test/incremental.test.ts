/**
 * Incremental builds: a rerun over the same Gold reads only new and changed files and gives
 * exactly what a full build of the same files gives (every Gold file, Silver, quarantine,
 * segments, manifest counts), through an append, a file of duplicates across months, a changed
 * file and removed files.
 */
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATASET_NAMES } from '@goldboard/core';
import { type Manifest, buildGold, generateEvents } from '../src/index.js';
import { readManifest, tempDir } from './helpers.js';

const MONTHS = ['2019-Oct', '2019-Nov', '2019-Dec', '2020-Jan', '2020-Feb', '2020-Mar', '2020-Apr'];

/** What must be equal between two builds of the same files (not times, dates or how they were built). */
function counted(manifest: Manifest) {
  const { milliseconds: _, ...segmentation } = manifest.segmentation;
  return {
    sources: manifest.sources,
    period: manifest.period,
    rows: manifest.rows,
    quarantine: manifest.quarantine,
    duplicates: manifest.duplicates,
    silver: manifest.silver,
    datasets: manifest.datasets,
    segmentation,
  };
}

async function sortedRows(file: string): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const rows = (await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}') ORDER BY ALL`)).getRowsJS();
    return JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? String(v) : v));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Asserts that the Gold at `actual` is the Gold at `expected`. */
async function assertSameGold(actual: string, expected: string): Promise<void> {
  const [a, e] = [readManifest(actual) as Manifest, readManifest(expected) as Manifest];
  assert.deepEqual(counted(a), counted(e));
  for (const name of DATASET_NAMES) {
    assert.ok(readFileSync(join(actual, `${name}.arrow`)).equals(readFileSync(join(expected, `${name}.arrow`))), `${name}.arrow`);
    assert.ok(readFileSync(join(actual, `${name}.parquet`)).equals(readFileSync(join(expected, `${name}.parquet`))), `${name}.parquet`);
  }
  // Rows of one time have no order within a month's file: compared as sorted rows.
  for (const month of e.silver.months) assert.equal(await sortedRows(join(actual, month.file)), await sortedRows(join(expected, month.file)), month.file);
  assert.ok(readFileSync(join(actual, a.silver.quarantine)).equals(readFileSync(join(expected, e.silver.quarantine))), 'quarantine.parquet');
}

describe('build: incremental', () => {
  const dir = tempDir('incremental');
  const generated = join(dir, 'generated');
  const events = join(dir, 'events');
  const gold = join(dir, 'gold');
  let run = 0;
  /** A full build of the same files, in a folder of its own. */
  const fullBuild = async () => {
    const out = join(dir, `full-${++run}`);
    await buildGold({ events, out, progress: false });
    return out;
  };
  const lines = (month: string) => readFileSync(join(generated, `${month}.csv`), 'utf8').trimEnd().split('\n');

  before(async () => {
    await generateEvents({ out: generated, events: 12_000, seed: 5 });
    mkdirSync(events);
    for (const month of MONTHS.slice(0, 6)) copyFileSync(join(generated, `${month}.csv`), join(events, `${month}.csv`));
    const first = await buildGold({ events, out: gold, progress: false });
    assert.equal(first.build.incremental, false);
  });

  it('appends a month: reads that file only, keeps the six other months, equals a full build', async () => {
    copyFileSync(join(generated, '2020-Apr.csv'), join(events, '2020-Apr.csv'));
    const manifest = await buildGold({ events, out: gold, progress: false });
    // The six files were written within SETTLED_MS of the first build's listing: hashed again.
    assert.deepEqual(manifest.build, { incremental: true, read: ['2020-Apr.csv'], rebuiltMonths: ['2020-04'], keptMonths: MONTHS.slice(0, 6).map(monthKey), hashed: [...MONTHS.slice(0, 6), '2020-Apr'].map((m) => `${m}.csv`).sort() });
    await assertSameGold(gold, await fullBuild());
  });

  it('adds a file of duplicates of other months\' rows and rejects: rereads the files of those months, and removes each duplicate once', async () => {
    const [header, ...nov] = lines('2019-Nov');
    const dec = lines('2019-Dec').slice(1);
    const rejected = ['2019-12-03 10:00:00 UTC,view,1,2,,,-1.00,3,s', '2019-12-03 10:00:00 UTC,view,1,2', 'not a time,view,1,2,,,1.00,3,s'];
    writeFileSync(join(events, 'resent.csv'), [header, ...nov.slice(0, 40), ...nov.slice(0, 5), ...dec.slice(100, 130), ...rejected, ''].join('\n'));
    const manifest = await buildGold({ events, out: gold, progress: false });
    assert.equal(manifest.build.incremental, true);
    assert.deepEqual(manifest.build.read.sort(), ['2019-Dec.csv', '2019-Nov.csv', 'resent.csv']);
    assert.deepEqual(manifest.build.rebuiltMonths, ['2019-11', '2019-12']);
    assert.ok(manifest.rows.duplicates >= 75, `${manifest.rows.duplicates} duplicates`);
    assert.deepEqual(
      { malformed: manifest.quarantine.malformed_line, time: manifest.quarantine.bad_time, negative: manifest.quarantine.negative_price },
      { malformed: 1, time: 1, negative: 1 },
    );
    await assertSameGold(gold, await fullBuild());
  });

  it('rebuilds the months of a changed file', async () => {
    const [header, ...jan] = lines('2020-Jan');
    writeFileSync(join(events, '2020-Jan.csv'), [header, ...jan.slice(0, 200), ...jan.slice(400), jan[0], ''].join('\n'));
    const manifest = await buildGold({ events, out: gold, progress: false });
    assert.deepEqual(manifest.build.read, ['2020-Jan.csv']);
    assert.deepEqual(manifest.build.rebuiltMonths, ['2020-01']);
    await assertSameGold(gold, await fullBuild());
  });

  it('rebuilds the months of removed files (a month no file has any more is gone)', async () => {
    rmSync(join(events, '2019-Nov.csv'));
    rmSync(join(events, '2020-Apr.csv'));
    const manifest = await buildGold({ events, out: gold, progress: false });
    assert.deepEqual(manifest.build.read, ['resent.csv']);
    assert.deepEqual(manifest.build.rebuiltMonths, ['2019-11']);
    assert.ok(!manifest.silver.months.some((m) => m.month === '2020-04'));
    await assertSameGold(gold, await fullBuild());
  });

  it('reads nothing when nothing changed, and everything with --full', async () => {
    const same = await buildGold({ events, out: gold, progress: false });
    assert.deepEqual([same.build.read, same.build.rebuiltMonths], [[], []]);
    const full = await buildGold({ events, out: gold, progress: false, full: true });
    assert.equal(full.build.incremental, false);
    assert.equal(full.build.read.length, full.sources.length);
    await assertSameGold(gold, await fullBuild());
    // A changed byte of the same size is a changed file.
    const path = join(events, '2020-Feb.csv');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(',view,', ',cart,'));
    appendFileSync(path, '');
    assert.deepEqual((await buildGold({ events, out: gold, progress: false })).build.read, ['2020-Feb.csv']);
    await assertSameGold(gold, await fullBuild());
  });

  it('hashes only new and touched files: one of the same size and time keeps its recorded hash, unless written in the tick of its last hashing', async () => {
    const names = readdirSync(events).sort();
    // Whole seconds, which every file system keeps exactly (stat gives them back as they were set).
    const now = Math.floor(Date.now() / 1000);
    for (const name of names) utimesSync(join(events, name), now - 3600, now - 3600);
    let manifest = await buildGold({ events, out: gold, progress: false });
    assert.deepEqual([manifest.build.hashed, manifest.build.read], [names, []], 'a new time: hashed, and kept (the same bytes)');
    assert.equal(manifest.sources.find((s) => s.name === names[0])!.modifiedMs, (now - 3600) * 1000);
    manifest = await buildGold({ events, out: gold, progress: false });
    assert.deepEqual([manifest.build.hashed, manifest.build.read], [[], []], 'nothing touched: nothing read');

    // Written again in the same second as the build that hashed it, with the same size and time:
    // a coarse clock cannot tell the two writes apart, so the file is hashed again (and read).
    // The tick is the next whole second, taken just before the build: however long the builds
    // above took, the build below lists the file within 2 s of its time.
    const tick = Math.ceil(Date.now() / 1000);
    const path = join(events, '2020-Mar.csv');
    utimesSync(path, tick, tick);
    manifest = await buildGold({ events, out: gold, progress: false });
    assert.deepEqual([manifest.build.hashed, manifest.build.read], [['2020-Mar.csv'], []]);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(',view,', ',cart,'));
    utimesSync(path, tick, tick);
    assert.equal(statSync(path).mtimeMs, tick * 1000);
    manifest = await buildGold({ events, out: gold, progress: false });
    assert.deepEqual([manifest.build.hashed, manifest.build.read], [['2020-Mar.csv'], ['2020-Mar.csv']]);
    await assertSameGold(gold, await fullBuild());
  });
});

function monthKey(name: string): string {
  const [year, month] = name.split('-') as [string, string];
  return `${year}-${String(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(month) + 1).padStart(2, '0')}`;
}
