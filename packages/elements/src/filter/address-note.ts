import { SEGMENT_LABELS, isCalendarDay } from '@goldboard/core';
import { addressKey } from './address.js';

/**
 * Why a filter element did not take the choice in the page's address (`filterFromAddress` left
 * it out), in words for the page; undefined when it took it or the address has none. `search`:
 * the address's query (the page's own by default; a server rendering the page gives it).
 */
export function addressNote(el: Element, search: string = location.search): string | undefined {
  const params = new URLSearchParams(search);
  if (el.localName === 'goldboard-filter') {
    const segment = params.get(addressKey(el, 'segment'));
    return segment && !(SEGMENT_LABELS as readonly string[]).includes(segment)
      ? `The address's segment (${segment}) is not a segment (${SEGMENT_LABELS.join(', ')}); showing every segment.`
      : undefined;
  }
  const from = params.get(addressKey(el, 'from')) ?? '';
  const to = params.get(addressKey(el, 'to')) ?? '';
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value && !isCalendarDay(value)) return `The address's ${name} (${value}) is not a calendar day (YYYY-MM-DD); showing every day.`;
  }
  return from && to && from > to ? `The address's range ends (${to}) before it starts (${from}); showing every day.` : undefined;
}
