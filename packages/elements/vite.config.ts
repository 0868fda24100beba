import { defineConfig } from 'vite';

// The standalone bundle for script-tag embedding: dist/goldboard.js, self-contained (Lit and D3
// inside), with the Arrow decoder split into a chunk that loads on first use.
export default defineConfig({
  resolve: { conditions: ['source'] },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    target: 'es2022',
    lib: {
      entry: 'src/goldboard.ts',
      formats: ['es'],
      fileName: () => 'goldboard.js',
    },
    rolldownOptions: {
      output: {
        minify: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
