import { defineElement } from '../base/define.js';
import { GoldboardSource } from './goldboard-source.component.js';

export { GoldboardSource };
defineElement('goldboard-source', GoldboardSource);

declare global {
  interface HTMLElementTagNameMap {
    'goldboard-source': GoldboardSource;
  }
}
