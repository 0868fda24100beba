/**
 * K-Means in SQL: the same segments as the in-memory K-Means it replaced (on the fixtures and a
 * generated set), repeatable, converging, the edge cases, and statements a Databricks SQL
 * warehouse accepts.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { buildGold, generateEvents } from '../src/index.js';
import { createRandom, normal } from '../src/generate/random.js';
import { FEATURE_NAMES, type FeatureMatrix, clusterMeans, scaleFeatures } from '../src/segments/features.js';
import { withFeatureTable } from '../src/segments/feature-table.js';
import { type SqlSession, hashStreams, kmeansSql, scaling } from '../src/segments/kmeans-driver.js';
import {
  DATABRICKS_KMEANS,
  DUCKDB_KMEANS,
  assignSegmentsSql,
  clusterProfilesSql,
  firstCentroidsSql,
  gridBits,
  lloydStepSql,
  logMomentsSql,
  samplePointsSql,
  scalePointsSql,
  seedCandidatesSql,
} from '../src/segments/kmeans-sql.js';
import { kmeans } from '../src/segments/kmeans.js';
import { labelClusters } from '../src/segments/labels.js';
import { duckdbSession, segmentUsers } from '../src/segments/segment-users.js';
import { FIXTURES, silverEventsView, tempDir } from './helpers.js';

/** Runs `use` on a DuckDB whose view `events` is the Silver of a built Gold folder. */
async function withSilver<T>(gold: string, use: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run(silverEventsView(gold));
    return await use(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The previous segmentation, as the build ran it: features read into a Float64Array, K-Means in memory, labels from the cluster means. */
async function previousSegments(connection: DuckDBConnection, k: number, seed: number | string): Promise<Map<bigint, string>> {
  const result = await connection.runAndReadAll(
    `SELECT user_id, ${FEATURE_NAMES.map((n) => `CAST(${n} AS DOUBLE)`).join(', ')} FROM user_features ORDER BY user_id`,
  );
  const table = result.getRowsJS();
  const dims = FEATURE_NAMES.length;
  const values = new Float64Array(table.length * dims);
  table.forEach((row, r) => FEATURE_NAMES.forEach((_, d) => (values[r * dims + d] = (row[d + 1] as number | null) ?? 0)));
  const raw = { rows: table.length, dims, values };
  const model = kmeans(scaleFeatures(raw).scaled, { k, seed });
  const { means } = clusterMeans(raw, model.assignments, model.k);
  const labels = labelClusters(Array.from({ length: model.k }, (_, c) => ({ purchases: means[c * dims + 1]!, spend: means[c * dims + 2]! })));
  return new Map(table.map((row, r) => [row[0] as bigint, labels[model.assignments[r]!]!]));
}

async function currentSegments(connection: DuckDBConnection): Promise<Map<bigint, string>> {
  const table = (await connection.runAndReadAll('SELECT user_id, segment FROM user_segments ORDER BY user_id')).getRowsJS();
  return new Map(table.map((row) => [row[0] as bigint, row[1] as string]));
}

function countsPerLabel(segments: Map<bigint, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of segments.values()) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

describe('K-Means in SQL gives the segments of the in-memory K-Means', () => {
  const dir = tempDir('kmeans-sql');
  const golds: Record<string, string> = {};
  before(async () => {
    await generateEvents({ out: join(dir, 'raw'), events: 150_000, seed: 3 });
    for (const [name, events] of Object.entries({
      'hand-written': join(FIXTURES, 'hand-written.csv'),
      'REES46 first 1,000 rows': join(FIXTURES, 'rees46-2019-Oct-first-1000.csv'),
      'generated 150k events': join(dir, 'raw'),
    })) {
      golds[name] = join(dir, name.replace(/\W+/g, '-'));
      await buildGold({ events, out: golds[name]!, progress: false, threads: 2 });
    }
  });

  for (const name of ['hand-written', 'REES46 first 1,000 rows', 'generated 150k events']) {
    for (const seed of [42, 9]) {
      it(`${name}, seed ${seed}: same label for every user, so the same users per label`, async () => {
        await withSilver(golds[name]!, async (connection) => {
          const report = await segmentUsers(connection, { k: 3, seed, from: '2019-10-01', to: '2020-04-30' });
          const current = await currentSegments(connection);
          const previous = await previousSegments(connection, 3, seed);
          assert.ok(current.size > 0 && current.size === previous.size, `${current.size} users`);
          assert.deepEqual(countsPerLabel(current), countsPerLabel(previous));
          const differing = [...current].filter(([user, label]) => previous.get(user) !== label);
          assert.deepEqual(differing, []);
          assert.equal(report.users, current.size);
          assert.ok(report.converged);
        });
      });
    }
  }

  it('the generated set tells the three-segment story (a test that can fail: labels are not all one)', async () => {
    await withSilver(golds['generated 150k events']!, async (connection) => {
      await segmentUsers(connection, { k: 3, seed: 42, from: '2019-10-01', to: '2020-04-30' });
      assert.deepEqual(Object.keys(countsPerLabel(await currentSegments(connection))).sort(), [
        'Browsers / Non-Converters',
        'High-Value Loyal Customers',
        'Occasional Buyers',
      ]);
    });
  });
});

/** Well-separated blobs of positive points (log1p scaling keeps them apart), `perBlob` each. */
function blobs(perBlob: number, seed: number): FeatureMatrix {
  const random = createRandom(seed);
  const centres = [[1, 1], [200, 200], [1, 200]];
  const values = new Float64Array(perBlob * 3 * 2);
  for (let b = 0; b < 3; b++) {
    for (let i = 0; i < perBlob; i++) {
      values[(b * perBlob + i) * 2] = centres[b]![0]! * (1 + 0.1 * normal(random));
      values[(b * perBlob + i) * 2 + 1] = centres[b]![1]! * (1 + 0.1 * normal(random));
    }
  }
  return { rows: perBlob * 3, dims: 2, values };
}

/** Fits, then writes `user_segments` with the clusters' numbers as labels; returns the model and the table's rows. */
async function fitAndAssign(connection: DuckDBConnection, features: readonly string[], options: { k: number; seed: number | string; maxIterations?: number; sampleRows?: number }, session: SqlSession = duckdbSession(connection), dialect = DUCKDB_KMEANS) {
  const model = await kmeansSql(session, dialect, { ...options, features, source: 'user_features', points: 'kmeans_points' });
  const labels = model.centroids.map((_, c) => `cluster ${c}`);
  await session.run(assignSegmentsSql(dialect, { points: 'kmeans_points', target: 'user_segments', features, centroids: model.centroids, labels }));
  const table = (await connection.runAndReadAll('SELECT user_id, cluster, segment FROM user_segments ORDER BY user_id')).getRowsJS();
  return { model, table };
}

describe('kmeansSql', () => {
  it('recovers well-separated clusters and converges before the iteration cap', async () => {
    await withFeatureTable(blobs(300, 1), async (connection, features) => {
      const { model, table } = await fitAndAssign(connection, features, { k: 3, seed: 7 });
      assert.equal(model.k, 3);
      assert.ok(model.converged);
      assert.ok(model.iterations < 100, `${model.iterations} iterations`);
      for (let b = 0; b < 3; b++) {
        const ids = new Set(table.slice(b * 300, (b + 1) * 300).map((row) => row[1]));
        assert.equal(ids.size, 1, `blob ${b} is one cluster`);
      }
      assert.equal(new Set(table.map((row) => row[1])).size, 3);
      assert.deepEqual(model.profiles.map((p) => p.users).sort(), [300, 300, 300]);
    });
  });

  it('stops at maxIterations, unconverged, when that is too few', async () => {
    // Blobs of very different spread make Lloyd move for several iterations from a k-means++ start.
    const random = createRandom(5);
    const values = Float64Array.from({ length: 4000 }, (_, i) => Math.exp(i % 2 ? 3 * normal(random) : normal(random) + 2));
    await withFeatureTable({ rows: 2000, dims: 2, values }, async (connection, features) => {
      const free = await fitAndAssign(connection, features, { k: 5, seed: 3 });
      assert.ok(free.model.converged && free.model.iterations > 1, `${free.model.iterations} iterations`);
      const capped = await fitAndAssign(connection, features, { k: 5, seed: 3, maxIterations: 1 });
      assert.equal(capped.model.iterations, 1);
      assert.equal(capped.model.converged, false);
    });
  });

  it('is repeatable: two runs give the same centroids, inertia and assignment, and another seed is another draw', async () => {
    const raw = blobs(2000, 2);
    await withFeatureTable(raw, async (connection, features) => {
      const a = await fitAndAssign(connection, features, { k: 4, seed: 'same', sampleRows: 1000 });
      const b = await fitAndAssign(connection, features, { k: 4, seed: 'same', sampleRows: 1000 });
      assert.deepEqual(a.model, b.model);
      assert.deepEqual(a.table, b.table);
      assert.ok(a.model.sampleUsers < 6000 && a.model.sampleUsers > 500, `sample of ${a.model.sampleUsers}`);
    });
    assert.notDeepEqual(hashStreams(1)('0:first'), hashStreams(2)('0:first'));
  });

  it('has fewer clusters than k with fewer users than k', async () => {
    await withFeatureTable({ rows: 2, dims: 2, values: Float64Array.of(1, 1, 50, 50) }, async (connection, features) => {
      const { model, table } = await fitAndAssign(connection, features, { k: 3, seed: 1 });
      assert.equal(model.k, 2);
      assert.equal(table.length, 2);
      assert.notEqual(table[0]![1], table[1]![1]);
    });
  });

  it('puts identical users in one cluster, with zero inertia, the other clusters empty', async () => {
    await withFeatureTable({ rows: 4, dims: 2, values: Float64Array.of(2, 3, 2, 3, 2, 3, 2, 3) }, async (connection, features) => {
      const { model, table } = await fitAndAssign(connection, features, { k: 3, seed: 1 });
      assert.equal(model.k, 3);
      assert.equal(model.inertia, 0);
      assert.ok(model.converged);
      assert.equal(new Set(table.map((row) => row[1])).size, 1);
      assert.deepEqual(model.profiles.map((p) => p.users).sort(), [0, 0, 4]);
      assert.deepEqual(model.profiles.find((p) => p.users === 4)!.means, [2, 3]);
    });
  });

  it('with no users: no clusters and an empty user_segments with the contract columns', async () => {
    await withFeatureTable({ rows: 0, dims: FEATURE_NAMES.length, values: new Float64Array(0) }, async (connection, features) => {
      const { model, table } = await fitAndAssign(connection, features, { k: 3, seed: 1 });
      assert.equal(model.k, 0);
      assert.deepEqual(table, []);
      const columns = (await connection.runAndReadAll('DESCRIBE user_segments')).getRowsJS().map((row) => `${row[0]} ${row[1]}`);
      assert.deepEqual(columns, ['user_id BIGINT', 'cluster INTEGER', 'segment VARCHAR', ...FEATURE_NAMES.map((f) => `${f} DOUBLE`)]);
    });
  });

  it('scales from exact sums: a constant feature has a standard deviation of exactly 0', () => {
    // Logs 0, 1, 2: Σl = 3, Σl² = 5, variance (3·5 − 3²) / 3² = 2/3; logs 2, 2, 2: variance 0.
    const { means, stds } = scaling(3, ['3.000000000', '5.000000000000000000', '6.000000000', '12.000000000000000000']);
    assert.deepEqual(means, [1, 2]);
    assert.equal(stds[0], Math.sqrt(2 / 3));
    assert.equal(stds[1], 0);
    assert.deepEqual(scaling(0, [null, null]), { users: 0, means: [0], stds: [1] });
  });

  it('rounds scaled features to a grid on which a DOUBLE sum of a column never rounds', () => {
    for (const users of [1, 2, 1_000, 26_000, 1_000_000, 15_600_000, 1e9]) {
      // |z| ≤ √users, so |partial sum| ≤ users^1.5 grid steps of 2^-bits: below 2^53 steps.
      assert.ok(users ** 1.5 * 2 ** gridBits(users) < 2 ** 53, `${users} users, ${gridBits(users)} bits`);
    }
    assert.equal(gridBits(1_000_000), 22);
    assert.equal(gridBits(20_000), 30);
  });

  it('refuses k below 1', async () => {
    await withFeatureTable(blobs(2, 1), async (connection, features) => {
      await assert.rejects(fitAndAssign(connection, features, { k: 0, seed: 1 }), RangeError);
    });
  });
});

describe('K-Means SQL for Databricks', () => {
  const features = FEATURE_NAMES;
  const centroids = [[0.5, -1, -1, 0, 0, -1], [1, 2, 2.5, 1, 1, 1e-9]];
  const streams = [hashStreams(42)('a'), hashStreams(42)('b')];
  const statements = [
    logMomentsSql(DATABRICKS_KMEANS, { source: 'user_features', features }),
    scalePointsSql(DATABRICKS_KMEANS, { source: 'user_features', target: 'kmeans_points', features, means: [1, 2, 3, 4, 5, 6], stds: [1, 0, 2, 1, 1, 1], gridBits: 22 }),
    samplePointsSql(DATABRICKS_KMEANS, { points: 'kmeans_points', target: 'kmeans_sample', features, fraction: 0.1, stream: streams[0]! }),
    firstCentroidsSql(DATABRICKS_KMEANS, { points: 'kmeans_points', features, streams }),
    seedCandidatesSql(DATABRICKS_KMEANS, { points: 'kmeans_points', features, runs: [{ centroids: [centroids[0]!], streams }, { centroids, streams }] }),
    lloydStepSql(DATABRICKS_KMEANS, { points: 'kmeans_points', features, runs: [centroids, centroids] }),
    lloydStepSql(DATABRICKS_KMEANS, { points: 'kmeans_points', features, runs: [centroids] }),
    clusterProfilesSql(DATABRICKS_KMEANS, { points: 'kmeans_points', features, centroids }),
    assignSegmentsSql(DATABRICKS_KMEANS, { points: 'kmeans_points', target: 'user_segments', features, centroids, labels: ["Browsers / Non-Converters", "It's \\ quoted"] }),
    assignSegmentsSql(DATABRICKS_KMEANS, { points: 'kmeans_points', target: 'user_segments', features, centroids: [], labels: [] }),
  ];

  it('calls only functions both engines have, with no DuckDB-only syntax', () => {
    // Spark SQL and DuckDB both define these, with the same meaning for the types used here.
    const shared = new Set(['ln', 'greatest', 'least', 'coalesce', 'sqrt', 'round', 'sum', 'count', 'cast', 'values']);
    const keywords = new Set(['select', 'from', 'as', 'in', 'and', 'or', 'when', 'then', 'else', 'end', 'case', 'where', 'by', 'over', 'join', 'exists']);
    for (const sql of statements) {
      const calls = [...sql.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((m) => m[1]!.toLowerCase());
      const tables = new Set([...sql.matchAll(/\bAS\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/gi)].map((m) => m[1]!.toLowerCase())); // `AS runs(run)`
      for (const call of calls) {
        if (keywords.has(call) || tables.has(call) || call === 'decimal') continue;
        assert.ok(shared.has(call), `${call}( in:\n${sql}`);
      }
      for (const duckdbOnly of [/\blist_/i, /\bepoch/i, /\barg_m(in|ax)\b/i, /::/, /\bFILTER\s*\(/i, /\bhash\s*\(/i, /\brandom\s*\(/i, /\$\w/, /\bEXCLUDE\b/i, /\bUSING SAMPLE\b/i, /\bQUALIFY\b/i, /\/\//, /"/, /\bVARCHAR\b/, /\bINTEGER\b/]) {
        assert.doesNotMatch(sql, duckdbOnly, sql);
      }
      // Spark's least/greatest take two arguments or more; no `--` may appear outside a comment.
      assert.doesNotMatch(sql, /\bleast\([^,()]*\)/);
      assert.doesNotMatch(sql, /--/);
      // Numbers with a fraction are DOUBLE (exponent form), never DECIMAL literals that Spark would divide in DECIMAL.
      assert.doesNotMatch(sql.replace(/'[^']*'/g, "''"), /(?<![\w.])\d+\.\d+(?![\d.]*e)/i, sql);
    }
  });

  it('uses the dialect for types and strings', () => {
    const assign = statements[8]!;
    assert.match(assign, /CAST\(cluster_0 AS INT\) AS cluster/);
    assert.match(assign, /WHEN 1 THEN 'It\\'s \\\\ quoted'/);
    assert.match(statements[9]!, /CAST\(NULL AS STRING\) AS segment/);
    assert.match(statements[0]!, /CAST\(sum\(l_spend \* l_spend\) AS STRING\) AS squares_spend/);
  });

  it('writes a Lloyd step as this text (golden)', () => {
    const sql = lloydStepSql(DATABRICKS_KMEANS, { points: 'p', features: ['a', 'b'], runs: [[[0, 1], [-2.5, 3e-7]]] });
    assert.equal(
      sql,
      `SELECT cluster_0, count(*) AS users, sum(z_a) AS z_a, sum(z_b) AS z_b,
  CAST(sum(CAST(distance_0 AS DECIMAL(38, 12))) AS DOUBLE) AS inertia_0
FROM (
  SELECT z_a, z_b, distance_0, CASE WHEN d0_0 = distance_0 THEN 0 ELSE 1 END AS cluster_0
  FROM (
    SELECT z_a, z_b, d0_0, d0_1, least(d0_0, d0_1) AS distance_0
    FROM (
      SELECT z_a, z_b,
        (z_a - 0e+0) * (z_a - 0e+0) + (z_b - 1e+0) * (z_b - 1e+0) AS d0_0,
        (z_a - (-2.5e+0)) * (z_a - (-2.5e+0)) + (z_b - 3e-7) * (z_b - 3e-7) AS d0_1
      FROM p
    ) AS distances
  ) AS nearest
) AS assigned
GROUP BY cluster_0
ORDER BY cluster_0`,
    );
  });

  it('is the same model when the Databricks text runs on DuckDB: only types and strings differ', async () => {
    await withFeatureTable(blobs(500, 4), async (connection, features) => {
      const session = duckdbSession(connection);
      const duckdb = await fitAndAssign(connection, features, { k: 3, seed: 11, sampleRows: 600 }, session, DUCKDB_KMEANS);
      const databricks = await fitAndAssign(connection, features, { k: 3, seed: 11, sampleRows: 600 }, session, DATABRICKS_KMEANS);
      assert.deepEqual(databricks.model, duckdb.model);
      assert.deepEqual(databricks.table, duckdb.table);
    });
  });
});
