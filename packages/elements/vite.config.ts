import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { bundlePlugins, bundleRolldownOptions } from './scripts/bundle.mjs';

/**
 * In dist/goldboard.js, the trend's drawing code is a chunk fetched with a trend's first data:
 * `drawing-lazy.ts` takes the place of `drawing.ts` (every other build imports it with the element).
 */
function lazyTrendDrawing(): Plugin {
  const lazy = fileURLToPath(new URL('src/revenue-trend/drawing-lazy.ts', import.meta.url));
  return {
    name: 'goldboard:lazy-trend-drawing',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === './drawing.js' && importer?.endsWith('revenue-trend.component.ts') ? lazy : null;
    },
  };
}

// The standalone bundle for script-tag embedding: dist/goldboard.js, self-contained (Lit and D3
// inside), with the Arrow decoder, the exports, the trend's drawing code and zoom and the filter
// elements split into chunks that load on first use.
export default defineConfig({
  resolve: { conditions: ['source'] },
  plugins: [...bundlePlugins(), lazyTrendDrawing()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    // Maps for local debugging, not referenced from the bundle nor published: their sources are
    // Lit's and D3's files in this machine's node_modules.
    sourcemap: 'hidden',
    target: 'es2022',
    lib: {
      entry: 'src/goldboard.ts',
      formats: ['es'],
      fileName: () => 'goldboard.js',
    },
    rolldownOptions: bundleRolldownOptions,
  },
});
