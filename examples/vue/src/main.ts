import { createApp } from 'vue';
import App from './App.vue';

// With `?late`, the tags are defined only after the first render (as a lazy import would):
// the elements then take the properties and listeners Vue set before.
const late = new URLSearchParams(location.search).has('late');
if (!late) await import('@goldboard/elements');
createApp(App).mount('#app');
if (late) {
  (window as { goldboardDefinedAfterRender?: boolean }).goldboardDefinedAfterRender = !!document.querySelector('kpi-card') && !customElements.get('kpi-card');
  await import('@goldboard/elements');
}
