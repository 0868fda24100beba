import { defineElement } from '../base/define.js';
import { GoldboardInsight } from './goldboard-insight.component.js';

export { GoldboardInsight };
defineElement('goldboard-insight', GoldboardInsight);

declare global {
  interface HTMLElementTagNameMap {
    'goldboard-insight': GoldboardInsight;
  }
}
