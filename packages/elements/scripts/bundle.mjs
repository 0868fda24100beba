import { transform } from 'lightningcss';

/**
 * Minifies the CSS of Lit's css`…` templates in the bundles (Rolldown leaves template text as
 * written: comments, indentation). lightningcss, already Vite's CSS minifier, does the minifying,
 * without targets, so no rule is rewritten for browsers. A template with `${…}` or a backslash
 * is left as it is.
 */
export function minifyCssTemplates() {
  return {
    name: 'goldboard:minify-css-templates',
    transform(code, id) {
      if (!/\.ts$/.test(id) || !code.includes('css`')) return null;
      let changed = false;
      const out = code.replace(/\bcss`([^`]*)`/g, (whole, text) => {
        if (text.includes('${') || text.includes('\\')) return whole;
        const { code: min } = transform({ filename: id, code: Buffer.from(text), minify: true });
        changed = true;
        return `css\`${min.toString()}\``;
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}

/**
 * What every browser bundle of the elements is built with (the standalone bundles and the
 * bundle-size benchmark's bundles).
 */
export const bundlePlugins = () => [minifyCssTemplates()];
export const bundleRolldownOptions = {
  // Lazy chunks (the zoom, the filter elements) share Lit and core with the bundle: they import
  // them from goldboard.js, which may export those bindings too, rather than from a common
  // chunk the bundle itself would then need.
  preserveEntrySignatures: 'allow-extension',
  treeshake: {
    // d3-array is one module whose top level builds bisectors we never use (`bisector(…)`,
    // then `.left`/`.right` read from the result): both are free of side effects.
    manualPureFunctions: ['bisector', 'Blur2', 'shuffler'],
    propertyReadSideEffects: false,
  },
  output: {
    minify: true,
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
};
