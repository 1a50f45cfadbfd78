import { Pager, formatDate } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import { AdminPage } from './admin-layout';
import type { AdminTab } from './admin-layout';

export type AuditRow = {
  timestamp: string;
  user: string;
  type: string;
  scope: string;
  status: string;
  target: string;
  detail: string;
};

export type AuditFilters = {
  user: string;
  type: string;
  scope: string;
  from: string;
  to: string;
};

export const AUDIT_TYPES = ['authentication', 'read', 'mutation', 'file', 'command'];
export const AUDIT_SCOPES = [
  'login',
  'logout',
  'login_failed',
  'permission_denied',
  'create',
  'update',
  'merge',
  'delete',
  'export',
  'import',
  'file_download',
  'file_upload',
];

function Select(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
}): JSX.Element {
  return (
    <div class="filter">
      <label for={props.id} safe>
        {props.label}
      </label>
      <select id={props.id} name={props.name}>
        <option value="">Any</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The audit log: filters by user, type, scope and dates; newest first; pages. */
export function AuditPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  filters: AuditFilters;
  users: readonly { value: string; label: string }[];
  rows: readonly AuditRow[];
  offset: number;
  total: number;
  firstHref?: string | undefined;
  nextHref?: string | undefined;
  retentionDays: number;
}): JSX.Element {
  const f = props.filters;
  const asOptions = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
  const retention =
    props.retentionDays > 0
      ? `Entries are kept ${props.retentionDays} days.`
      : 'Entries are kept forever.';
  return (
    <AdminPage chrome={props.chrome} tabs={props.tabs} title="Audit log">
      <p class="muted" safe>
        {retention}
      </p>
      <form class="filters" method="get" action="/admin/audit" role="search" aria-label="Audit log">
        <Select id="audit-user" name="user" label="User" value={f.user} options={props.users} />
        <Select
          id="audit-type"
          name="type"
          label="Type"
          value={f.type}
          options={asOptions(AUDIT_TYPES)}
        />
        <Select
          id="audit-scope"
          name="scope"
          label="Event"
          value={f.scope}
          options={asOptions(AUDIT_SCOPES)}
        />
        <div class="filter">
          <label for="audit-from">From (UTC)</label>
          <input id="audit-from" type="date" name="from" value={f.from} />
        </div>
        <div class="filter">
          <label for="audit-to">To (UTC, inclusive)</label>
          <input id="audit-to" type="date" name="to" value={f.to} />
        </div>
        <button type="submit">Apply</button>
      </form>
      <div class="table-wrap">
        <table class="data audit">
          <caption class="visually-hidden">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">User</th>
              <th scope="col">Type</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">About</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td safe>{formatDate(r.timestamp)}</td>
                <td safe>{r.user}</td>
                <td safe>{r.type}</td>
                <td safe>{r.scope}</td>
                <td>
                  <span class={`badge status-${r.status}`} safe>
                    {r.status}
                  </span>
                </td>
                <td safe>{r.target}</td>
                <td class="detail" safe>
                  {r.detail}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.rows.length === 0 ? <p class="muted">No entry matches.</p> : ''}
      <Pager
        shown={props.rows.length}
        offset={props.offset}
        total={props.total}
        firstHref={props.firstHref}
        nextHref={props.nextHref}
      />
    </AdminPage>
  );
}
