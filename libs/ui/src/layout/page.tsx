import type { Children } from '@kitajs/html';
import type { UiAssets } from '../assets/ui-assets';
import { AREAS } from '../navigation/areas.constants';

export type Theme = 'system' | 'light' | 'dark';

/** Who is looking, as the shell shows him. */
export type Viewer = {
  name: string;
  /** Sees the admin console's entry. */
  admin: boolean;
};

/** What every page of the signed-in UI is rendered with. */
export type Chrome = {
  assets: UiAssets;
  viewer: Viewer;
  csrfToken: string;
  theme: Theme;
  /** The current path, to mark the navigation entry. */
  path: string;
};

/** The tab icon: inline in every page (img-src allows data:), served at /favicon.ico for the rest. */
export const FAVICON_SVG =
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><circle cx='8' cy='8' r='7' " +
  "fill='#1f5fbf'/><path d='M4 8h8M8 4v8' stroke='white' stroke-width='2'/></svg>";
const FAVICON = `data:image/svg+xml,${encodeURIComponent(FAVICON_SVG)}`;

const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
  // Settling copies old attribute values onto swapped elements; a style attribute copied that way
  // is an inline style the CSP refuses.
  attributesToSettle: ['class', 'width', 'height'],
  // New content is wired up in the task that swaps it in, not 20 ms later: a boosted navigation
  // changes the address before the swap, and a keystroke in that gap would otherwise be lost
  // (the field's trigger not yet bound). No style here animates on settling.
  defaultSettleDelay: 0,
});

/** The document around every page: head (assets), skip link, top bar, navigation, content. */
export function Document(props: {
  title: string;
  assets: UiAssets;
  theme: Theme;
  csrfToken?: string;
  children: Children;
}): JSX.Element {
  return (
    <>
      {'<!doctype html>'}
      <html lang="en" data-theme={props.theme}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${props.title} · Threatloom`}</title>
          <meta name="htmx-config" content={HTMX_CONFIG} />
          {props.csrfToken ? <meta name="csrf-token" content={props.csrfToken} /> : ''}
          <link rel="icon" href={FAVICON} />
          <link rel="stylesheet" href={props.assets.url('app.css')} />
          <script type="module" src={props.assets.url('app.js')}></script>
        </head>
        <body hx-boost="true">
          <a class="skip-link" href="#content">
            Skip to content
          </a>
          {props.children}
        </body>
      </html>
    </>
  );
}

function isCurrent(path: string, href: string): boolean {
  return path === href || path.startsWith(`${href}/`);
}

function NavLink(props: { href: string; path: string; children: Children }): JSX.Element {
  return (
    <li>
      <a href={props.href} aria-current={isCurrent(props.path, props.href) ? 'page' : undefined}>
        {props.children}
      </a>
    </li>
  );
}

function Sidebar(props: { path: string; admin: boolean }): JSX.Element {
  return (
    <aside class="sidebar" id="sidebar">
      <nav aria-label="Main">
        <ul>
          <NavLink href="/dashboard" path={props.path}>
            Dashboard
          </NavLink>
        </ul>
        {AREAS.map((area) => (
          <section>
            <h2 safe>{area.label}</h2>
            <ul>
              {area.lists.map((l) => (
                <NavLink href={`/${area.slug}/${l.slug}`} path={props.path}>
                  <span safe>{l.label}</span>
                </NavLink>
              ))}
            </ul>
          </section>
        ))}
        <h2>Data</h2>
        <ul>
          <NavLink href="/data/import" path={props.path}>
            Import
          </NavLink>
        </ul>
        {props.admin ? (
          <>
            <h2>Administration</h2>
            <ul>
              <NavLink href="/admin" path={props.path}>
                Admin console
              </NavLink>
            </ul>
          </>
        ) : (
          ''
        )}
      </nav>
    </aside>
  );
}

/** A page of the signed-in UI. */
export function Page(props: { title: string; chrome: Chrome; children: Children }): JSX.Element {
  const { chrome } = props;
  return (
    <Document
      title={props.title}
      assets={chrome.assets}
      theme={chrome.theme}
      csrfToken={chrome.csrfToken}
    >
      <header class="topbar">
        <button
          type="button"
          class="nav-toggle"
          data-nav-toggle
          aria-controls="sidebar"
          aria-expanded="false"
        >
          Menu
        </button>
        <a class="brand" href="/dashboard">
          Threat<span>loom</span>
        </a>
        <form class="search" role="search" action="/search" method="get">
          <label class="visually-hidden" for="global-search">
            Search the knowledge
          </label>
          <input
            id="global-search"
            type="search"
            name="q"
            placeholder="Search (press /)"
            autocomplete="off"
          />
        </form>
        <div class="user">
          <button type="button" data-theme-toggle aria-label={`Theme: ${chrome.theme} (change)`}>
            ◐
          </button>
          <span safe>{chrome.viewer.name}</span>
          <form method="post" action="/auth/logout" hx-boost="false">
            <input type="hidden" name="_csrf" value={chrome.csrfToken} />
            <input type="hidden" name="redirect" value="/login" />
            <button type="submit">Sign out</button>
          </form>
        </div>
      </header>
      <div class="shell">
        <Sidebar path={chrome.path} admin={chrome.viewer.admin} />
        <main id="content" tabindex="-1">
          <p id="status" class="notice error" role="alert" hidden></p>
          {props.children}
        </main>
      </div>
    </Document>
  );
}
