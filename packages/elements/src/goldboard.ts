/**
 * The standalone bundle (`dist/goldboard.js`): one script tag defines every element and brings
 * the built-in adapters; the Arrow decoder is a chunk loaded only when Arrow data arrives. What
 * it exports is `standalone.ts`, which Node imports unbundled (the package's `node` condition),
 * with Lit's server build, instead of this bundle made for browsers.
 */
export * from './standalone.js';
