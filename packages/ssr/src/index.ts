/**
 * @goldboard/ssr: Goldboard's elements rendered on the server, to the view their data gives, as
 * Declarative Shadow DOM with the data the browser hydrates them from (no second request).
 * Pages load `goldboard-hydrate.js` (the standalone bundle with Lit's hydration support).
 */
export { renderElement, styleHashes, styleText, FILTER_ELEMENTS, RENDERED_ELEMENTS, type FilterElement, type RenderOptions, type RenderedElement, type RenderedHtml } from './render-element.js';
export { escapeAttribute, escapeHtml, jsonForScript } from './escape.js';
export {
  EMBEDDED_ELEMENTS,
  EmbedError,
  EMBED_CSS,
  EMBED_HOST_JS,
  EMBED_JS,
  embedAttributes,
  embedCsp,
  embedFragment,
  embedPage,
  frameSize,
  oembedAnswer,
  parseEmbedRequest,
  renderEmbed,
  sizeParam,
  type EmbeddedElement,
  type EmbedRequest,
  type EmbedUrls,
  type OEmbedAnswer,
} from './embed.js';
export { frameHeight } from './frame-height.js';
export { parseAttributes, renderPage, type PageRenderOptions, type RenderedPage } from './render-page.js';
