import { defineConfig } from 'vite';

// The standalone bundle for script-tag embedding: dist/goldboard.js, self-contained (Lit and D3
// inside), with the Arrow decoder, the exports, the trend's zoom and the filter elements split into chunks that load
// on first use.
export default defineConfig({
  resolve: { conditions: ['source'] },
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
    rolldownOptions: {
      // Lazy chunks (the zoom, the filter elements) share Lit and core with the bundle: they import
      // them from goldboard.js, which may export those bindings too, rather than from a common
      // chunk the bundle itself would then need.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
