/**
 * Gold's Arrow files are written a record batch at a time (a dataset with a row per user has
 * millions of rows on the full data): the file holds every row, in order, as the contract types
 * them, whatever the batch size; an empty dataset still says its schema; a row breaking the
 * contract fails the write with the dataset, column and row named; a file that cannot be
 * written fails it with the file named.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DATASETS } from '@goldboard/core';
import { tableFromIPC } from 'apache-arrow';
import { writeArrowFile } from '../src/build/arrow.js';
import { tempDir } from './helpers.js';

const spec = DATASETS.user_segments;
const SEGMENTS = ['Browsers / Non-Converters', 'Occasional Buyers', 'High-Value Loyal Customers'];

describe('Gold Arrow files, written in record batches', () => {
  const dir = tempDir('arrow-file');
  let connection: DuckDBConnection;

  before(async () => {
    connection = await (await DuckDBInstance.create(':memory:')).connect();
    // 10 users in the contract's types, ordered by user_id.
    await connection.run(`CREATE TABLE users AS
      SELECT (1000 + i)::BIGINT AS user_id, (i % 3)::INTEGER AS cluster,
             [${SEGMENTS.map((s) => `'${s}'`).join(', ')}][(i % 3) + 1] AS segment,
             (i * 1.5)::DOUBLE AS recency_days, i::BIGINT AS purchases, (i * 10.25)::DOUBLE AS spend,
             (i * 7)::BIGINT AS events, (i + 1)::BIGINT AS sessions, (i / 10)::DOUBLE AS conversion_rate
      FROM range(10) AS t(i) ORDER BY user_id`);
  });

  for (const batchRows of [3, 10, 65_536]) {
    it(`holds every row in order in batches of at most ${batchRows} rows`, async () => {
      const file = join(dir, `users-${batchRows}.arrow`);
      assert.equal(await writeArrowFile(connection, spec, 'users', file, batchRows), 10);
      const table = tableFromIPC(readFileSync(file));
      assert.equal(table.numRows, 10);
      assert.deepEqual(table.batches.map((b) => b.numRows), batchRows === 3 ? [3, 3, 3, 1] : [10]);
      assert.deepEqual(table.schema.fields.map((f) => f.name), spec.columns.map((c) => c.name));
      assert.deepEqual(table.schema.fields.map((f) => String(f.type)), ['Int64', 'Int32', 'Utf8', 'Float64', 'Int64', 'Float64', 'Int64', 'Int64', 'Float64']);
      assert.deepEqual([...table.getChild('user_id')!].map(Number), Array.from({ length: 10 }, (_, i) => 1000 + i));
      assert.deepEqual([...table.getChild('segment')!], Array.from({ length: 10 }, (_, i) => SEGMENTS[i % 3]));
      assert.deepEqual([...table.getChild('spend')!], Array.from({ length: 10 }, (_, i) => i * 10.25));
    });
  }

  it('writes an empty dataset as a file with its schema and no rows', async () => {
    const file = join(dir, 'empty.arrow');
    assert.equal(await writeArrowFile(connection, spec, '(SELECT * FROM users WHERE false)', file, 3), 0);
    const table = tableFromIPC(readFileSync(file));
    assert.equal(table.numRows, 0);
    assert.deepEqual(table.schema.fields.map((f) => f.name), spec.columns.map((c) => c.name));
  });

  it('fails, naming the dataset and column, on a NULL the contract does not allow (and settles)', async () => {
    const file = join(dir, 'bad.arrow');
    await assert.rejects(
      writeArrowFile(connection, spec, '(SELECT * REPLACE (CASE WHEN user_id = 1007 THEN NULL ELSE spend END AS spend) FROM users)', file, 3),
      // The row counts over the whole dataset, not within its batch (row 7 is in the third batch).
      (error: Error) => /user_segments\.spend is NULL in row 7\b/.test(error.message),
    );
  });

  it('writes text as it is: NULLs where the contract allows them, text beyond ASCII, repeated and empty values', async () => {
    const codes = [null, 'électronique.téléphone', '', 'kitchen.🍳', null, 'électronique.téléphone', 'a'];
    const brands = ['zeta', 'zeta', null, '日本', 'zeta', '', 'zeta'];
    const text = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);
    await connection.run(`CREATE TABLE products AS SELECT * FROM (VALUES ${codes
      .map((code, i) => `(${i + 1}::INTEGER, ${100 + i}::BIGINT, ${text(code)}::VARCHAR, ${text(brands[i]!)}::VARCHAR, ${i}.5::DOUBLE, ${i}::BIGINT, ${2 * i}::BIGINT)`)
      .join(', ')}) AS t(rank, product_id, category_code, brand, revenue, purchases, views) ORDER BY rank`);
    const file = join(dir, 'products.arrow');
    assert.equal(await writeArrowFile(connection, DATASETS.top_products, 'products', file, 3), codes.length);
    const table = tableFromIPC(readFileSync(file));
    assert.deepEqual([...table.getChild('category_code')!], codes);
    assert.deepEqual([...table.getChild('brand')!], brands);
    assert.deepEqual(table.batches.map((b) => b.getChild('category_code')!.nullCount), [1, 1, 0]);
  });

  it('fails on a NULL text the contract does not allow', async () => {
    await assert.rejects(
      writeArrowFile(connection, spec, '(SELECT * REPLACE (CASE WHEN user_id = 1004 THEN NULL ELSE segment END AS segment) FROM users)', join(dir, 'bad-text.arrow'), 3),
      (error: Error) => /user_segments\.segment is NULL in row 4\b/.test(error.message),
    );
  });

  it('fails with the file named when the file cannot be written, and settles', async () => {
    await assert.rejects(
      writeArrowFile(connection, spec, 'users', join(dir, 'no-such-folder', 'users.arrow'), 3),
      (error: Error) => error.name === 'PipelineError' && error.message.includes('no-such-folder') && /ENOENT/.test(error.message),
    );
  });
});
