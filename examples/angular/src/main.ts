import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app';

// With `?late`, the tags are defined only after the first render (as a lazy import would):
// the elements then take the properties and listeners Angular set before.
const late = new URLSearchParams(location.search).has('late');
const define = () => import('@goldboard/elements');

(late ? Promise.resolve() : define())
  .then(() => bootstrapApplication(App, { providers: [provideZonelessChangeDetection()] }))
  .then((app) => {
    if (!late) return;
    // The first render is done once the application is stable.
    return app.whenStable().then(() => {
      (window as { goldboardDefinedAfterRender?: boolean }).goldboardDefinedAfterRender = !!document.querySelector('kpi-card') && !customElements.get('kpi-card');
      return define();
    });
  })
  .catch((error: unknown) => console.error(error));
