/**
 * Seeded randomness for the generator: a small, fast PRNG (sfc32) and the distributions the
 * synthetic events are drawn from. Everything here is pure given the seed, so a seed always
 * gives the same events.
 */

/** A deterministic source of uniform numbers in [0, 1). */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A 32-bit unsigned integer. */
  uint32(): number;
}

/** Hashes a seed (number or text) into four 32-bit words with splitmix32. */
function seedWords(seed: number | string): [number, number, number, number] {
  let h = 0x9e3779b9;
  const text = String(seed);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b) >>> 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    h = (h + 0x9e3779b9) >>> 0;
    let z = h;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    words.push((z ^ (z >>> 15)) >>> 0);
  }
  return words as [number, number, number, number];
}

/** sfc32: 128-bit state, passes PractRand, a few ns per number. */
export function createRandom(seed: number | string): Random {
  let [a, b, c, d] = seedWords(seed);
  const uint32 = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32(); // warm up away from the seed's structure
  const next = (): number => uint32() / 4294967296;
  return { next, uint32, int: (n) => Math.floor(next() * n) };
}

/** A derived, independent stream (e.g. one per product catalog, one per month). */
export function forkRandom(random: Random, label: string): Random {
  return createRandom(`${random.uint32()}:${label}`);
}

/** Standard normal by Box–Muller. */
export function normal(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal with the given median and log-space spread. */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/** Geometric count ≥ 1 with the given mean (mean ≥ 1). */
export function geometric(random: Random, mean: number): number {
  if (mean <= 1) return 1;
  const p = 1 / mean;
  return 1 + Math.floor(Math.log(1 - random.next()) / Math.log(1 - p));
}

/** A sampler of indexes 0..n-1 with the given weights (cumulative table + binary search). */
export function weightedSampler(weights: ArrayLike<number>): (random: Random) => number {
  const n = weights.length;
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += weights[i]!;
    cumulative[i] = total;
  }
  return (random) => {
    const target = random.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Zipf weights 1/(i+1)^s: a long tail where a few items take most of the mass. */
export function zipfWeights(n: number, s: number): Float64Array {
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = 1 / Math.pow(i + 1, s);
  return weights;
}

/**
 * Splits an integer total into parts proportional to weights, summing exactly to total
 * (largest remainder), so `--events N` writes exactly N events.
 */
export function apportion(total: number, weights: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]!;
  const parts: number[] = [];
  const remainders: Array<[number, number]> = [];
  let assigned = 0;
  for (let i = 0; i < weights.length; i++) {
    const exact = sum > 0 ? (total * weights[i]!) / sum : 0;
    const whole = Math.floor(exact);
    parts.push(whole);
    remainders.push([exact - whole, i]);
    assigned += whole;
  }
  remainders.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let r = 0; assigned < total; r++, assigned++) parts[remainders[r % remainders.length]![1]]!++;
  return parts;
}
