import { unsafeCSS } from 'lit';
import { SEGMENT_LABELS } from '@goldboard/core';

/**
 * Colours per segment label, stable whatever the order or the cluster ids: the three Gold
 * labels have their own custom property, unknown labels a fallback colour picked by a hash of
 * the label (so the same label has the same colour on every chart of a page). A row or slice
 * takes its colour from a class (`segmentColourClass`) that sets `--_bar`: a class is part of
 * the markup, so a chart rendered on the server is coloured with JavaScript off, and under a
 * Content-Security-Policy that refuses style attributes.
 */
const KNOWN: Readonly<Record<string, { name: string; property: string; fallback: string }>> = {
  [SEGMENT_LABELS[0]]: { name: 'high-value', property: '--goldboard-segment-high-value', fallback: 'light-dark(#9a6700, #e3b341)' },
  [SEGMENT_LABELS[1]]: { name: 'occasional', property: '--goldboard-segment-occasional', fallback: 'light-dark(#0969da, #58a6ff)' },
  [SEGMENT_LABELS[2]]: { name: 'browsers', property: '--goldboard-segment-browsers', fallback: 'light-dark(#6e7781, #8b949e)' },
};

const PALETTE = [
  'light-dark(#8250df, #bc8cff)',
  'light-dark(#1a7f37, #3fb950)',
  'light-dark(#bc4c00, #f0883e)',
  'light-dark(#bf3989, #f778ba)',
  'light-dark(#0a7f8c, #39c5cf)',
  'light-dark(#57606a, #c9d1d9)',
];

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The class that colours a segment label's row or slice (`segmentColourStyles` defines them). */
export function segmentColourClass(label: string): string {
  const known = KNOWN[label];
  return known ? `segment-${known.name}` : `segment-other-${hash(label) % PALETTE.length}`;
}

/** The classes of `segmentColourClass`, each setting `--_bar` to the segment's colour: its custom property, else the themed fallback. */
export const segmentColourStyles = unsafeCSS(
  [
    ...Object.values(KNOWN).map((k) => `.segment-${k.name} { --_bar: var(${k.property}, ${k.fallback}); }`),
    ...PALETTE.map((colour, i) => `.segment-other-${i} { --_bar: var(--goldboard-segment-other, ${colour}); }`),
  ].join('\n'),
);

/** Where a segment sorts: the Gold labels in their business order, others after in data order. */
export function segmentOrder(label: string): number {
  const i = (SEGMENT_LABELS as readonly string[]).indexOf(label);
  return i < 0 ? SEGMENT_LABELS.length : i;
}
