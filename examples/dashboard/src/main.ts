// The reference dashboard's entry. A page served rendered on the server arrives drawn: it is
// painted first, and the dashboard's code (the elements taking over their markup, the pages,
// printing) is evaluated after that first frame rather than before it. A page that is not
// rendered loads it at once. The code is preloaded with the page either way.
// Lit's hydration support comes first, before Lit itself (in this chunk, so before the code that
// the dashboard loads next).
import '@goldboard/elements/hydrate.js';

const rendered = document.querySelector('script[data-goldboard-snapshot]') !== null;
// A page not shown (a background tab, a prerendered page) gets no frame until it is: load at once.
const waitsForFrame = rendered && document.visibilityState === 'visible';
const firstFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
(waitsForFrame ? firstFrame() : Promise.resolve())
  .then(() => import('./dashboard-app.js'))
  .catch((error: unknown) => {
    // The page stays as it was drawn, without its interactions: say why.
    console.error(`The dashboard's code could not be loaded: ${(error as Error)?.message ?? error}`);
  });
