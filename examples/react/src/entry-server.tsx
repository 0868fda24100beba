import { renderToString } from 'react-dom/server';
import { App } from './App.js';

/** The page as HTML, for a server to put in `#root` before the client hydrates it. */
export function render(): string {
  return renderToString(<App />);
}
