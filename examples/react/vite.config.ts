import { defineConfig } from 'vite';

// React's JSX through Vite's own transform (no plugin needed for a production build).
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { target: 'es2022' },
});
