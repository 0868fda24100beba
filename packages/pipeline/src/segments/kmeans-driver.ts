/**
 * The driver of K-Means in SQL: the loop runs here, the data stays in the engine. Each Lloyd
 * iteration is one statement that takes the centroids as literals and returns the next ones
 * (k × features numbers per run), until they stop moving or `maxIterations`. Seeding is greedy
 * k-means++ with its draws made from a hash of `user_id`, so a seed gives the same model on
 * every run; the restarts run side by side, on a hashed sample when there are many users, and
 * the one with the lowest inertia goes on to all users, as in the in-memory K-Means
 * (`kmeans.ts`) this replaces in the build.
 */
import {
  HASH_PRIME,
  type HashStream,
  type KMeansDialect,
  clusterProfilesSql,
  dropTablesSql,
  firstCentroidsSql,
  gridBits,
  lloydStepSql,
  logMomentsSql,
  samplePointsSql,
  scalePointsSql,
  seedCandidatesSql,
} from './kmeans-sql.js';

/** What the driver needs of an engine: run a statement, or run one and get its rows. */
export interface SqlSession {
  run(sql: string): Promise<void>;
  /** Rows as arrays of column values, in select order (numbers, bigints or null). */
  rows(sql: string): Promise<unknown[][]>;
}

export interface SqlKMeansOptions {
  k: number;
  seed: number | string;
  /** The features, columns of `source`. */
  features: readonly string[];
  /** Table or view of one row per user: `user_id` and the features. */
  source: string;
  /** The points table this creates (user id, hash, raw and scaled features), for `assignSegmentsSql`. */
  points: string;
  /** Lloyd iterations at most (default 100). */
  maxIterations?: number;
  /** Greedy k-means++ starts; the lowest inertia wins (default 4). */
  restarts?: number;
  /** Converged when the centroids move less than this in total (sum of squared shifts; default 1e-4, as scikit-learn). */
  tolerance?: number;
  /** Above this many users, restarts compete on a hashed sample of about this size (default 100,000). */
  sampleRows?: number;
}

export interface SqlKMeansModel {
  /** Clusters actually used: min(k, users). */
  readonly k: number;
  readonly users: number;
  /** k centroids in the scaled space. */
  readonly centroids: number[][];
  /** Per cluster: users and mean raw features (zeros for a cluster left empty). */
  readonly profiles: Array<{ users: number; means: number[] }>;
  /** Lloyd iterations of the final run (on all users when the restarts ran on a sample). */
  readonly iterations: number;
  readonly converged: boolean;
  /** Sum of squared distances to the centroids of the last iteration's assignment. */
  readonly inertia: number;
  /** Users the restarts were compared on. */
  readonly sampleUsers: number;
  /** Statements sent to the engine: what a warehouse's latency multiplies. */
  readonly statements: number;
}

type Fit = { centroids: number[][]; iterations: number; converged: boolean; inertia: number };

/** Fits K-Means on `source`, leaving the table `points` for the final assignment (`assignSegmentsSql`). */
export async function kmeansSql(session: SqlSession, dialect: KMeansDialect, options: SqlKMeansOptions): Promise<SqlKMeansModel> {
  if (!Number.isInteger(options.k) || options.k < 1) throw new RangeError(`k must be a whole number ≥ 1, got ${options.k}`);
  const { features, points, source } = options;
  const restarts = Math.max(1, options.restarts ?? 4);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-4;
  const sampleRows = options.sampleRows ?? 100_000;
  let statements = 0;
  const run = (sql: string) => (statements++, session.run(sql));
  const rows = async (sql: string) => (statements++, (await session.rows(sql)).map((row) => row.map(toNumber)));
  const stream = hashStreams(options.seed);

  // Scaling: log1p, then standardized; the moments come back as numbers, the points stay.
  const [count, ...moments] = (await session.rows(logMomentsSql(dialect, { source, features })))[0]!;
  statements++;
  const { users, means, stds } = scaling(Number(count), moments);
  await run(scalePointsSql(dialect, { source, target: points, features, means, stds, gridBits: gridBits(users) }));
  const k = Math.min(options.k, users);
  if (k === 0) return { k: 0, users: 0, centroids: [], profiles: [], iterations: 0, converged: true, inertia: 0, sampleUsers: 0, statements };

  let fitOn = points;
  let sampleUsers = users;
  const sample = `${points}_sample`;
  const sampling = users > sampleRows;
  if (sampling) {
    await run(samplePointsSql(dialect, { points, target: sample, features, fraction: sampleRows / users, stream: stream('sample') }));
    const sampled = (await rows(`SELECT count(*) FROM ${sample}`))[0]![0]!;
    // A hashed sample smaller than k (only with a tiny sampleRows) would leave nothing to seed from.
    if (sampled >= k) [fitOn, sampleUsers] = [sample, sampled];
  }

  /** Lloyd iterations of several runs side by side; a run leaves the statement once it has converged. */
  const lloyd = async (table: string, starts: number[][][]): Promise<Fit[]> => {
    const fits: Fit[] = starts.map((centroids) => ({ centroids: centroids.map((c) => [...c]), iterations: 0, converged: false, inertia: 0 }));
    for (let iteration = 0; iteration < maxIterations; iteration++) {
      const active = fits.filter((fit) => !fit.converged);
      if (active.length === 0) break;
      const groups = await rows(lloydStepSql(dialect, { points: table, features, runs: active.map((fit) => fit.centroids) }));
      // Each run's clusters from the groups of all runs' clusters. An emptied cluster keeps its
      // previous centroid (it is in no group).
      const runs = active.length;
      const sums = active.map((fit) => fit.centroids.map(() => features.map(() => 0)));
      const counts = active.map((fit) => fit.centroids.map(() => 0));
      const inertia = active.map(() => 0);
      for (const group of groups) {
        const members = group[runs]!;
        for (let r = 0; r < runs; r++) {
          const c = group[r]!;
          counts[r]![c]! += members;
          for (let d = 0; d < features.length; d++) sums[r]![c]![d]! += group[runs + 1 + d]!;
          inertia[r]! += group[runs + 1 + features.length + r]!;
        }
      }
      const next = active.map((fit, r) => fit.centroids.map((c, i) => (counts[r]![i]! > 0 ? sums[r]![i]!.map((sum) => sum / counts[r]![i]!) : [...c])));
      active.forEach((fit, r) => {
        let shift = 0;
        fit.centroids.forEach((c, i) => c.forEach((v, d) => (shift += (next[r]![i]![d]! - v) ** 2)));
        fit.centroids = next[r]!;
        fit.inertia = inertia[r]!;
        fit.iterations++;
        // Sums are exact, so unchanged assignments give a shift of exactly 0.
        if (shift <= tolerance) fit.converged = true;
      });
    }
    return fits;
  };

  const starts = await seedPlusPlus(fitOn, k);
  const fits = await lloyd(fitOn, starts);
  const best = fits.reduce((a, b) => (b.inertia < a.inertia ? b : a));
  const final = fitOn === points ? best : (await lloyd(points, [best.centroids]))[0]!;
  if (sampling) for (const sql of dropTablesSql(dialect, [sample])) await run(sql);

  const profiles = Array.from({ length: k }, () => ({ users: 0, means: features.map(() => 0) }));
  for (const [cluster, count, ...sums] of await rows(clusterProfilesSql(dialect, { points, features, centroids: final.centroids }))) {
    profiles[cluster!] = { users: count!, means: sums.map((s) => s! / count!) };
  }
  return { k, users, centroids: final.centroids, profiles, iterations: final.iterations, converged: final.converged, inertia: final.inertia, sampleUsers, statements };

  /** Greedy k-means++ (as scikit-learn) for every restart at once: 2 + ⌊ln k⌋ candidates per step, the one leaving the lowest potential kept. */
  async function seedPlusPlus(table: string, clusters: number): Promise<number[][][]> {
    const runs = Array.from({ length: restarts }, (_, r) => r);
    const firsts = await rows(firstCentroidsSql(dialect, { points: table, features, streams: runs.map((r) => stream(`${r}:first`)) }));
    const centroids = runs.map((r) => [firsts[r]!.slice(1).map((v) => v!)]);
    const trials = 2 + Math.floor(Math.log(clusters));
    for (let c = 1; c < clusters; c++) {
      const candidates = await rows(
        seedCandidatesSql(dialect, {
          points: table,
          features,
          runs: runs.map((r) => ({ centroids: centroids[r]!, streams: Array.from({ length: trials }, (_, t) => stream(`${r}:${c}:${t}`)) })),
        }),
      );
      for (const r of runs) {
        let chosen: Array<number | null> | undefined;
        for (const candidate of candidates) if (candidate[0] === r && (!chosen || candidate.at(-1)! < chosen.at(-1)!)) chosen = candidate;
        centroids[r]!.push(chosen!.slice(2, 2 + features.length).map((v) => v!));
      }
    }
    return centroids;
  }
}

/**
 * Means and standard deviations of the logs from their exact sums (text of DECIMALs with 9 and
 * 18 decimals): the variance (n·Σl² − (Σl)²) / n² is worked out in whole numbers, so it is
 * exactly 0 for a constant feature and the same on every run.
 */
export function scaling(users: number, moments: readonly unknown[]): { users: number; means: number[]; stds: number[] } {
  const means: number[] = [];
  const stds: number[] = [];
  const n = BigInt(users);
  for (let d = 0; d < moments.length; d += 2) {
    if (users === 0) {
      means.push(0);
      stds.push(1);
      continue;
    }
    const sum = scaledInteger(moments[d], 9);
    const squares = scaledInteger(moments[d + 1], 18);
    means.push(Number(sum) / 1e9 / users);
    stds.push(Math.sqrt(Number(n * squares - sum * sum) / 1e18 / users / users));
  }
  return { users, means, stds };
}

/** A DECIMAL's text as a whole number of 10^-scale units. */
function scaledInteger(value: unknown, scale: number): bigint {
  const text = String(value ?? '0').trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new Error(`K-Means: not a decimal sum: ${text}`);
  const fraction = (match[3] ?? '').padEnd(scale, '0');
  if (fraction.length > scale) throw new Error(`K-Means: more than ${scale} decimals in ${text}`);
  const whole = BigInt(`${match[2] || '0'}${fraction}`);
  return match[1] ? -whole : whole;
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}

/**
 * Streams of draws for a seed and a label: [multiplier in 1..HASH_PRIME-1, offset], from a 32-bit
 * FNV-1a of the text mixed by splitmix32, self-contained so that the same seed gives the same
 * streams wherever the driver runs.
 */
export function hashStreams(seed: number | string): (label: string) => HashStream {
  return (label) => {
    const text = `kmeans:${seed}:${label}`;
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    const next = () => {
      h = (h + 0x9e3779b9) >>> 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    return [1 + (next() % (HASH_PRIME - 1)), next() % HASH_PRIME];
  };
}
