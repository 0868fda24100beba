import { defineElement } from '../base/define.js';
import { GoldboardDateRange } from './goldboard-date-range.component.js';

export { GoldboardDateRange };
defineElement('goldboard-date-range', GoldboardDateRange);

declare global {
  interface HTMLElementTagNameMap {
    'goldboard-date-range': GoldboardDateRange;
  }
}
