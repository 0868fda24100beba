/**
 * A build reads five Gold datasets and the segmentation's features from two pre-aggregates
 * (per user, per day) instead of scanning Silver once each: on generated events (several
 * months, duplicates, zero prices, users with and without purchases) every Gold file holds
 * exactly what the range queries give over the same Silver and segments.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DATASET_NAMES } from '@goldboard/core';
import { goldTableSql, sqlString, sqlText } from '@goldboard/gold-sql';
import { buildGold, generateEvents } from '../src/index.js';
import { readManifest, silverEventsView, tempDir } from './helpers.js';

/** The user of the sessions that cross a month's end. */
const CROSSING_USER = 900_000_001;

describe('build: Gold from pre-aggregates', () => {
  const dir = tempDir('preaggregated');
  const gold = join(dir, 'gold');
  let connection: DuckDBConnection;
  const json = async (sql: string, params?: Record<string, string | number>) =>
    JSON.stringify((await connection.runAndReadAll(sql, params)).getRowsJS(), (_, v) => (typeof v === 'bigint' ? String(v) : v));

  before(async () => {
    await generateEvents({ out: join(dir, 'events'), events: 15_000, seed: 11 });
    // Sessions that cross a month's end (and a product bought in two months): each counts once
    // for its user, though it has rows in the aggregates of two months.
    writeFileSync(
      join(dir, 'events', 'crossing.csv'),
      [
        'event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session',
        `2019-10-31 23:58:00 UTC,view,7,1,a.b,zeta,10.00,${CROSSING_USER},night-session`,
        `2019-10-31 23:59:00 UTC,purchase,7,1,a.b,zeta,10.00,${CROSSING_USER},night-session`,
        `2019-11-01 00:01:00 UTC,purchase,7,1,,alpha,12.50,${CROSSING_USER},night-session`,
        `2019-11-30 23:59:30 UTC,view,8,1,,,3.00,${CROSSING_USER},second-session`,
        `2019-12-01 00:00:10 UTC,cart,8,1,,,3.00,${CROSSING_USER},second-session`,
        `2019-12-01 00:00:20 UTC,view,8,1,,,3.00,${CROSSING_USER},`,
        '',
      ].join('\n'),
    );
    await buildGold({ events: join(dir, 'events'), out: gold, progress: false });
    connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(silverEventsView(gold));
    await connection.run(`CREATE TABLE user_segments AS SELECT * FROM read_parquet(${sqlString(join(gold, 'user_segments.parquet'))})`);
  });

  it('writes every dataset as the range queries over Silver give it, value for value', async () => {
    const { period } = readManifest(gold);
    for (const name of DATASET_NAMES) {
      if (name === 'user_segments') continue;
      const sql = goldTableSql(name, `range_${name}`);
      await connection.run(sql, Object.fromEntries(Object.entries({ from: period.from, to: period.to, limit: 100_000 }).filter(([key]) => sql.includes(`$${key}`))));
      const expected = await json(`SELECT * FROM range_${name}`);
      assert.ok(expected.length > 10, name);
      // Ranked datasets keep the contract's maximum: compared over the rows the file has.
      assert.equal(await json(`SELECT * FROM read_parquet(${sqlString(join(gold, `${name}.parquet`))})`), await json(`SELECT * FROM range_${name} LIMIT (SELECT count(*) FROM read_parquet(${sqlString(join(gold, `${name}.parquet`))}))`), name);
    }
  });

  it('counts a session that crosses a month\'s end once', async () => {
    assert.equal(await json(`SELECT sessions, events, purchases FROM user_segments WHERE user_id = ${CROSSING_USER}`), '[["2","6","2"]]');
  });

  it('segments users on the features the range query gives', async () => {
    const { period } = readManifest(gold);
    const features = 'user_id, recency_days, purchases, spend, events, sessions, conversion_rate';
    assert.equal(
      await json(`SELECT ${features} FROM user_segments ORDER BY user_id`),
      await json(`SELECT ${features} FROM (${sqlText('user_features')}) ORDER BY user_id`, period),
    );
  });
});
