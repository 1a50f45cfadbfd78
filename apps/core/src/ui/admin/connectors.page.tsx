import { formatDate } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import { AdminPage, Csrf } from './admin-layout';
import type { AdminTab } from './admin-layout';
import type { DeadLetterView } from './dead-letters.service';

export type ConnectorRow = {
  id: string;
  name: string;
  type: string;
  active: boolean;
  lastSeen: string;
  flags: string[];
  /** The flags, or Healthy. */
  health: string;
  queued: number;
};

export type WorkRow = {
  id: string;
  name: string;
  connector: string;
  status: string;
  processed: number;
  expected: number;
  updated: string;
  errors: { timestamp: string; message: string }[];
  errorsCount: number;
};

function Progress(props: { processed: number; expected: number }): JSX.Element {
  const label =
    props.expected > 0 ? `${props.processed} / ${props.expected}` : `${props.processed} / ?`;
  return (
    <span class="work-progress">
      <progress
        max={String(Math.max(props.expected, 1))}
        value={String(Math.min(props.processed, Math.max(props.expected, 1)))}
        aria-label={`Processed ${label}`}
      ></progress>
      <span safe>{label}</span>
    </span>
  );
}

/** Connectors with status and last ping, their works with progress and errors, dead letters. */
export function ConnectorsPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  connectors: readonly ConnectorRow[];
  works: readonly WorkRow[];
  deadLetters: readonly DeadLetterView[];
  canReplay: boolean;
  notice?: string | undefined;
}): JSX.Element {
  return (
    <AdminPage chrome={props.chrome} tabs={props.tabs} title="Connectors" notice={props.notice}>
      <div class="table-wrap">
        <table class="data">
          <caption class="visually-hidden">Connectors</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Last ping</th>
              <th scope="col">Health</th>
              <th scope="col">Queued bundles</th>
            </tr>
          </thead>
          <tbody>
            {props.connectors.map((c) => (
              <tr>
                <td safe>{c.name}</td>
                <td safe>{c.type}</td>
                <td>
                  <span class={`badge ${c.active ? 'status-active' : 'status-inactive'}`}>
                    {c.active ? 'Active' : 'Inactive'}
                  </span>
                </td>
                <td safe>{formatDate(c.lastSeen)}</td>
                <td safe>{c.health}</td>
                <td class="num" safe>
                  {String(c.queued)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="works" aria-labelledby="works-title">
        <h2 id="works-title">Recent works</h2>
        {props.works.length === 0 ? <p class="muted">No work yet.</p> : ''}
        <div class="table-wrap">
          <table class="data">
            <caption class="visually-hidden">Works, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Work</th>
                <th scope="col">Connector</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Updated</th>
                <th scope="col">Errors</th>
              </tr>
            </thead>
            <tbody>
              {props.works.map((w) => (
                <tr>
                  <td safe>{w.name}</td>
                  <td safe>{w.connector}</td>
                  <td>
                    <span class={`badge work-${w.status}`} safe>
                      {w.status}
                    </span>
                  </td>
                  <td>
                    <Progress processed={w.processed} expected={w.expected} />
                  </td>
                  <td safe>{formatDate(w.updated)}</td>
                  <td>
                    {w.errorsCount === 0 ? (
                      <span class="muted">None</span>
                    ) : (
                      <details>
                        <summary safe>{`${w.errorsCount} error(s)`}</summary>
                        <ul>
                          {w.errors.map((e) => (
                            <li safe>{`${formatDate(e.timestamp)} ${e.message}`}</li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="dead-letters" aria-labelledby="dead-title">
        <h2 id="dead-title">Dead letters</h2>
        <p class="field-hint">
          Messages that failed for good, with the reason. Replaying puts one back on its queue with
          fresh attempts.
        </p>
        {props.deadLetters.length === 0 ? <p class="muted">No dead letter.</p> : ''}
        <div class="table-wrap" hidden={props.deadLetters.length === 0}>
          <table class="data">
            <caption class="visually-hidden">Dead letters, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Failed</th>
                <th scope="col">Of</th>
                <th scope="col">Queue</th>
                <th scope="col">Attempts</th>
                <th scope="col">Reason</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {props.deadLetters.map((d) => (
                <tr>
                  <td safe>{formatDate(d.failedAt)}</td>
                  <td safe>{d.owner}</td>
                  <td safe>{d.queue}</td>
                  <td class="num" safe>
                    {String(d.attempts)}
                  </td>
                  <td safe>{d.reason}</td>
                  <td>
                    {props.canReplay ? (
                      <form method="post" action="/admin/connectors/replay" hx-boost="false">
                        <Csrf chrome={props.chrome} />
                        <input type="hidden" name="source" value={d.source} />
                        <input type="hidden" name="id" value={d.id} />
                        <button type="submit">Replay</button>
                      </form>
                    ) : (
                      <span class="muted">Needs MODULES_MODMANAGE</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </AdminPage>
  );
}
