/**
 * A synthetic product catalog with REES46's look: real-looking category codes and 64-bit
 * category ids, well-known brands plus a long tail, nullable code and brand, and prices drawn
 * per category. Popularity follows a Zipf law, so a few products take most views and revenue.
 */
import { type Random, forkRandom, logNormal, weightedSampler, zipfWeights } from './random.js';

/** Category code, median price in USD, relative popularity, brands that sell it. */
const CATEGORIES: ReadonlyArray<readonly [string, number, number, readonly string[]]> = [
  ['electronics.smartphone', 260, 30, ['samsung', 'apple', 'xiaomi', 'huawei', 'oppo', 'vivo', 'meizu', 'nokia']],
  ['electronics.audio.headphone', 60, 6, ['apple', 'samsung', 'sony', 'jbl', 'xiaomi', 'sennheiser']],
  ['electronics.video.tv', 420, 5, ['samsung', 'lg', 'sony', 'philips', 'artel', 'haier']],
  ['electronics.clocks', 160, 4, ['apple', 'samsung', 'garmin', 'casio', 'xiaomi', 'amazfit']],
  ['electronics.tablet', 280, 2, ['apple', 'samsung', 'lenovo', 'huawei']],
  ['electronics.audio.acoustic', 120, 1, ['jbl', 'sony', 'edifier']],
  ['electronics.camera.photo', 450, 1, ['canon', 'nikon', 'sony', 'fujifilm']],
  ['electronics.telephone', 30, 1, ['panasonic', 'nokia', 'philips']],
  ['computers.notebook', 620, 5, ['lenovo', 'hp', 'asus', 'acer', 'apple', 'dell', 'msi']],
  ['computers.desktop', 540, 1, ['hp', 'lenovo', 'acer', 'dell']],
  ['computers.peripherals.printer', 170, 1, ['hp', 'canon', 'epson', 'brother']],
  ['computers.components.videocards', 380, 1, ['msi', 'asus', 'gigabyte', 'palit']],
  ['computers.peripherals.mouse', 18, 1, ['logitech', 'a4tech', 'defender', 'razer']],
  ['appliances.kitchen.washer', 330, 4, ['samsung', 'lg', 'bosch', 'beko', 'indesit', 'artel']],
  ['appliances.kitchen.refrigerators', 480, 4, ['samsung', 'lg', 'bosch', 'beko', 'indesit', 'atlant']],
  ['appliances.environment.vacuum', 130, 4, ['samsung', 'lg', 'philips', 'dyson', 'vitek', 'bosch']],
  ['appliances.environment.water_heater', 120, 1, ['ariston', 'thermex', 'aqua', 'electrolux']],
  ['appliances.environment.air_conditioner', 390, 1, ['samsung', 'lg', 'midea', 'artel']],
  ['appliances.kitchen.microwave', 95, 1, ['samsung', 'lg', 'midea', 'panasonic']],
  ['appliances.kitchen.kettle', 28, 1, ['tefal', 'bosch', 'philips', 'polaris', 'vitek']],
  ['appliances.kitchen.blender', 45, 1, ['philips', 'bosch', 'braun', 'moulinex']],
  ['appliances.iron', 40, 1, ['philips', 'tefal', 'braun', 'bosch']],
  ['appliances.personal.massager', 65, 1, ['casada', 'yamaguchi', 'beurer']],
  ['apparel.shoes', 75, 3, ['nike', 'adidas', 'puma', 'reebok', 'asics', 'respect']],
  ['apparel.shoes.keds', 60, 1, ['nike', 'adidas', 'vans', 'converse']],
  ['apparel.costume', 45, 1, ['nike', 'adidas', 'puma']],
  ['furniture.living_room.sofa', 520, 1, ['brw', 'sonline', 'bestway']],
  ['furniture.bedroom.bed', 300, 1, ['brw', 'askona', 'sonline']],
  ['furniture.living_room.cabinet', 180, 1, ['brw', 'sonline']],
  ['kids.toys', 35, 1, ['lego', 'hasbro', 'mattel', 'ikid']],
  ['kids.carriage', 260, 1, ['chicco', 'bebetto', 'tutis']],
  ['auto.accessories.player', 90, 1, ['pioneer', 'alpine', 'kenwood', 'jvc']],
  ['auto.accessories.videoregister', 70, 1, ['xiaomi', 'neoline', 'playme']],
  ['construction.tools.drill', 85, 1, ['bosch', 'makita', 'dewalt', 'metabo']],
  ['construction.tools.light', 25, 1, ['osram', 'philips', 'gauss']],
  ['sport.bicycle', 310, 1, ['stels', 'forward', 'stern']],
  ['accessories.bag', 40, 1, ['xiaomi', 'samsonite', 'dakine']],
  ['country_yard.lawn_mower', 210, 1, ['bosch', 'makita', 'huter']],
  ['medicine.tools.tonometer', 35, 1, ['omron', 'and', 'microlife']],
];

const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'lux', 'vi', 'sta', 'no', 'tex', 'pro', 'zen', 'ar', 'el', 'for', 'ma', 'do'];

/** The catalog's products, in popularity order (product 0 is the most viewed). */
export interface Catalog {
  readonly size: number;
  /** `product_id,category_id,category_code,brand,price` for each product, ready for a CSV line. */
  readonly csvFields: readonly string[];
  readonly prices: Float64Array;
  /** Category index of each product (products are browsed within a category). */
  readonly categoryOf: Int32Array;
  /** Products of each category, most popular first. */
  readonly byCategory: readonly Int32Array[];
  /** Draws a product by overall popularity. */
  readonly pickProduct: (random: Random) => number;
}

/** A 64-bit category id in REES46's range, as text. */
function categoryIdText(random: Random): string {
  const high = 2053013552 + random.int(60_000_000);
  return `${high}${String(random.int(1_000_000_000)).padStart(9, '0')}`;
}

function tailBrand(random: Random): string {
  const parts = 2 + random.int(2);
  let name = '';
  for (let i = 0; i < parts; i++) name += SYLLABLES[random.int(SYLLABLES.length)];
  return name;
}

/** Builds a catalog of `size` products. */
export function createCatalog(size: number, seedRandom: Random): Catalog {
  const random = forkRandom(seedRandom, 'catalog');
  const categoryIds = CATEGORIES.map(() => categoryIdText(random));
  // Products without a category code still carry a category id of their own.
  const uncodedIds = Array.from({ length: 40 }, () => categoryIdText(random));
  const tailBrands = Array.from({ length: 400 }, () => tailBrand(random));
  const pickCategory = weightedSampler(CATEGORIES.map((c) => c[2]));

  const drafts: Array<{ fields: string; price: number; category: number; score: number }> = [];
  const usedIds = new Set<number>();
  for (let p = 0; p < size; p++) {
    const c = pickCategory(random);
    const [code, median, weight, brands] = CATEGORIES[c]!;
    const coded = random.next() > 0.3; // ~30% of REES46 rows have no category code
    const brandRoll = random.next();
    // Well-known brands lean to the first of each list (samsung and apple for smartphones).
    const brandRank = Math.floor(brands.length * random.next() ** 1.5);
    const brand = brandRoll < 0.14 ? '' : brandRoll < 0.8 ? brands[brandRank]! : tailBrands[random.int(tailBrands.length)]!;
    const price = Math.max(0.77, Math.round(logNormal(random, median, 0.7) * 100) / 100);
    let productId: number;
    do productId = 1_000_000 + random.int(99_000_000);
    while (usedIds.has(productId));
    usedIds.add(productId);
    const categoryId = coded ? categoryIds[c]! : uncodedIds[random.int(uncodedIds.length)]!;
    // Popular categories and leading brands make the best sellers, with plenty of noise.
    const brandBoost = brandRoll >= 0.14 && brandRoll < 0.8 ? 1.5 / (1 + 0.4 * brandRank) : 0.5;
    const score = Math.sqrt(weight) * brandBoost * logNormal(random, 1, 1);
    drafts.push({ fields: `${productId},${categoryId},${coded ? code : ''},${brand},${price.toFixed(2)}`, price, category: c, score });
  }
  // Product 0 is the most popular: order by score (ties by creation order, so still deterministic).
  const order = Array.from(drafts.keys()).sort((a, b) => drafts[b]!.score - drafts[a]!.score || a - b);
  const csvFields: string[] = [];
  const prices = new Float64Array(size);
  const categoryOf = new Int32Array(size);
  const members: number[][] = CATEGORIES.map(() => []);
  order.forEach((draft, p) => {
    const { fields, price, category } = drafts[draft]!;
    csvFields.push(fields);
    prices[p] = price;
    categoryOf[p] = category;
    members[category]!.push(p);
  });
  const pickProduct = weightedSampler(zipfWeights(size, 1.05));
  return {
    size,
    csvFields,
    prices,
    categoryOf,
    byCategory: members.map((m) => Int32Array.from(m)),
    pickProduct,
  };
}
