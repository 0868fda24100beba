import { defineElement } from '../base/define.js';
import { TopList } from './top-list.component.js';

export { TopList };
export type { TopSelectDetail } from './top-list.component.js';
defineElement('top-list', TopList);

declare global {
  interface HTMLElementTagNameMap {
    'top-list': TopList;
  }
}
