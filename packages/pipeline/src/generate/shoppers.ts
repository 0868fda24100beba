/**
 * Who shops and how: a population of users of four kinds, and the events of one session.
 * Most users only view; some add to cart; a small share of loyal buyers makes most purchases.
 */
import { type Catalog } from './catalog.js';
import { type Random, geometric, weightedSampler, zipfWeights } from './random.js';

export const enum ShopperKind {
  Loyal = 0,
  Occasional = 1,
  Browser = 2,
  Bot = 3,
}

/**
 * Per kind: share of users, share of sessions, mean views per session, cart rate per view,
 * purchase rate per session with a cart, and how unevenly sessions spread over the kind's users.
 */
export const SHOPPER_PROFILES = [
  { users: 0.06, sessions: 0.5, views: 6, cartRate: 0.2, purchaseRate: 0.75, skew: 0.3 },
  { users: 0.2, sessions: 0.12, views: 5, cartRate: 0.2, purchaseRate: 0.5, skew: 0 },
  { users: 0.739, sessions: 0.36, views: 2.5, cartRate: 0.02, purchaseRate: 0, skew: 0 },
  { users: 0.001, sessions: 0.02, views: 120, cartRate: 0, purchaseRate: 0, skew: 0 },
] as const;

export interface Population {
  readonly size: number;
  readonly userIds: Float64Array;
  /** Draws a user for a new session: first the kind, then a user of that kind (heavy-tailed). */
  readonly pickUser: (random: Random) => { user: number; kind: ShopperKind };
}

/** A population sized for the number of events (REES46 has ~26 events per user). */
export function createPopulation(size: number, random: Random): Population {
  const pools: number[][] = [[], [], [], []];
  const pickKind = weightedSampler(SHOPPER_PROFILES.map((p) => p.users));
  for (let u = 0; u < size; u++) pools[pickKind(random)]!.push(u);
  // Every kind has at least one member, so small samples still hold all behaviours.
  for (let k = 0; k < pools.length; k++) if (pools[k]!.length === 0) pools[k]!.push(random.int(size));
  const userIds = new Float64Array(size);
  for (let u = 0; u < size; u++) userIds[u] = 512_000_000 + u * 4 + random.int(4);
  const samplers = pools.map((pool, kind) => weightedSampler(zipfWeights(pool.length, SHOPPER_PROFILES[kind]!.skew)));
  const pickSessionKind = weightedSampler(SHOPPER_PROFILES.map((p) => p.sessions));
  return {
    size,
    userIds,
    pickUser(r) {
      const kind = pickSessionKind(r) as ShopperKind;
      return { user: pools[kind]![samplers[kind]!(r)]!, kind };
    },
  };
}

/** One raw event before formatting: second of the day, type, product. */
export interface SessionEvent {
  second: number;
  type: 'view' | 'cart' | 'remove_from_cart' | 'purchase';
  product: number;
}

/**
 * The events of one session starting at `start` (second of the day), never past `end`.
 * A session browses one category, mostly; carts some viewed products; may buy.
 */
export function sessionEvents(
  kind: ShopperKind,
  start: number,
  end: number,
  catalog: Catalog,
  random: Random,
  options: { mood: number; removals: boolean },
): SessionEvent[] {
  const profile = SHOPPER_PROFILES[kind];
  const events: SessionEvent[] = [];
  const views = geometric(random, profile.views);
  const first = catalog.pickProduct(random);
  const siblings = catalog.byCategory[catalog.categoryOf[first]!]!;
  const carted: number[] = [];
  let second = start;
  const step = (): void => {
    second = Math.min(end, second + 5 + random.int(kind === ShopperKind.Bot ? 4 : 90));
  };
  for (let v = 0; v < views; v++) {
    // Within a session people mostly compare products of the same category.
    const product = v === 0 ? first : random.next() < 0.7 ? siblings[Math.min(siblings.length - 1, Math.floor(siblings.length * random.next() ** 3))]! : catalog.pickProduct(random);
    events.push({ second, type: 'view', product });
    step();
    if (random.next() < profile.cartRate) {
      events.push({ second, type: 'cart', product });
      carted.push(product);
      step();
    }
  }
  if (carted.length > 0) {
    if (random.next() < Math.min(0.95, profile.purchaseRate * options.mood)) {
      const bought = random.next() < 0.8 ? 1 : Math.min(carted.length, 2);
      for (let b = 0; b < bought; b++) {
        events.push({ second, type: 'purchase', product: carted[carted.length - 1 - b]! });
        step();
      }
    } else if (options.removals && random.next() < 0.4) {
      events.push({ second, type: 'remove_from_cart', product: carted[0]! });
    }
  }
  return events;
}
