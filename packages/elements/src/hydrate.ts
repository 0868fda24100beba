/**
 * Hydration of server-rendered elements: import this before the elements (it loads Lit's
 * hydration support, which must run before Lit). An element rendered on the server takes over
 * its Declarative Shadow DOM, drawn from the data sent with it, without a request.
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { GoldElement } from './base/gold-element.js';
import { takeSnapshot } from './base/snapshot.js';

GoldElement.readSnapshot = takeSnapshot;
