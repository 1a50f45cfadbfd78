// The one script every page loads (a module, no inline code: the CSP forbids it). htmx does the
// partial updates and forms; page modules (graph, charts…) load on demand for the elements
// that name them in `data-module`.
import { htmx } from './htmx-global';
import 'htmx-ext-sse';
import { bindThemeToggle } from './theme';
import { bindShortcuts } from './shortcuts';
import { loadModules } from './modules';
import './visual-modules';

function csrfToken(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
}

// Every htmx request that changes something carries the page's CSRF token.
document.body.addEventListener('htmx:configRequest', (event) => {
  const detail = (event as CustomEvent<{ headers: Record<string, string>; verb: string }>).detail;
  const token = csrfToken();
  if (token && detail.verb !== 'get') {
    detail.headers['x-csrf-token'] = token;
  }
});

// A failed htmx request says so in the page's status region instead of failing silently.
document.body.addEventListener('htmx:responseError', (event) => {
  const xhr = (event as CustomEvent<{ xhr: XMLHttpRequest }>).detail.xhr;
  const status = document.getElementById('status');
  if (status) {
    status.textContent = `Request failed (${xhr.status}): ${xhr.statusText || 'error'}`;
    status.hidden = false;
  }
});

// With scripts, the side navigation of small screens folds behind the Menu button.
document.documentElement.classList.add('js');
document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest<HTMLElement>('[data-nav-toggle]');
  if (!button) return;
  const open = document.getElementById('sidebar')?.classList.toggle('open') ?? false;
  button.setAttribute('aria-expanded', String(open));
});

bindThemeToggle();
bindShortcuts();
loadModules(document.body);
document.body.addEventListener('htmx:load', (event) => {
  loadModules((event as CustomEvent<{ elt: HTMLElement }>).detail.elt);
});
htmx.process(document.body);
