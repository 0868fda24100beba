import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // A Docs page per element (the `autodocs` tag in preview.ts): its JSDoc description and the
  // attributes, properties, events, slots, CSS parts and custom properties of custom-elements.json.
  addons: ['@storybook/addon-docs'],
  // The test fixtures are small Gold files: stories read them like a page reads a Gold folder.
  staticDirs: [{ from: '../test/fixtures/gold', to: '/gold' }],
  core: { disableTelemetry: true },
  async viteFinal(config) {
    // Read the workspace packages from their TypeScript sources.
    config.resolve ??= {};
    config.resolve.conditions = ['source', ...(config.resolve.conditions ?? ['module', 'browser', 'development|production'])];
    return config;
  },
};

export default config;
