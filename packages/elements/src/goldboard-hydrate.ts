/**
 * The standalone bundle for pages rendered on the server (`dist/goldboard-hydrate.js`): Lit's
 * hydration support first, then every element, which takes over the markup the server drew
 * (Declarative Shadow DOM) from the data sent with it, without a request.
 */
import './hydrate.js';
export * from './goldboard.js';
