// The reference dashboard: both pages of the original Databricks SQL dashboards, composed only
// from the public elements. The date range, the segment filter and the insights are elements
// too (`<goldboard-date-range>`, `<goldboard-filter>`, `<goldboard-insight>`); this file keeps
// what no element can do: choosing where Gold is read, the two pages, printing, and taking the
// reader to the top users once a segment is chosen on the segmentation page.
// First: elements rendered on the server take over their markup (it loads Lit's hydration support),
// every one of them in the task that defines them (`all.js`: no chunk of theirs to wait for).
import '@goldboard/elements/hydrate.js';
import '@goldboard/elements/all.js';
import { registerSource } from '@goldboard/core';
import { goldSource } from './source.js';

const source = goldSource();
registerSource('gold', source.adapter);

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;

if (source.note) {
  const note = $('#mode-note');
  note.textContent = source.note;
  note.hidden = false;
}

/* Pages: #business and #segments; the hash keeps the page on reload and in links. Another hash
   (the skip link's #main) leaves the page shown as it is. */
function showPage(): void {
  const hash = location.hash;
  const shown = $('#business').hidden === $('#segments').hidden ? undefined : $('#segments').hidden ? 'business' : 'segments';
  const page = hash === '#segments' ? 'segments' : hash === '#business' || hash === '' || !shown ? 'business' : shown;
  for (const id of ['business', 'segments']) {
    $(`#${id}`).hidden = id !== page;
    const tab = $(`#tab-${id}`);
    if (id === page) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
}
window.addEventListener('hashchange', showPage);
showPage();

$('#print').addEventListener('click', () => window.print());

/* A segment chosen on the segmentation page filters the top users (the segment filter follows
   the charts' choice by itself): the business page is shown, the filter in view with the focus. */
document.addEventListener('goldboard-select', (event) => {
  const target = event.target as HTMLElement;
  const { segment, selected } = (event as CustomEvent<{ segment?: string; selected?: boolean }>).detail ?? {};
  if (target.localName !== 'segment-breakdown' || !segment || selected === false || !target.closest('#segments')) return;
  location.hash = '#business';
  showPage(); // now, not at hashchange: the list must be shown to be scrolled to
  const filter = $('#segment-filter');
  filter.scrollIntoView({ block: 'start' });
  filter.focus({ preventScroll: true });
});
