import { defineElement } from '../base/define.js';
import { SegmentBreakdown } from './segment-breakdown.component.js';

export { SegmentBreakdown };
export type { SegmentSelectDetail } from './segment-breakdown.component.js';
defineElement('segment-breakdown', SegmentBreakdown);

declare global {
  interface HTMLElementTagNameMap {
    'segment-breakdown': SegmentBreakdown;
  }
}
