import { defineElement } from '../base/define.js';
import { RevenueTrend } from './revenue-trend.component.js';

export { RevenueTrend };
export type { TrendSelectDetail } from './revenue-trend.component.js';
defineElement('revenue-trend', RevenueTrend);

declare global {
  interface HTMLElementTagNameMap {
    'revenue-trend': RevenueTrend;
  }
}
