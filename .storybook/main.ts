import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
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
