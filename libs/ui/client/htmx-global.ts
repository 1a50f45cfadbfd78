// htmx as a global: its extensions (sse) register themselves on `window.htmx` when loaded.
import htmx from 'htmx.org';

declare global {
  interface Window {
    htmx: typeof htmx;
  }
}

window.htmx = htmx;
export { htmx };
