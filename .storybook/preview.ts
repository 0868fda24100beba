import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
// Generated from the elements' JSDoc (pnpm --filter @goldboard/elements run manifest): the
// properties, events, parts and CSS custom properties in the docs come from the code itself.
import manifest from '../packages/elements/custom-elements.json';
import '@goldboard/elements';

setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
