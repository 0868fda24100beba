import { defineElement } from '../base/define.js';
import { GoldboardFilter } from './goldboard-filter.component.js';

export { GoldboardFilter };
defineElement('goldboard-filter', GoldboardFilter);

declare global {
  interface HTMLElementTagNameMap {
    'goldboard-filter': GoldboardFilter;
  }
}
