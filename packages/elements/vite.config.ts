import { defineConfig } from 'vite';
import { bundlePlugins, bundleRolldownOptions } from './scripts/bundle.mjs';

// The standalone bundle for script-tag embedding: dist/goldboard.js, self-contained (Lit and D3
// inside), with the Arrow decoder, the exports, the trend's zoom and the filter elements split into chunks that load
// on first use.
export default defineConfig({
  resolve: { conditions: ['source'] },
  plugins: bundlePlugins(),
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
