/**
 * The SQL text of K-Means where the data is: pure functions from a dialect and the current
 * centroids to one statement each, so the same algorithm runs in DuckDB and on a SQL warehouse
 * (Databricks SQL / Spark SQL) and only centroids travel between the driver and the engine.
 * Restarts run side by side in the same statements, so their number does not multiply the
 * statements a warehouse has to answer.
 *
 * Every statement is written in the SQL both engines accept (`ln`, `sqrt`, `round`, `greatest`,
 * `least`, `CASE`, `%` on BIGINT, `ORDER BY … NULLS LAST LIMIT`,
 * `CAST … AS DECIMAL/DOUBLE/BIGINT/INT`, exponent-form numbers, which both read as DOUBLE); what
 * differs (type names, string literals) comes from the dialect.
 *
 * Every sum is exact, so the same whatever the order in which a parallel engine adds rows: that
 * is what makes a run repeatable and convergence a plain equality. Scaled features are rounded to
 * a binary grid fine enough not to matter (2^-22 at 1M users) and coarse enough that a DOUBLE
 * sum of them never rounds (`gridBits`), so the hot sums of Lloyd's iterations stay plain `sum`;
 * the few others (logs, distances, raw features) are sums of DECIMALs.
 */

/**
 * What these statements need of a dialect: a structural subset of the Gold SQL dialect table,
 * so either engine's entry there can be passed as is.
 */
export interface KMeansDialect {
  readonly name: string;
  /** SQL type names of the contract's `int32` and `text`. */
  readonly types: { readonly int32: string; readonly text: string };
  /** A string literal of a text. */
  string(text: string): string;
}

export const DUCKDB_KMEANS: KMeansDialect = {
  name: 'duckdb',
  types: { int32: 'INTEGER', text: 'VARCHAR' },
  string: (text) => `'${text.replace(/'/g, "''")}'`,
};

/** Databricks SQL: tables are Delta tables of the current schema; ANSI mode is on, so no statement ever divides by zero. */
export const DATABRICKS_KMEANS: KMeansDialect = {
  name: 'databricks',
  types: { int32: 'INT', text: 'STRING' },
  // Spark string literals read backslash escapes.
  string: (text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
};

/** Column of the scaled (log1p, standardized) copy of a feature in the points table. */
export const scaledColumn = (feature: string): string => `z_${feature}`;

/** The hash column of the points table: a well-mixed integer in [0, HASH_PRIME) per user. */
const HASH = 'h';

/** A stream of uniform draws from the users' hash: an affine map mod HASH_PRIME, [multiplier ≥ 1, offset]. */
export type HashStream = readonly [number, number];

export const HASH_PRIME = 2_147_483_647;
const MULTIPLIER_A = 742_938_285;
const MULTIPLIER_B = 950_706_376;

/** A number as a SQL DOUBLE literal that round-trips exactly (exponent form is DOUBLE in both engines). */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`K-Means SQL needs finite numbers, got ${value}`);
  const text = value.toExponential();
  // Parenthesized so that `x - -1e+0` never reads as the comment `--`.
  return value < 0 ? `(${text})` : text;
}

/**
 * The users' hash, from `user_id` alone, in integer arithmetic both engines compute alike (every
 * product stays below 2^63): not an engine's hash function, whose values differ between engines,
 * nor random(), which does not repeat. Squaring mod the prime mixes neighbouring ids.
 */
function userHash(userId: string): string {
  const p = HASH_PRIME;
  const x = `((((CAST(${userId} AS BIGINT) % ${p}) + ${p}) % ${p}) * ${MULTIPLIER_A} + 12345) % ${p}`;
  return `((${x}) * (${x}) % ${p} * ${MULTIPLIER_B} + (${x})) % ${p}`;
}

/** A draw in (0, 1) of a stream for the row's hash. */
function unit([multiplier, offset]: HashStream, row = ''): string {
  return `((CAST((${row}${HASH} * ${multiplier} + ${offset}) % ${HASH_PRIME} AS DOUBLE) + 5e-1) / ${sqlNumber(HASH_PRIME)})`;
}

/** A feature's log scaling: log1p, negatives and NULL as 0. */
const logged = (feature: string) => `ln(1e+0 + greatest(coalesce(CAST(${feature} AS DOUBLE), 0e+0), 0e+0))`;

const exactSum = (expression: string) => `CAST(sum(CAST(${expression} AS DECIMAL(38, 12))) AS DOUBLE)`;

/**
 * Bits after the binary point of the scaled features for `users` rows. A standardized value is
 * at most √users in size, so any partial sum of one column stays under users^1.5; with the
 * values on a grid of 2^-bits, every such sum is a multiple of 2^-bits below 2^53 · 2^-bits,
 * which a DOUBLE holds exactly. 30 bits up to ~26k users, 22 at 1M, 16 at the full REES46 set.
 */
export function gridBits(users: number): number {
  return Math.max(0, Math.min(30, Math.floor(53 - 1.5 * Math.log2(Math.max(2, users))) - 1));
}

/**
 * One pass for the scaling: users, and per feature the exact sums of the log and of its square
 * (the log rounded to 9 decimals), as text, so that the driver computes the variance
 * (n·Σl² − (Σl)²) / n² in whole numbers: exactly 0 for a constant feature, and the same on every
 * run, which a DOUBLE sum over parallel threads is not.
 */
export function logMomentsSql(dialect: KMeansDialect, options: { source: string; features: readonly string[] }): string {
  const text = (value: string) => `CAST(${value} AS ${dialect.types.text})`;
  const moments = options.features.map((f) => `${text(`sum(l_${f})`)} AS sum_${f}, ${text(`sum(l_${f} * l_${f})`)} AS squares_${f}`);
  return `SELECT count(*) AS users, ${moments.join(', ')}
FROM (
  SELECT ${options.features.map((f) => `CAST(${logged(f)} AS DECIMAL(18, 9)) AS l_${f}`).join(', ')}
  FROM ${options.source}
) AS logs`;
}

/**
 * Creates the points table: `user_id`, its hash `h`, the raw features as they are and their
 * scaled copies (`z_<feature>`): the log minus its mean, over its standard deviation (1 for a
 * constant feature), rounded to a grid of 2^-gridBits (see `gridBits`).
 */
export function scalePointsSql(
  _dialect: KMeansDialect,
  options: { source: string; target: string; features: readonly string[]; means: readonly number[]; stds: readonly number[]; gridBits: number },
): string {
  const grid = sqlNumber(2 ** options.gridBits);
  const scaled = options.features.map((f, d) => {
    const std = options.stds[d]! > 1e-12 ? options.stds[d]! : 1;
    return `round((${logged(f)} - ${sqlNumber(options.means[d]!)}) / ${sqlNumber(std)} * ${grid}) / ${grid} AS ${scaledColumn(f)}`;
  });
  return `CREATE OR REPLACE TABLE ${options.target} AS
SELECT user_id, ${userHash('user_id')} AS ${HASH}, ${options.features.join(', ')},
  ${scaled.join(',\n  ')}
FROM ${options.source}`;
}

/** Creates `target` from the points whose draw of `stream` falls below `fraction`: the same sample on every run and engine. */
export function samplePointsSql(_dialect: KMeansDialect, options: { points: string; target: string; features: readonly string[]; fraction: number; stream: HashStream }): string {
  return `CREATE OR REPLACE TABLE ${options.target} AS
SELECT user_id, ${HASH}, ${options.features.map(scaledColumn).join(', ')}
FROM ${options.points}
WHERE ${unit(options.stream)} < ${sqlNumber(options.fraction)}`;
}

/** Squared distance between two rows' scaled features, or a row and a literal centroid. */
function squaredDistance(features: readonly string[], row: string, to: string | readonly number[]): string {
  return features
    .map((f, d) => {
      const a = `${row}${scaledColumn(f)}`;
      const b = typeof to === 'string' ? `${to}${scaledColumn(f)}` : sqlNumber(to[d]!);
      return `(${a} - ${b}) * (${a} - ${b})`;
    })
    .join(' + ');
}

/** `least` takes two arguments or more on Spark. */
function smallest(expressions: readonly string[]): string {
  return expressions.length === 1 ? expressions[0]! : `least(${expressions.join(', ')})`;
}

/** `CASE run WHEN 0 THEN … END` over one expression per run (the expression itself for one run). */
function perRun(run: string, expressions: readonly string[]): string {
  return expressions.length === 1 ? expressions[0]! : `CASE ${run} ${expressions.map((e, r) => `WHEN ${r} THEN ${e}`).join(' ')} END`;
}

type Centroids = readonly (readonly number[])[];

/**
 * Rows of `from` with, for each run r, `cluster_r`: the index of the nearest of that run's
 * centroids (the first on a tie, as the in-memory K-Means) and `distance_r`: the squared
 * distance to it; plus the columns asked for.
 */
function nearestCentroids(features: readonly string[], from: string, runs: readonly Centroids[], columns: readonly string[]): string {
  if (runs.length === 0 || runs.some((c) => c.length === 0)) throw new RangeError('K-Means SQL needs at least one centroid per run');
  const names = runs.map((centroids, r) => centroids.map((_, c) => `d${r}_${c}`));
  const distances = runs.flatMap((centroids, r) => centroids.map((c, i) => `${squaredDistance(features, '', c)} AS d${r}_${i}`));
  const cluster = (d: readonly string[], r: number) =>
    d.length === 1 ? '0' : `CASE ${d.slice(0, -1).map((name, c) => `WHEN ${name} = distance_${r} THEN ${c}`).join(' ')} ELSE ${d.length - 1} END`;
  return `SELECT ${columns.join(', ')}, ${runs.map((_, r) => `distance_${r}, ${cluster(names[r]!, r)} AS cluster_${r}`).join(', ')}
  FROM (
    SELECT ${columns.join(', ')}, ${names.flat().join(', ')}, ${names.map((d, r) => `${smallest(d)} AS distance_${r}`).join(', ')}
    FROM (
      SELECT ${columns.join(', ')},
        ${distances.join(',\n        ')}
      FROM ${from}
    ) AS distances
  ) AS nearest`;
}

/**
 * The first centroid of each run's k-means++ seeding: the point with the smallest draw of the
 * run's stream (a uniform choice). Returns `run` and the point's scaled features, by run.
 */
export function firstCentroidsSql(_dialect: KMeansDialect, options: { points: string; features: readonly string[]; streams: readonly HashStream[] }): string {
  const z = options.features.map(scaledColumn);
  return `${options.streams
    .map((stream, r) => `SELECT * FROM (SELECT ${r} AS run, ${z.join(', ')} FROM ${options.points} ORDER BY ${unit(stream)}, user_id LIMIT 1) AS first_${r}`)
    .join('\nUNION ALL\n')}
ORDER BY run`;
}

/**
 * One step of greedy k-means++ for every run: each of a run's streams draws a candidate with
 * probability proportional to its squared distance to the run's nearest chosen centroid (the
 * smallest -ln(u) / d² wins: an exponential race; a uniform draw when every point sits on a
 * centroid), and the statement returns each candidate (`run`, `trial`, its scaled features)
 * with the potential it would leave: the sum over points of the squared distance to the
 * nearest centroid, that candidate included.
 */
export function seedCandidatesSql(
  _dialect: KMeansDialect,
  options: { points: string; features: readonly string[]; runs: ReadonlyArray<{ centroids: Centroids; streams: readonly HashStream[] }> },
): string {
  const { features, runs } = options;
  const z = features.map(scaledColumn);
  const nearest = runs.map(({ centroids }, r) => `${smallest(centroids.map((c) => `(${squaredDistance(features, '', c)})`))} AS nearest_${r}`);
  const draws = runs.flatMap(({ streams }, r) =>
    streams.map(
      (stream, t) => `  SELECT * FROM (
    SELECT ${r} AS run, ${t} AS trial, ${z.join(', ')} FROM scored
    ORDER BY CASE WHEN nearest_${r} > 0e+0 THEN -ln(${unit(stream)}) / nearest_${r} END NULLS LAST, ${unit(stream)}, user_id
    LIMIT 1
  ) AS draw_${r}_${t}`,
    ),
  );
  const nearestOfRun = perRun('c.run', runs.map((_, r) => `s.nearest_${r}`));
  return `WITH scored AS (
  SELECT user_id, ${HASH}, ${z.join(', ')},
    ${nearest.join(',\n    ')}
  FROM ${options.points}
),
candidates AS (
${draws.join('\n  UNION ALL\n')}
)
SELECT c.run, c.trial, ${z.map((col) => `c.${col}`).join(', ')},
  ${exactSum(`least(${nearestOfRun}, ${squaredDistance(features, 's.', 'c.')})`)} AS potential
FROM candidates AS c CROSS JOIN scored AS s
GROUP BY c.run, c.trial, ${z.map((col) => `c.${col}`).join(', ')}
ORDER BY c.run, c.trial`;
}

/**
 * One Lloyd iteration of every run, in one pass: each point to the nearest of each run's
 * centroids, grouped by its clusters in all runs at once (at most k^runs groups, no row
 * repeated per run), with per group the number of points, the sum of each scaled feature and,
 * per run, the exact sum of squared distances. The driver adds the groups of each run's cluster
 * up: the new centroid is sum / users (the sums are exact, see `gridBits`, so adding them up
 * is too), the inertia that of the centroids passed in. A cluster left without points appears in
 * no group.
 */
export function lloydStepSql(_dialect: KMeansDialect, options: { points: string; features: readonly string[]; runs: readonly Centroids[] }): string {
  const z = options.features.map(scaledColumn);
  const clusters = options.runs.map((_, r) => `cluster_${r}`).join(', ');
  // Plain sums of grid values: exact, and the cheapest aggregate there is.
  return `SELECT ${clusters}, count(*) AS users, ${z.map((col) => `sum(${col}) AS ${col}`).join(', ')},
  ${options.runs.map((_, r) => `${exactSum(`distance_${r}`)} AS inertia_${r}`).join(', ')}
FROM (
  ${nearestCentroids(options.features, options.points, options.runs, z)}
) AS assigned
GROUP BY ${clusters}
ORDER BY ${clusters}`;
}

/** Per cluster of the final centroids: users and the exact sums of the raw (unscaled) features, what labels are chosen from. */
export function clusterProfilesSql(_dialect: KMeansDialect, options: { points: string; features: readonly string[]; centroids: Centroids }): string {
  const { features } = options;
  return `SELECT cluster_0 AS cluster, count(*) AS users, ${features.map((f) => `${exactSum(f)} AS ${f}`).join(', ')}
FROM (
  ${nearestCentroids(features, options.points, [options.centroids], [...features, ...features.map(scaledColumn)])}
) AS assigned
GROUP BY cluster_0
ORDER BY cluster_0`;
}

/**
 * Creates `target` (the contract's `user_segments`): every user with the id of its nearest
 * centroid (int32), the cluster's label and the raw features. Unordered: whoever writes it out
 * orders it (the Gold writer, by user id). With no centroids (no users) the table is created
 * empty with the same columns.
 */
export function assignSegmentsSql(
  dialect: KMeansDialect,
  options: { points: string; target: string; features: readonly string[]; centroids: Centroids; labels: readonly string[] },
): string {
  const { features, centroids, labels } = options;
  if (labels.length !== centroids.length) throw new RangeError(`${centroids.length} centroids but ${labels.length} labels`);
  const raw = features.join(', ');
  if (centroids.length === 0) {
    return `CREATE OR REPLACE TABLE ${options.target} AS
SELECT user_id, CAST(NULL AS ${dialect.types.int32}) AS cluster, CAST(NULL AS ${dialect.types.text}) AS segment, ${raw}
FROM ${options.points}
WHERE 1 = 0`;
  }
  const segment = `CASE cluster_0 ${labels.map((label, c) => `WHEN ${c} THEN ${dialect.string(label)}`).join(' ')} END`;
  return `CREATE OR REPLACE TABLE ${options.target} AS
SELECT user_id, CAST(cluster_0 AS ${dialect.types.int32}) AS cluster, ${segment} AS segment, ${raw}
FROM (
  ${nearestCentroids(features, options.points, [centroids], ['user_id', ...features, ...features.map(scaledColumn)])}
) AS assigned`;
}

/** Drops working tables. */
export function dropTablesSql(_dialect: KMeansDialect, tables: readonly string[]): string[] {
  return tables.map((table) => `DROP TABLE IF EXISTS ${table}`);
}
