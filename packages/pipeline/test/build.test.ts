/**
 * `buildGold` on a hand-written events file whose Gold values are worked out below, on edge
 * inputs (empty, cut short, malformed lines, a missing column, a file that is not CSV) and on
 * real REES46 rows.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATASETS, DATASET_NAMES } from '@goldboard/core';
import { DateDay } from 'apache-arrow';
import { PipelineError, QUARANTINE_RULES, buildGold } from '../src/index.js';
import { FIXTURES, readArrow, readManifest, rows, tempDir } from './helpers.js';

const HEADER = 'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session';
const day = (text: string) => Date.parse(`${text}T00:00:00Z`);

describe('build: hand-written events', () => {
  const gold = join(tempDir('hand'), 'gold');
  before(async () => {
    await buildGold({ events: join(FIXTURES, 'hand-written.csv'), out: gold, progress: false, threads: 1 });
  });

  // Valid rows: 10, one of them an exact duplicate → 9 Silver events for users 1, 2, 3:
  // views 4, carts 1, remove_from_cart 1, purchases 3 (500 + 20.50 + 480 = 1000.50).
  it('counts every quarantine rule and the duplicate', () => {
    const manifest = readManifest(gold);
    assert.deepEqual(manifest.quarantine, {
      malformed_line: 1,
      bad_time: 1,
      unknown_event_type: 1,
      missing_user_id: 1,
      missing_product_id: 1,
      bad_price: 1,
      negative_price: 1,
    });
    assert.deepEqual(manifest.rows, { read: 17, quarantined: 7, duplicates: 1, silver: 9 });
    assert.equal(manifest.duplicates.exact_duplicate, 1);
    assert.deepEqual(manifest.period, { from: '2019-10-01', to: '2019-10-03' });
  });

  it('kpi_summary', () => {
    assert.deepEqual(rows(readArrow(gold, 'kpi_summary')), [
      {
        revenue: 1000.5,
        purchases: 3,
        events: 9,
        views: 4,
        carts: 1,
        users: 3,
        buyers: 2,
        conversion_rate: 2 / 3,
        avg_order_value: 1000.5 / 3,
        first_date: day('2019-10-01'),
        last_date: day('2019-10-03'),
      },
    ]);
  });

  it('daily_metrics', () => {
    assert.deepEqual(rows(readArrow(gold, 'daily_metrics')), [
      { event_date: day('2019-10-01'), revenue: 500, purchases: 1, events: 4, views: 2, carts: 1, users: 2, buyers: 1 },
      { event_date: day('2019-10-02'), revenue: 20.5, purchases: 1, events: 3, views: 2, carts: 0, users: 2, buyers: 1 },
      { event_date: day('2019-10-03'), revenue: 480, purchases: 1, events: 2, views: 0, carts: 0, users: 1, buyers: 1 },
    ]);
  });

  it('top_products: only products with a purchase, by revenue', () => {
    assert.deepEqual(rows(readArrow(gold, 'top_products')), [
      { rank: 1, product_id: 100, category_code: 'electronics.smartphone', brand: 'apple', revenue: 980, purchases: 2, views: 2 },
      { rank: 2, product_id: 200, category_code: null, brand: null, revenue: 20.5, purchases: 1, views: 1 },
    ]);
  });

  // Features (period ends at the last event, 2019-10-03 08:30):
  // user 1: recency 0, 2 purchases, 980 spent, 5 events, sessions s1 s5, conversion 2 / max(1, 2) = 1
  // user 2: recency 23h25m, 1 purchase, 20.50, 3 events, sessions s2 s3, conversion 1 / max(2, 1) = 0.5
  // user 3: recency 20h30m, no purchase, 1 event, 1 session, conversion 0
  // With k = 3 and 3 users each user is a cluster: the labels follow spend and purchases.
  it('user_segments: unscaled features and labels from centroids', () => {
    const segments = rows(readArrow(gold, 'user_segments')).map(({ cluster, ...rest }) => {
      assert.ok(typeof cluster === 'number' && cluster >= 0 && cluster < 3);
      return rest;
    });
    assert.deepEqual(segments, [
      { user_id: 1, segment: 'High-Value Loyal Customers', recency_days: 0, purchases: 2, spend: 980, events: 5, sessions: 2, conversion_rate: 1 },
      { user_id: 2, segment: 'Occasional Buyers', recency_days: (23 * 60 + 25) / 1440, purchases: 1, spend: 20.5, events: 3, sessions: 2, conversion_rate: 0.5 },
      { user_id: 3, segment: 'Browsers / Non-Converters', recency_days: (20 * 60 + 30) / 1440, purchases: 0, spend: 0, events: 1, sessions: 1, conversion_rate: 0 },
    ]);
  });

  it('top_users with their segment', () => {
    assert.deepEqual(rows(readArrow(gold, 'top_users')), [
      { rank: 1, user_id: 1, purchases: 2, spend: 980, events: 5, segment: 'High-Value Loyal Customers' },
      { rank: 2, user_id: 2, purchases: 1, spend: 20.5, events: 3, segment: 'Occasional Buyers' },
    ]);
  });

  it('segment_summary: shares, averages, and revenue adding up', () => {
    const summary = rows(readArrow(gold, 'segment_summary')).map(({ cluster, ...rest }) => (assert.equal(typeof cluster, 'number'), rest));
    assert.deepEqual(summary, [
      { segment: 'High-Value Loyal Customers', users: 1, user_share: 1 / 3, revenue: 980, revenue_share: 980 / 1000.5, avg_revenue: 980, avg_events: 5, avg_purchases: 2, conversion_rate: 1 },
      { segment: 'Occasional Buyers', users: 1, user_share: 1 / 3, revenue: 20.5, revenue_share: 20.5 / 1000.5, avg_revenue: 20.5, avg_events: 3, avg_purchases: 1, conversion_rate: 1 },
      { segment: 'Browsers / Non-Converters', users: 1, user_share: 1 / 3, revenue: 0, revenue_share: 0, avg_revenue: 0, avg_events: 1, avg_purchases: 0, conversion_rate: 0 },
    ]);
  });

  it('writes Arrow files with the contract types, order and nullability', () => {
    const expected = { float64: 'Float64', int64: 'Int64', int32: 'Int32', text: 'Utf8', date: String(new DateDay()) };
    for (const name of DATASET_NAMES) {
      const { fields } = readArrow(gold, name).schema;
      const spec = DATASETS[name].columns;
      assert.deepEqual(fields.map((f) => f.name), spec.map((c) => c.name), name);
      spec.forEach((column, i) => {
        assert.equal(String(fields[i]!.type), expected[column.type], `${name}.${column.name}`);
        assert.equal(fields[i]!.nullable, column.nullable ?? false, `${name}.${column.name} nullability`);
      });
      assert.ok(readFileSync(join(gold, `${name}.arrow`)).subarray(0, 6).toString() === 'ARROW1', `${name}.arrow is an IPC file`);
    }
    const manifest = readManifest(gold);
    assert.deepEqual(Object.keys(manifest.datasets), [...DATASET_NAMES]);
    assert.equal(manifest.datasets.user_segments.rows, 3);
    const bytes = readFileSync(join(FIXTURES, 'hand-written.csv'));
    const quarantined = Object.fromEntries(QUARANTINE_RULES.map((rule) => [rule, 1]));
    assert.deepEqual(manifest.sources, [
      { name: 'hand-written.csv', format: 'csv', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), modifiedMs: statSync(join(FIXTURES, 'hand-written.csv')).mtimeMs, months: ['2019-10'], rows: manifest.rows.read, quarantined },
    ]);
  });
});

describe('build: inputs', () => {
  it('reads gzipped CSV and gives the same Gold as plain CSV', async () => {
    const dir = tempDir('gz');
    writeFileSync(join(dir, '2019-Oct.csv.gz'), gzipSync(readFileSync(join(FIXTURES, 'hand-written.csv'))));
    await buildGold({ events: join(dir, '*.csv.gz'), out: join(dir, 'gold'), progress: false });
    assert.equal(rows(readArrow(join(dir, 'gold'), 'kpi_summary'))[0]!.revenue, 1000.5);
  });

  it('reads typed Parquet the same way, and names a Parquet file that lacks a column', async () => {
    const dir = tempDir('parquet');
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const csv = join(FIXTURES, 'hand-written.csv');
    // Typed columns (timestamps, numbers) as a warehouse export would have them; bad rows dropped.
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}', header = true, ignore_errors = true, timestampformat = '%Y-%m-%d %H:%M:%S UTC')) TO '${join(dir, 'events.parquet')}' (FORMAT parquet)`);
    await connection.run(`COPY (SELECT * EXCLUDE (brand) FROM read_csv('${csv}', header = true, ignore_errors = true)) TO '${join(dir, 'nobrand.parquet')}' (FORMAT parquet)`);
    await buildGold({ events: join(dir, 'events.parquet'), out: join(dir, 'gold'), progress: false });
    const kpi = rows(readArrow(join(dir, 'gold'), 'kpi_summary'))[0]!;
    assert.equal(kpi.revenue, 1000.5);
    assert.equal(kpi.events, 9);
    await assert.rejects(
      buildGold({ events: join(dir, 'nobrand.parquet'), out: join(dir, 'gold'), progress: false }),
      (error: unknown) => error instanceof PipelineError && error.code === 'missing-column' && /nobrand\.parquet has no column `brand`/.test(error.message),
    );
  });

  it('removes the staging folder of a build that was killed', async () => {
    const dir = tempDir('abandoned');
    const abandoned = join(dir, '.gold.building-999999999-1');
    mkdirSync(join(abandoned, 'silver'), { recursive: true });
    await buildGold({ events: join(FIXTURES, 'hand-written.csv'), out: join(dir, 'gold'), progress: false });
    assert.ok(lstatSync(join(dir, 'gold')).isSymbolicLink(), '--out links to the built version');
    assert.deepEqual(readdirSync(dir).sort(), [readlinkSync(join(dir, 'gold')), 'gold'].sort());
  });

  // What a kill between the two renames of the earlier swap left: no --out, the old Gold moved
  // aside as `.previous`, the new one complete in its staging folder.
  it('restores, never deletes, the Gold an older build killed mid-swap left as .previous, even when the next build fails', async () => {
    const dir = tempDir('previous');
    const old = join(dir, 'old');
    await buildGold({ events: join(FIXTURES, 'hand-written.csv'), out: old, progress: false });
    cpSync(old, join(dir, '.gold.building-999999999-1.previous'), { recursive: true, dereference: true });
    cpSync(old, join(dir, '.gold.building-999999999-1'), { recursive: true, dereference: true });
    writeFileSync(join(dir, 'photo.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const gold = join(dir, 'gold');
    await assert.rejects(buildGold({ events: join(dir, 'photo.csv'), out: gold, progress: false }), PipelineError);
    assert.equal(readFileSync(join(gold, 'manifest.json'), 'utf8'), readFileSync(join(old, 'manifest.json'), 'utf8'));
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('building')), [], 'the abandoned staging folder is removed');
  });

  it('reports and skips empty months (0 bytes, a header only, a gzipped header), and builds from the others', async () => {
    const dir = tempDir('empty-months');
    copyFileSync(join(FIXTURES, 'hand-written.csv'), join(dir, '2019-Oct.csv'));
    writeFileSync(join(dir, '2019-Nov.csv'), '');
    writeFileSync(join(dir, '2019-Dec.csv'), `${HEADER}\n`);
    writeFileSync(join(dir, '2020-Jan.csv.gz'), gzipSync(HEADER));
    const manifest = await buildGold({ events: dir, out: join(dir, 'gold'), progress: false });
    assert.deepEqual(
      manifest.sources.map((s) => [s.name, s.skipped ?? 'read']),
      [['2019-Dec.csv', 'empty'], ['2019-Nov.csv', 'empty'], ['2019-Oct.csv', 'read'], ['2020-Jan.csv.gz', 'empty']],
    );
    assert.deepEqual(manifest.rows, { read: 17, quarantined: 7, duplicates: 1, silver: 9 });
    assert.deepEqual(readManifest(join(dir, 'gold')).sources, manifest.sources);
  });

  it('builds empty Gold from a file with only the header when there is no Gold yet', async () => {
    const dir = tempDir('empty');
    writeFileSync(join(dir, 'events.csv'), `${HEADER}\n`);
    await buildGold({ events: join(dir, 'events.csv'), out: join(dir, 'gold'), progress: false });
    const manifest = readManifest(join(dir, 'gold'));
    assert.deepEqual(manifest.rows, { read: 0, quarantined: 0, duplicates: 0, silver: 0 });
    assert.deepEqual(manifest.sources, [
      { name: 'events.csv', format: 'csv', bytes: HEADER.length + 1, sha256: createHash('sha256').update(`${HEADER}\n`).digest('hex'), modifiedMs: statSync(join(dir, 'events.csv')).mtimeMs, months: [], rows: 0, quarantined: {}, skipped: 'empty' },
    ]);
    for (const name of DATASET_NAMES) assert.equal(readArrow(join(dir, 'gold'), name).numRows, 0, name);
    assert.deepEqual(manifest.period, { from: null, to: null });
  });

  it('refuses to replace a Gold that has events with an empty one, unless allowEmpty', async () => {
    const dir = tempDir('refuse-empty');
    const gold = join(dir, 'gold');
    await buildGold({ events: join(FIXTURES, 'hand-written.csv'), out: gold, progress: false });
    const before = readFileSync(join(gold, 'manifest.json'), 'utf8');
    writeFileSync(join(dir, 'header.csv'), `${HEADER}\n`);
    writeFileSync(join(dir, 'invalid.csv'), `${HEADER}\nyesterday,view,1,2,,,3.00,4,s\n`);
    for (const [file, why] of [['header.csv', /every input is empty \(header\.csv\)/], ['invalid.csv', /1 rows read from invalid\.csv, none of them valid/]] as const) {
      await assert.rejects(
        buildGold({ events: join(dir, file), out: gold, progress: false }),
        (error: unknown) => error instanceof PipelineError && error.code === 'empty-build' && why.test(error.message) && /holds a Gold of 9 events.*--allow-empty/.test(error.message),
      );
      assert.equal(readFileSync(join(gold, 'manifest.json'), 'utf8'), before, `${file}: the Gold is untouched`);
    }
    const manifest = await buildGold({ events: join(dir, 'header.csv'), out: gold, progress: false, allowEmpty: true });
    assert.equal(manifest.rows.silver, 0);
    assert.equal(readManifest(gold).rows.silver, 0);
    // Over an empty Gold, an empty build needs no flag.
    await buildGold({ events: join(dir, 'invalid.csv'), out: gold, progress: false });
    assert.equal(readManifest(gold).rows.read, 1);
  });

  it('quarantines lines with too few or too many fields as malformed_line, with their file, line number and text', async () => {
    const dir = tempDir('malformed');
    const gold = join(dir, 'gold');
    const manifest = await buildGold({ events: join(FIXTURES, 'malformed-lines.csv'), out: gold, progress: false });
    assert.equal(manifest.quarantine.malformed_line, 3);
    assert.deepEqual(manifest.rows, { read: 6, quarantined: 3, duplicates: 0, silver: 3 });
    assert.deepEqual(readManifest(gold).quarantine, manifest.quarantine);
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const quarantined = (
      await connection.runAndReadAll(`SELECT reason, source, line, raw_line, user_id, user_session FROM '${join(gold, 'silver', 'quarantine.parquet')}' ORDER BY line`)
    ).getRowObjectsJS();
    const lines = readFileSync(join(FIXTURES, 'malformed-lines.csv'), 'utf8').split('\n');
    assert.deepEqual(
      quarantined,
      [4, 5, 7].map((line) => ({ reason: 'malformed_line', source: 'malformed-lines.csv', line: BigInt(line), raw_line: lines[line - 1], user_id: null, user_session: null })),
    );
    const users = rows(readArrow(gold, 'user_segments')).map((row) => row.user_id);
    assert.deepEqual(users, [535871217, 541312140, 554748717], 'no event of the cut user 512002, nor of the short and long lines');
  });

  it('refuses a CSV that does not end in a newline (its last line may be cut), naming it; the Gold is untouched', async () => {
    const dir = tempDir('no-newline');
    const gold = join(dir, 'gold');
    await buildGold({ events: join(FIXTURES, 'hand-written.csv'), out: gold, progress: false });
    const before = readFileSync(join(gold, 'manifest.json'), 'utf8');
    const cut = readFileSync(join(FIXTURES, 'rees46-2019-Oct-first-1000.csv'), 'utf8').slice(0, -20);
    writeFileSync(join(dir, '2019-Oct.csv'), cut);
    writeFileSync(join(dir, '2019-Nov.csv.gz'), gzipSync(cut));
    for (const file of ['2019-Oct.csv', '2019-Nov.csv.gz']) {
      await assert.rejects(
        buildGold({ events: join(dir, file), out: gold, progress: false }),
        (error: unknown) => error instanceof PipelineError && error.code === 'truncated' && error.file === join(dir, file) && error.message.includes(`${file} does not end in a newline`),
      );
    }
    assert.equal(readFileSync(join(gold, 'manifest.json'), 'utf8'), before);
  });

  it('refuses a .csv.gz cut short, naming it; the Gold is untouched', async () => {
    const dir = tempDir('cut-gz');
    const gold = join(dir, 'gold');
    await buildGold({ events: join(FIXTURES, 'hand-written.csv'), out: gold, progress: false });
    const before = readFileSync(join(gold, 'manifest.json'), 'utf8');
    const whole = gzipSync(readFileSync(join(FIXTURES, 'rees46-2019-Oct-first-1000.csv')));
    writeFileSync(join(dir, '2019-Oct.csv.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
    await assert.rejects(
      buildGold({ events: join(dir, '2019-Oct.csv.gz'), out: gold, progress: false }),
      (error: unknown) => error instanceof PipelineError && error.code === 'truncated' && error.message.includes('2019-Oct.csv.gz cannot be read whole') && /truncated/.test(error.message),
    );
    assert.equal(readFileSync(join(gold, 'manifest.json'), 'utf8'), before);
    assert.ok(existsSync(join(gold, 'kpi_summary.arrow')));
  });

  it('names the file and the column when a column is missing, and keeps the previous Gold', async () => {
    const dir = tempDir('missing');
    const gold = join(dir, 'gold');
    await buildGold({ events: join(FIXTURES, 'hand-written.csv'), out: gold, progress: false });
    const before = readFileSync(join(gold, 'manifest.json'), 'utf8');
    writeFileSync(join(dir, 'events.csv'), `${HEADER.replace(',brand', '')}\n2019-10-01 10:00:00 UTC,view,1,2,,3.00,4,s\n`);
    await assert.rejects(
      buildGold({ events: join(dir, 'events.csv'), out: gold, progress: false }),
      (error: unknown) => error instanceof PipelineError && error.code === 'missing-column' && /events\.csv has no column `brand`/.test(error.message),
    );
    assert.equal(readFileSync(join(gold, 'manifest.json'), 'utf8'), before);
  });

  it('gives a clear error for a file that is not CSV, and keeps the previous Gold', async () => {
    const dir = tempDir('notcsv');
    const gold = join(dir, 'gold');
    await buildGold({ events: join(FIXTURES, 'hand-written.csv'), out: gold, progress: false });
    const before = readFileSync(join(gold, 'kpi_summary.arrow'));
    writeFileSync(join(dir, 'photo.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    await assert.rejects(
      buildGold({ events: join(dir, 'photo.csv'), out: gold, progress: false }),
      (error: unknown) => error instanceof PipelineError && error.code === 'not-csv' && error.message.includes('photo.csv is not a CSV file'),
    );
    assert.deepEqual(readFileSync(join(gold, 'kpi_summary.arrow')), before);
  });

  it('reads the real REES46 layout (first 1,000 rows of 2019-Oct.csv)', async () => {
    const dir = tempDir('rees46');
    copyFileSync(join(FIXTURES, 'rees46-2019-Oct-first-1000.csv'), join(dir, '2019-Oct.csv'));
    await buildGold({ events: dir, out: join(dir, 'gold'), progress: false });
    const manifest = readManifest(join(dir, 'gold'));
    assert.equal(manifest.rows.read, 1000);
    assert.equal(manifest.rows.quarantined, 0);
    assert.equal(manifest.rows.silver + manifest.rows.duplicates, 1000);
    const kpi = rows(readArrow(join(dir, 'gold'), 'kpi_summary'))[0]!;
    assert.equal(kpi.purchases, 10);
    assert.equal(kpi.carts, 3);
    assert.equal(kpi.first_date, day('2019-10-01'));
    const segments = rows(readArrow(join(dir, 'gold'), 'user_segments'));
    assert.equal(segments.length, kpi.users, 'every user gets a segment');
    const summary = rows(readArrow(join(dir, 'gold'), 'segment_summary'));
    const revenue = summary.reduce((sum, s) => sum + (s.revenue as number), 0);
    assert.ok(Math.abs(revenue - (kpi.revenue as number)) < 1e-6, 'segment revenue adds up to total revenue');
    assert.ok(Math.abs(summary.reduce((sum, s) => sum + (s.user_share as number), 0) - 1) < 1e-12);
    assert.deepEqual(manifest.silver.months, [{ month: '2019-10', events: manifest.rows.silver, duplicates: manifest.rows.duplicates, file: 'silver/events/month=2019-10/events.parquet' }]);
    assert.ok(readFileSync(join(dir, 'gold', 'silver', 'events', 'month=2019-10', 'events.parquet')).length > 0);
  });
});
