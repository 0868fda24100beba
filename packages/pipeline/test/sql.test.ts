/** The named Gold queries run over a Gold folder for a date range, and exist for Databricks too. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATASETS } from '@goldboard/core';
import { GOLD_QUERIES, databricksSilver, sqlText } from '@goldboard/gold-sql';
import { buildGold } from '../src/index.js';
import { FIXTURES, silverEventsView, tempDir } from './helpers.js';

describe('Gold SQL', () => {
  const gold = join(tempDir('sql'), 'gold');
  before(() => buildGold({ events: join(FIXTURES, 'hand-written.csv'), out: gold, progress: false }));

  it('recomputes a date range from the Silver Parquet in the Gold folder', async () => {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(silverEventsView(gold));
    await connection.run(`CREATE VIEW user_segments AS SELECT * FROM read_parquet('${join(gold, 'user_segments.parquet')}')`);
    const range = { from: '2019-10-02', to: '2019-10-02' };
    const kpi = (await connection.runAndReadAll(sqlText('kpi_summary'), range)).getRowObjectsJS()[0]!;
    assert.equal(kpi.revenue, 20.5);
    assert.equal(kpi.events, 3n);
    assert.equal(kpi.users, 2n);
    assert.equal(kpi.buyers, 1n);
    const top = (await connection.runAndReadAll(sqlText('top_users'), { ...range, limit: 10 })).getRowObjectsJS();
    assert.deepEqual(top.map((u) => [u.user_id, u.spend, u.segment]), [[2n, 20.5, 'Occasional Buyers']]);
    const segments = (await connection.runAndReadAll(sqlText('segment_summary'), range)).getRowObjectsJS();
    assert.equal(segments.reduce((sum, s) => sum + Number(s.revenue), 0), 20.5);
    const none = (await connection.runAndReadAll(sqlText('kpi_summary'), { from: '2020-01-01', to: '2020-01-31' })).getRowObjectsJS();
    assert.deepEqual(none, []);
  });

  it('returns the contract columns and types from every query, so a server needs no casts', async () => {
    const duckdbType = { float64: 'DOUBLE', int64: 'BIGINT', int32: 'INTEGER', text: 'VARCHAR', date: 'DATE' } as const;
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(silverEventsView(gold));
    await connection.run(`CREATE VIEW user_segments AS SELECT * FROM read_parquet('${join(gold, 'user_segments.parquet')}')`);
    for (const name of GOLD_QUERIES) {
      const text = sqlText(name);
      const params: Record<string, string | number> = { from: '2019-10-01', to: '2019-10-31' };
      if (text.includes('$limit')) params.limit = 100;
      const described = (await connection.runAndReadAll(`DESCRIBE ${text}`, params)).getRowsJS().map((row) => `${row[0]} ${row[1]}`);
      assert.deepEqual(described, DATASETS[name].columns.map((c) => `${c.name} ${duckdbType[c.type]}`), name);
    }
  });

  it('has a Databricks version of every statement', () => {
    for (const name of [...GOLD_QUERIES, 'user_features'] as const) {
      assert.match(sqlText(name, 'databricks'), /FROM events/, `${name} for Databricks`);
    }
    assert.ok(databricksSilver(['/Volumes/shop/raw/events/*.csv']).length > 0, 'silver for Databricks');
  });
});
