import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './App.js';

// Server-rendered HTML (see entry-server.tsx) is hydrated; otherwise the page renders here.
const root = document.getElementById('root')!;
if (root.firstElementChild) hydrateRoot(root, <App />);
else createRoot(root).render(<App />);
