import type { GoldTable } from '@goldboard/core';

export type TopDataset = 'top_products' | 'top_users';

/** What a ranked list reads and shows per dataset. */
export const TOP_DATASETS: Readonly<Record<TopDataset, { measure: string; title: string; item: string }>> = {
  top_products: { measure: 'revenue', title: 'Top Products by', item: 'Product' },
  top_users: { measure: 'spend', title: 'Top Users by', item: 'User' },
};

/** One ranked entry as listed. */
export interface RankedItem {
  /** Position in the list drawn (1 = first). */
  readonly position: number;
  /** The rank in the data (by the dataset's own ranking). */
  readonly rank: number;
  /** product_id or user_id. */
  readonly id: number;
  readonly label: string;
  readonly value: number;
  /** The row in the table, for the select event. */
  readonly row: number;
}

/** An id as shown: its digits, or `—` when it is missing (a null id is NaN in a GoldTable). */
function idText(id: number): string {
  return Number.isFinite(id) ? String(id) : '—';
}

/** A product id as the list's second fact: `#1005115`, or `—` when it is missing. */
export function productIdText(id: number): string {
  return Number.isFinite(id) ? `#${id}` : '—';
}

/**
 * A product's name: brand and category code (`samsung · electronics.smartphone`), either alone
 * when the other is missing, or `Product <id>` when both are.
 */
export function productLabel(brand: string | null, category: string | null, id: number): string {
  const parts = [brand?.trim(), category?.trim()].filter((s): s is string => Boolean(s));
  return parts.length ? parts.join(' · ') : `Product ${idText(id)}`;
}

/**
 * The rows of a validated top_products or top_users table, ordered by `measure` (highest first;
 * nulls last; ties by the data's rank), keeping only `segment`'s users when given, and at most
 * `limit` of them.
 */
export function rankItems(table: GoldTable, dataset: TopDataset, measure: string, limit: number, segment?: string): RankedItem[] {
  const n = table.numRows;
  const values = table.numbers(measure);
  const ranks = table.getChild('rank')?.kind === 'number' ? table.numbers('rank') : undefined;
  const ids = table.numbers(dataset === 'top_products' ? 'product_id' : 'user_id');
  const brands = dataset === 'top_products' ? table.texts('brand') : undefined;
  const categories = dataset === 'top_products' ? table.texts('category_code') : undefined;
  const segments = segment && table.getChild('segment')?.kind === 'text' ? table.texts('segment') : undefined;
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (!segments || segments[i] === segment) order.push(i);
  const rankOf = (i: number) => {
    const r = ranks?.[i];
    return r !== undefined && r === r ? r : i + 1;
  };
  order.sort((a, b) => {
    const va = values[a]!;
    const vb = values[b]!;
    const na = va !== va;
    const nb = vb !== vb;
    if (na !== nb) return na ? 1 : -1;
    return (na ? 0 : vb - va) || rankOf(a) - rankOf(b);
  });
  const count = Math.min(order.length, Math.max(0, Math.floor(limit)));
  const items: RankedItem[] = [];
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    const id = ids[i]!;
    const label = brands && categories ? productLabel(brands[i]!, categories[i]!, id) : `User ${idText(id)}`;
    items.push({ position: k + 1, rank: rankOf(i), id, label, value: values[i]!, row: i });
  }
  return items;
}
