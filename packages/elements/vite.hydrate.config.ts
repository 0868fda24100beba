import { defineConfig } from 'vite';
import base from './vite.config.js';

// dist/goldboard-hydrate.js: the standalone bundle with Lit's hydration support, for pages whose
// elements were rendered on the server. A build of its own, so dist/goldboard.js stays one file.
export default defineConfig({
  ...base,
  build: {
    ...base.build,
    lib: { entry: 'src/goldboard-hydrate.ts', formats: ['es'], fileName: () => 'goldboard-hydrate.js' },
  },
});
