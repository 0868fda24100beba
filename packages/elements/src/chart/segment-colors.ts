import { SEGMENT_LABELS } from '@goldboard/core';

/**
 * Colours per segment label, stable whatever the order or the cluster ids: the three Gold
 * labels have their own custom property, unknown labels a fallback colour picked by a hash of
 * the label (so the same label has the same colour on every chart of a page).
 */
const KNOWN: Readonly<Record<string, { property: string; fallback: string }>> = {
  [SEGMENT_LABELS[0]]: { property: '--goldboard-segment-high-value', fallback: 'light-dark(#9a6700, #e3b341)' },
  [SEGMENT_LABELS[1]]: { property: '--goldboard-segment-occasional', fallback: 'light-dark(#0969da, #58a6ff)' },
  [SEGMENT_LABELS[2]]: { property: '--goldboard-segment-browsers', fallback: 'light-dark(#6e7781, #8b949e)' },
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

/** The CSS colour of a segment label (a `var(…)` with a themed fallback). */
export function segmentColour(label: string): string {
  const known = KNOWN[label];
  if (known) return `var(${known.property}, ${known.fallback})`;
  return `var(--goldboard-segment-other, ${PALETTE[hash(label) % PALETTE.length]})`;
}

/** Where a segment sorts: the Gold labels in their business order, others after in data order. */
export function segmentOrder(label: string): number {
  const i = (SEGMENT_LABELS as readonly string[]).indexOf(label);
  return i < 0 ? SEGMENT_LABELS.length : i;
}
