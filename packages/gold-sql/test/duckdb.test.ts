/**
 * The DuckDB rendering run on DuckDB: Silver from a hand-written file (every rule, the `1.6`
 * ids quarantined, the duplicate removed), then every Gold query and the conforming tables,
 * with the values worked out by hand (the same file and values as the pipeline's build test).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DATASETS, DATASET_NAMES } from '@goldboard/core';
import {
  DUCKDB,
  DUCKDB_SILVER_MONTHS,
  MONTH_AGGREGATES,
  PREAGGREGATES,
  RAW_COLUMNS,
  duckdbEventsView,
  duckdbMonthAggregateSql,
  duckdbPreaggregatesFromMonths,
  duckdbSilver,
  duckdbSilverMonth,
  goldTableSql,
  preaggregateSql,
  preaggregatedText,
  silverMonthFolder,
  sqlText,
} from '../src/index.js';

const EVENTS = fileURLToPath(new URL('./fixtures/events.csv', import.meta.url));
const WHOLE = { from: '2019-10-01', to: '2019-10-03' };

type Row = Record<string, unknown>;
const plain = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));

describe('DuckDB rendering on DuckDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'goldboard-gold-sql-'));
  let connection: DuckDBConnection;
  const query = async (sql: string, params: Record<string, string | number> = {}) =>
    plain((await connection.runAndReadAll(sql, params)).getRowObjectsJS() as Row[]);

  before(async () => {
    connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(`CREATE VIEW bronze AS SELECT ${RAW_COLUMNS.join(', ')}, parse_filename(filename) AS source FROM ${DUCKDB.readCsv([EVENTS], RAW_COLUMNS)}`);
    for (const statement of duckdbSilver(DUCKDB)) {
      await connection.run(statement);
    }
    const months = (await connection.runAndReadAll(DUCKDB_SILVER_MONTHS)).getRowsJS().map((r) => String(r[0]));
    for (const month of months) {
      mkdirSync(join(dir, 'events', silverMonthFolder(month)), { recursive: true });
      await connection.run(duckdbSilverMonth(DUCKDB, month, join(dir, 'events', silverMonthFolder(month), 'events.parquet')));
    }
    await connection.run(duckdbEventsView(DUCKDB, join(dir, 'events'), months));
    // The model's output as the pipeline writes it: one cluster per user here.
    await connection.run(`CREATE TABLE user_segments AS SELECT f.*, c.cluster, c.segment FROM (${sqlText('user_features')}) AS f
      JOIN (VALUES (1, 2, 'High-Value Loyal Customers'), (2, 0, 'Occasional Buyers'), (3, 1, 'Browsers / Non-Converters')) AS c(user_id, cluster, segment) USING (user_id)`, WHOLE);
  });
  after(() => {
    connection.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads an id as a whole number only when it is one, written as DuckDB writes it back or not', async () => {
    const texts = ['123', '-5', '0', '+5', ' 7 ', '007', '-0', '1.6', '1e3', '0x10', '1_000', '', ' ', 'abc', '99999999999999999999', '9223372036854775807'];
    const input = `(VALUES ${texts.map((t, i) => `(${i}, ${DUCKDB.string(t)})`).join(', ')}) AS v(i, t)`;
    const rows = await query(`SELECT CAST(${DUCKDB.tryBigint('t')} AS VARCHAR) AS id FROM ${input} ORDER BY i`);
    assert.deepEqual(rows.map((r) => r.id), ['123', '-5', '0', '5', '7', '7', '0', null, null, null, null, null, null, null, null, '9223372036854775807']);
    // With the regular expression alone: the same ids.
    const regex = await query(`SELECT CAST(CASE WHEN regexp_matches(t, '^\\s*[+-]?[0-9]+\\s*$') THEN TRY_CAST(t AS BIGINT) END AS VARCHAR) AS id FROM ${input} ORDER BY i`);
    assert.deepEqual(regex, rows);
  });

  it('quarantines every rule with its raw text, ids such as 1.6 and 1e3 included (DuckDB\'s TRY_CAST would read 2 and 1000)', async () => {
    assert.deepEqual(await query('SELECT reason, count(*) AS n FROM quarantine GROUP BY reason ORDER BY reason'), [
      { reason: 'bad_price', n: 1 },
      { reason: 'bad_time', n: 1 },
      { reason: 'missing_product_id', n: 2 },
      { reason: 'missing_user_id', n: 3 },
      { reason: 'negative_price', n: 1 },
      { reason: 'unknown_event_type', n: 1 },
    ]);
    assert.deepEqual(await query("SELECT product_id, user_id FROM quarantine WHERE '1.6' IN (product_id, user_id) OR user_id = '1e3' ORDER BY ALL"), [
      { product_id: '1.6', user_id: '1' },
      { product_id: '100', user_id: '1.6' },
      { product_id: '100', user_id: '1e3' },
    ]);
    assert.deepEqual((await query('DESCRIBE quarantine')).map((c) => c.column_name), ['reason', ...RAW_COLUMNS, 'source', 'line', 'raw_line', 'month']);
    // Every rejected row names the file it was read from (what an incremental build replaces it by).
    assert.deepEqual(await query('SELECT DISTINCT source FROM quarantine'), [{ source: 'events.csv' }]);
    assert.deepEqual(await query('SELECT count(*) AS n FROM events'), [{ n: 9 }]);
  });

  it('names and writes the month of any year DuckDB reads, before the common era and past 9999 too', async () => {
    const other = await (await DuckDBInstance.create(':memory:')).connect();
    try {
      const rows = [['2019-11-05 10:00:00 UTC', 'view'], ['12345-05-01 00:00:00', 'view'], ['-0001-03-31 23:59:59', 'cart'], ['2019-11-30 23:59:59.999999', 'view']];
      await other.run(`CREATE VIEW bronze AS SELECT * FROM (VALUES ${rows.map(([t, e], i) => `('${t}', '${e}', '${100 + i}', '1', NULL, NULL, '1.5', '7', 's${i}', 'x.csv')`).join(', ')}) AS b(${RAW_COLUMNS.join(', ')}, source)`);
      for (const statement of duckdbSilver(DUCKDB)) await other.run(statement);
      const months = (await other.runAndReadAll(DUCKDB_SILVER_MONTHS)).getRowObjectsJS().map((r) => [String(r.month), Number(r.events)]);
      assert.deepEqual(months, [['-1-03', 1], ['12345-05', 1], ['2019-11', 2]]);
      for (const [month, events] of months) {
        const file = join(dir, `far-${String(month)}.parquet`);
        const written = (await other.runAndReadAll(duckdbSilverMonth(DUCKDB, String(month), file))).getRowsJS()[0]![0];
        assert.equal(Number(written), events, `${month}: its rows written`);
      }
    } finally {
      other.closeSync();
    }
  });

  it('gives the Gold of the hand-written events', async () => {
    assert.deepEqual(await query(sqlText('kpi_summary'), WHOLE), [
      { revenue: 1000.5, purchases: 3, events: 9, views: 4, carts: 1, users: 3, buyers: 2, conversion_rate: 2 / 3, avg_order_value: 1000.5 / 3, first_date: day('2019-10-01'), last_date: day('2019-10-03') },
    ]);
    assert.deepEqual(await query(sqlText('daily_metrics'), WHOLE), [
      { event_date: day('2019-10-01'), revenue: 500, purchases: 1, events: 4, views: 2, carts: 1, users: 2, buyers: 1 },
      { event_date: day('2019-10-02'), revenue: 20.5, purchases: 1, events: 3, views: 2, carts: 0, users: 2, buyers: 1 },
      { event_date: day('2019-10-03'), revenue: 480, purchases: 1, events: 2, views: 0, carts: 0, users: 1, buyers: 1 },
    ]);
    assert.deepEqual(await query(sqlText('top_products'), { ...WHOLE, limit: 100 }), [
      { rank: 1, product_id: 100, category_code: 'electronics.smartphone', brand: 'apple', revenue: 980, purchases: 2, views: 2 },
      { rank: 2, product_id: 200, category_code: null, brand: null, revenue: 20.5, purchases: 1, views: 1 },
    ]);
    assert.deepEqual(await query(sqlText('top_users'), { ...WHOLE, limit: 100 }), [
      { rank: 1, user_id: 1, purchases: 2, spend: 980, events: 5, segment: 'High-Value Loyal Customers' },
      { rank: 2, user_id: 2, purchases: 1, spend: 20.5, events: 3, segment: 'Occasional Buyers' },
    ]);
    assert.deepEqual(await query(sqlText('user_features'), WHOLE), [
      { user_id: 1, recency_days: 0, purchases: 2, spend: 980, events: 5, sessions: 2, conversion_rate: 1 },
      { user_id: 2, recency_days: (23 * 60 + 25) / 1440, purchases: 1, spend: 20.5, events: 3, sessions: 2, conversion_rate: 0.5 },
      { user_id: 3, recency_days: (20 * 60 + 30) / 1440, purchases: 0, spend: 0, events: 1, sessions: 1, conversion_rate: 0 },
    ]);
    assert.deepEqual(await query(sqlText('segment_summary'), WHOLE), [
      { segment: 'High-Value Loyal Customers', cluster: 2, users: 1, user_share: 1 / 3, revenue: 980, revenue_share: 980 / 1000.5, avg_revenue: 980, avg_events: 5, avg_purchases: 2, conversion_rate: 1 },
      { segment: 'Occasional Buyers', cluster: 0, users: 1, user_share: 1 / 3, revenue: 20.5, revenue_share: 20.5 / 1000.5, avg_revenue: 20.5, avg_events: 3, avg_purchases: 1, conversion_rate: 1 },
      { segment: 'Browsers / Non-Converters', cluster: 1, users: 1, user_share: 1 / 3, revenue: 0, revenue_share: 0, avg_revenue: 0, avg_events: 1, avg_purchases: 0, conversion_rate: 0 },
    ]);
  });

  it('writes each Gold table with exactly the contract\'s columns and types', async () => {
    for (const name of DATASET_NAMES) {
      await connection.run(goldTableSql(name, `gold_${name}`), name === 'user_segments' ? {} : name.startsWith('top_') ? { ...WHOLE, limit: 100 } : WHOLE);
      const described = (await query(`DESCRIBE gold_${name}`)).map((c) => `${c.column_name} ${c.column_type}`);
      assert.deepEqual(described, DATASETS[name].columns.map((c) => `${c.name} ${DUCKDB.types[c.type]}`), name);
    }
  });

  it('merges the pre-aggregates from parts of Silver (here each day) into what one scan of it gives', async () => {
    for (const sql of preaggregateSql(DUCKDB)) await connection.run(sql, WHOLE);
    for (const name of PREAGGREGATES) await connection.run(`CREATE TABLE scanned_${name} AS SELECT * FROM ${name}`);
    const days = (await query('SELECT DISTINCT CAST(event_time AS DATE)::VARCHAR AS day FROM events ORDER BY 1')).map((r) => String(r.day));
    assert.ok(days.length >= 3, 'the events span several days');
    // (Sessions crossing a part's end: the pipeline's pre-aggregates test, on a month's end.)
    const files = Object.fromEntries(MONTH_AGGREGATES.map((name) => [name, days.map((day) => join(dir, `part-${day}-${name}.parquet`))])) as Record<(typeof MONTH_AGGREGATES)[number], string[]>;
    for (const [i, day] of days.entries()) {
      const part = Object.fromEntries(MONTH_AGGREGATES.map((name) => [name, files[name][i]!])) as Record<(typeof MONTH_AGGREGATES)[number], string>;
      for (const sql of duckdbMonthAggregateSql(DUCKDB, `(SELECT * FROM events WHERE CAST(event_time AS DATE) = DATE '${day}')`, part)) await connection.run(sql);
    }
    for (const sql of duckdbPreaggregatesFromMonths(DUCKDB, files)) await connection.run(sql);
    for (const name of PREAGGREGATES) {
      assert.deepEqual(await query(`DESCRIBE ${name}`), await query(`DESCRIBE scanned_${name}`), `${name}'s columns`);
      const rows = await query(`SELECT * FROM scanned_${name} ORDER BY ALL`);
      assert.ok(rows.length > 0, name);
      assert.deepEqual(await query(`SELECT * FROM ${name} ORDER BY ALL`), rows, name);
    }
  });

  it('gives the same Gold tables from the pre-aggregates per user, day and product as from the range queries', async () => {
    for (const sql of preaggregateSql(DUCKDB)) await connection.run(sql, WHOLE);
    for (const name of DATASET_NAMES) {
      const params = (sql: string) => Object.fromEntries(Object.entries({ ...WHOLE, limit: 100 }).filter(([key]) => sql.includes(`$${key}`)));
      const range = goldTableSql(name, 'from_range');
      const preaggregated = goldTableSql(name, 'from_preaggregates', DUCKDB, { preaggregated: true });
      if (name !== 'user_segments') assert.doesNotMatch(preaggregated, /FROM events/, name);
      await connection.run(range, params(range));
      await connection.run(preaggregated, params(preaggregated));
      const rows = await query('SELECT * FROM from_range');
      assert.ok(rows.length > 0, name);
      assert.deepEqual(await query('SELECT * FROM from_preaggregates'), rows, name);
    }
    assert.deepEqual(await query(`SELECT * FROM (${preaggregatedText('user_features', DUCKDB)})`), await query(sqlText('user_features'), WHOLE));
  });

  it('counts days in UTC: an event at 23:59:59 UTC is that day, at 00:00:00 the next, whatever the session time zone', async () => {
    await connection.run("SET TimeZone = 'America/Los_Angeles'");
    try {
      await connection.run(`CREATE TEMP TABLE edge AS SELECT ${DUCKDB.parseTimestampUtc('t')} AS event_time FROM (VALUES ('2019-10-31 23:59:59 UTC'), ('2019-11-01 00:00:00 UTC')) AS v(t)`);
      const days = await query(`SELECT ${DUCKDB.utcDay('event_time')} AS day, event_time >= ${DUCKDB.dayStart("CAST('2019-11-01' AS DATE)")} AS in_november FROM edge ORDER BY event_time`);
      assert.deepEqual(days, [
        { day: day('2019-10-31'), in_november: false },
        { day: day('2019-11-01'), in_november: true },
      ]);
    } finally {
      await connection.run("SET TimeZone = 'UTC'");
    }
  });

  it('breaks ties of the segment\'s cluster towards the smallest id', async () => {
    const rows = await query(`SELECT ${DUCKDB.modeSmallest('c')} AS m FROM (VALUES (7), (3), (3), (7), (5)) AS v(c)`);
    assert.deepEqual(rows, [{ m: 3 }]);
  });
});

function day(text: string) {
  return new Date(`${text}T00:00:00Z`);
}
