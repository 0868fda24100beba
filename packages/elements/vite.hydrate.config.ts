import { defineConfig } from 'vite';
import base from './vite.config.js';
import { bundlePlugins } from './scripts/bundle.mjs';

// dist/goldboard-hydrate.js: the standalone bundle with Lit's hydration support, for pages whose
// elements were rendered on the server. A build of its own, so dist/goldboard.js stays one file.
// Hydration draws a server-rendered trend in its first update: its drawing code is in the bundle.
export default defineConfig({
  ...base,
  plugins: bundlePlugins(),
  build: {
    ...base.build,
    lib: { entry: 'src/goldboard-hydrate.ts', formats: ['es'], fileName: () => 'goldboard-hydrate.js' },
  },
});
