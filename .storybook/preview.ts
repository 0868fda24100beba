import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
// Generated from the elements' JSDoc (pnpm --filter @goldboard/elements run manifest): the
// properties, events, parts and CSS custom properties in the docs come from the code itself.
import manifest from '../packages/elements/custom-elements.json';
import '@goldboard/elements';

interface Declaration {
  cssParts?: { name: string }[];
  [key: string]: unknown;
}

/**
 * The manifest with each CSS part named as a stylesheet names it, `::part(label)`: Storybook's
 * args table keys its rows by name across attributes, properties, events and parts, so a part
 * named like an attribute (`label`, `segment`, `compare`) would hide that attribute's row.
 */
function docsManifest(source: typeof manifest): typeof manifest {
  return {
    ...source,
    modules: source.modules.map((module) => ({
      ...module,
      declarations: (module.declarations as Declaration[] | undefined)?.map((d) =>
        d.cssParts ? { ...d, cssParts: d.cssParts.map((part) => ({ ...part, name: `::part(${part.name})` })) } : d,
      ),
    })),
  } as typeof manifest;
}

setCustomElementsManifest(docsManifest(manifest));

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
