/**
 * Hydration of server-rendered elements: import this before the elements (it loads Lit's
 * hydration support, which must run before Lit). An element rendered on the server takes over
 * its Declarative Shadow DOM, drawn from the data sent with it, without a request.
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { GoldElement } from './base/gold-element.js';
import { takeSnapshot } from './base/snapshot.js';
import { filterFromAddress } from './filter/address.js';

GoldElement.readSnapshot = takeSnapshot;
// The range or segment a filter with `history` reads from the address is its source's before
// any element is defined: an element drawn by the server for it then takes over the same request.
if (typeof document !== 'undefined') document.querySelectorAll('goldboard-date-range[history], goldboard-filter[history]').forEach(filterFromAddress);
