import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './App.js';

// With `?late`, the tags are defined only after the first render (or after hydration), as a lazy
// import would: the elements then take the properties and listeners React set before.
const late = new URLSearchParams(location.search).has('late');
if (!late) await import('@goldboard/elements');

/** With `?late`: defines the tags once React has committed its first render. */
async function defineLate() {
  (window as { goldboardDefinedAfterRender?: boolean }).goldboardDefinedAfterRender = !!document.querySelector('kpi-card') && !customElements.get('kpi-card');
  await import('@goldboard/elements');
}

// Server-rendered HTML (see entry-server.tsx) is hydrated; otherwise the page renders here.
const root = document.getElementById('root')!;
const app = <App onMounted={late ? defineLate : undefined} />;
if (root.firstElementChild) hydrateRoot(root, app, { onRecoverableError: (error) => console.error('hydration:', error) });
else createRoot(root).render(app);
