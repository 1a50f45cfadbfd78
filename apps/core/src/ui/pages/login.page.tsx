import { Document } from '@lib/ui';
import type { Theme, UiAssets } from '@lib/ui';

export type SsoButton = { label: string; url: string };

/** The sign-in form (local accounts) and one button per single sign-on provider. */
export function LoginPage(props: {
  assets: UiAssets;
  theme: Theme;
  csrfToken: string;
  redirect: string;
  error?: string | undefined;
  email?: string | undefined;
  sso: readonly SsoButton[];
}): JSX.Element {
  return (
    <Document title="Sign in" assets={props.assets} theme={props.theme}>
      <main id="content" class="login">
        <h1>
          Threat<span class="muted">loom</span>
        </h1>
        <section class="card" aria-labelledby="login-title">
          <h2 id="login-title">Sign in</h2>
          {props.error ? (
            <p class="notice error" role="alert" safe>
              {props.error}
            </p>
          ) : (
            ''
          )}
          <form method="post" action="/login" hx-boost="false">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="redirect" value={props.redirect} />
            <label for="email">Email</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="username"
              required
              autofocus
              value={props.email ?? ''}
            />
            <label for="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
            />
            <button class="primary" type="submit">
              Sign in
            </button>
          </form>
          {props.sso.length > 0 ? (
            <div class="sso" aria-label="Single sign-on">
              <p class="muted">Or sign in with</p>
              {props.sso.map((provider) => (
                <a class="button" href={provider.url} safe>
                  {provider.label}
                </a>
              ))}
            </div>
          ) : (
            ''
          )}
        </section>
      </main>
    </Document>
  );
}
