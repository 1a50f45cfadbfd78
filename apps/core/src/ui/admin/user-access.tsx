import { formatDate } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import type { AdminTab } from './admin-layout';
import { AdminPage, Csrf } from './admin-layout';
import type { UserAccessView } from './user-access.util';

const userHref = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

/** The user page's API token and sessions: rotate the token, end sessions. */
export function UserAccessSection(props: { chrome: Chrome; access: UserAccessView }): JSX.Element {
  const { access } = props;
  const base = userHref(access.userId);
  const tokenState = access.hasToken ? 'The user has an API token.' : 'The user has no API token.';
  const named = access.namedTokens
    .map((t) => (t.expiresAt ? `${t.name} (until ${formatDate(t.expiresAt)})` : t.name))
    .join(', ');
  return (
    <section class="card user-access" aria-labelledby="user-access-title">
      <h2 id="user-access-title">API token and sessions</h2>
      <p id="token-state">{tokenState}</p>
      {named ? <p safe>{`Named tokens: ${named}.`}</p> : ''}
      <form method="post" action={`${base}/token`} hx-boost="false">
        <Csrf chrome={props.chrome} />
        <p class="field-hint" id="rotate-hint">
          A new token replaces the current one at once (scripts using it stop working). It is shown
          once.
        </p>
        <button type="submit" aria-describedby="rotate-hint">
          Rotate the API token
        </button>
      </form>
      <h3>Sessions</h3>
      {access.sessions.length === 0 ? (
        <p id="no-sessions">No live session.</p>
      ) : (
        <>
          <div class="table-wrap">
            <table class="data" id="user-sessions">
              <caption class="visually-hidden">Live sessions</caption>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">Signed in</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {access.sessions.map((s) => (
                  <tr>
                    <td>
                      <code safe>{s.id.slice(0, 12)}</code>
                      {s.current ? ' (yours, this browser)' : ''}
                    </td>
                    <td safe>{formatDate(s.created)}</td>
                    <td safe>{formatDate(s.expires)}</td>
                    <td>
                      <form
                        method="post"
                        action={`${base}/sessions/${encodeURIComponent(s.id)}/end`}
                        hx-boost="false"
                      >
                        <Csrf chrome={props.chrome} />
                        <button type="submit" aria-label={`End session ${s.id.slice(0, 12)}`}>
                          End
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="post" action={`${base}/sessions/end`} hx-boost="false">
            <Csrf chrome={props.chrome} />
            <button type="submit" class="danger">
              End all sessions
            </button>
          </form>
        </>
      )}
    </section>
  );
}

/** The new token, shown once after a rotation. */
export function TokenShownPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  userId: string;
  userName: string;
  token: string;
}): JSX.Element {
  return (
    <AdminPage chrome={props.chrome} tabs={props.tabs} title={`New API token of ${props.userName}`}>
      <div class="card">
        <p class="notice ok" role="status">
          The token was rotated: the previous one no longer works.
        </p>
        <label for="new-token">The new token (copy it now: it is not shown again)</label>
        <input id="new-token" readonly value={props.token} class="token-once" />
        <p>
          <a class="button" href={userHref(props.userId)}>
            Back to the user
          </a>
        </p>
      </div>
    </AdminPage>
  );
}
