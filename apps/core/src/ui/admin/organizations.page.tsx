import { formatDate } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import type { FormProblem } from './admin-form.util';
import { AdminTable } from './admin-fields';
import { AdminPage, Csrf, ProblemNotice, TextField } from './admin-layout';
import type { AdminTab } from './admin-layout';

export type OrganizationRow = {
  id: string;
  name: string;
  description: string;
  members: number;
  created: string;
};

/** Organizations (knowledge Identities) with their member counts, and a create form. */
export function OrganizationsPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  rows: readonly OrganizationRow[];
  platformOrganization?: string | undefined;
  canCreate: boolean;
  values: { name: string; description: string };
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}): JSX.Element {
  return (
    <AdminPage chrome={props.chrome} tabs={props.tabs} title="Organizations" notice={props.notice}>
      <AdminTable caption="Organizations" columns={['Name', 'Description', 'Users', 'Created']}>
        {props.rows.map((o) => (
          <tr>
            <td>
              <a href={`/entity/${encodeURIComponent(o.id)}`} safe>
                {o.name}
              </a>
              {o.id === props.platformOrganization ? (
                <span class="badge">Platform organization</span>
              ) : (
                ''
              )}
            </td>
            <td safe>{o.description || '—'}</td>
            <td class="num" safe>
              {String(o.members)}
            </td>
            <td safe>{formatDate(o.created)}</td>
          </tr>
        ))}
      </AdminTable>
      {props.rows.length === 0 ? <p class="muted">No organization yet.</p> : ''}
      {props.canCreate ? (
        <section class="card" aria-labelledby="new-org">
          <h2 id="new-org">New organization</h2>
          <ProblemNotice problem={props.problem} />
          <form
            method="post"
            action="/admin/organizations"
            hx-boost="false"
            class="admin-form"
            novalidate
          >
            <Csrf chrome={props.chrome} />
            <div class="form-grid">
              <TextField name="name" label="Name" value={props.values.name} required />
              <TextField name="description" label="Description" value={props.values.description} />
            </div>
            <div class="form-actions">
              <button type="submit" class="primary">
                Create organization
              </button>
            </div>
          </form>
        </section>
      ) : (
        <p class="muted">Creating an organization also needs the KNOWLEDGE_KNUPDATE capability.</p>
      )}
    </AdminPage>
  );
}
