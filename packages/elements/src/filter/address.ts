import { SEGMENT_LABELS, isCalendarDay, setSourceFilter, type SourceFilter } from '@goldboard/core';

/**
 * The name of `key` (`from`, `to`, `segment`) in the page's address for filter element `el`:
 * as it is, or, when `history` names the filter (`history="sales"`, for a page whose filters
 * set several sources), prefixed with that name (`sales-from`).
 */
export function addressKey(el: Element, key: string): string {
  const value = (el as Element & { history?: unknown }).history;
  const name = typeof value === 'string' ? value : el.getAttribute('history');
  return name ? `${name}-${key}` : key;
}

/**
 * What a filter element with `history` reads from an address's query (`?from=…&to=…`,
 * `?segment=…`), when it is a valid choice (else no range, every segment); nothing for an
 * element without `history`. Pure, so that a server rendering the page reads the same.
 */
export function filterOf(el: Element, search: string): SourceFilter {
  if (!el.getAttribute('source') || !el.hasAttribute('history')) return {};
  const params = new URLSearchParams(search);
  if (el.localName === 'goldboard-filter') {
    const segment = params.get(addressKey(el, 'segment')) ?? '';
    return { segment: (SEGMENT_LABELS as readonly string[]).includes(segment) ? segment : '' };
  }
  const [from = '', to = ''] = ['from', 'to'].map((key) => params.get(addressKey(el, key)) ?? '');
  const valid = [from, to].every((day) => !day || isCalendarDay(day)) && !(from && to && from > to);
  return valid ? { from, to } : { from: '', to: '' };
}

/**
 * Applies what a filter element with `history` reads from the page's address to its source's
 * filter. Shared by the elements and by the loader, which runs it before their code arrives,
 * so that the elements of the source load the chosen range and segment in their first request.
 */
export function filterFromAddress(el: Element): void {
  const source = el.getAttribute('source');
  if (!source || !el.hasAttribute('history')) return;
  setSourceFilter(source, filterOf(el, location.search));
}
