import { SEGMENT_LABELS, isCalendarDay, setSourceFilter } from '@goldboard/core';

/**
 * What a filter element with `history` reads from the page's address (`?from=…&to=…`,
 * `?segment=…`) into its source's filter, when it is a valid choice (else no range, every
 * segment). Shared by the elements and by the loader, which runs it before their code arrives,
 * so that the elements of the source load the chosen range and segment in their first request.
 */
export function filterFromAddress(el: Element): void {
  const source = el.getAttribute('source');
  if (!source || !el.hasAttribute('history')) return;
  const params = new URLSearchParams(location.search);
  if (el.localName === 'goldboard-filter') {
    const segment = params.get('segment') ?? '';
    setSourceFilter(source, { segment: (SEGMENT_LABELS as readonly string[]).includes(segment) ? segment : '' });
    return;
  }
  const [from = '', to = ''] = ['from', 'to'].map((key) => params.get(key) ?? '');
  const valid = [from, to].every((day) => !day || isCalendarDay(day)) && !(from && to && from > to);
  setSourceFilter(source, valid ? { from, to } : { from: '', to: '' });
}
