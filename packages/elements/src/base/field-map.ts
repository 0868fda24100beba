import { GoldError, type FieldMap } from '@goldboard/core';

/**
 * A map without a prototype: a key like `__proto__` or `constructor` is an entry like any other,
 * never Object's own member (setting `__proto__` on a plain object would replace its prototype).
 */
const newMap = (): Record<string, string> => Object.create(null) as Record<string, string>;

/**
 * Parses a `fields` attribute: contract column -> column in the data, written
 * `revenue:amount, event_date:day` (or as a JSON object). Throws a GoldError naming the bad part.
 */
export function parseFieldMap(text: string | null | undefined): FieldMap {
  if (!text || !text.trim()) return {};
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new GoldError('bad-param', `The fields attribute is not valid JSON: ${(error as Error).message}`);
    }
    const map = newMap();
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof v !== 'string') throw new GoldError('bad-param', `The fields attribute maps \`${k}\` to a non-text value`);
      map[k] = v;
    }
    return map;
  }
  const map = newMap();
  for (const part of trimmed.split(',')) {
    if (!part.trim()) continue;
    const [from, to, extra] = part.split(':').map((s) => s.trim());
    if (!from || !to || extra !== undefined) {
      throw new GoldError('bad-param', `The fields attribute has \`${part.trim()}\`; write contract:column pairs like \`revenue:amount, event_date:day\``);
    }
    map[from] = to;
  }
  return map;
}
