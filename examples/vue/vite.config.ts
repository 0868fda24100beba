import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Goldboard's tags are custom elements, not Vue components.
export default defineConfig({
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.includes('-') } } })],
  build: { target: 'es2022' },
});
