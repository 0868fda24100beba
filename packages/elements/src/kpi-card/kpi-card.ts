import { defineElement } from '../base/define.js';
import { KpiCard } from './kpi-card.component.js';

export { KpiCard };
defineElement('kpi-card', KpiCard);

declare global {
  interface HTMLElementTagNameMap {
    'kpi-card': KpiCard;
  }
}
