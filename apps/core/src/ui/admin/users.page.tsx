import { Pager, formatDate } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import type { FormProblem } from './admin-form.util';
import {
  AdminTable,
  CheckBox,
  deleteAction,
  EditForm,
  FormButtons,
  newAction,
} from './admin-fields';
import { AdminPage, CheckList, TextField } from './admin-layout';
import type { AdminTab, Choice } from './admin-layout';
import { UserAccessSection } from './user-access';
import type { UserAccessView } from './user-access.util';

export type UserRow = {
  id: string;
  name: string;
  email: string;
  status: string;
  groups: string[];
  organizations: string[];
  created?: string | undefined;
};

/** The users list: search, rows, pager. */
export function UsersPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  rows: readonly UserRow[];
  search: string;
  offset: number;
  total: number;
  nextHref?: string | undefined;
  notice?: string | undefined;
}): JSX.Element {
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title="Users"
      notice={props.notice}
      actions={newAction('/admin/users/new', 'New user')}
    >
      <form class="filters" method="get" action="/admin/users" role="search" aria-label="Users">
        <div class="filter">
          <label for="users-search">Search</label>
          <input id="users-search" type="search" name="search" value={props.search} />
        </div>
        <button type="submit">Apply</button>
      </form>
      <AdminTable
        caption="Users"
        columns={['Name', 'Email', 'Status', 'Groups', 'Organizations', 'Created']}
      >
        {props.rows.map((u) => (
          <tr>
            <td>
              <a href={`/admin/users/${encodeURIComponent(u.id)}`} safe>
                {u.name}
              </a>
            </td>
            <td safe>{u.email}</td>
            <td>
              <span class={`badge status-${u.status.toLowerCase()}`} safe>
                {u.status}
              </span>
            </td>
            <td safe>{u.groups.join(', ') || '—'}</td>
            <td safe>{u.organizations.join(', ') || '—'}</td>
            <td safe>{formatDate(u.created)}</td>
          </tr>
        ))}
      </AdminTable>
      <Pager
        shown={props.rows.length}
        offset={props.offset}
        total={props.total}
        firstHref={props.offset > 0 ? '/admin/users' : undefined}
        nextHref={props.nextHref}
      />
    </AdminPage>
  );
}

/** What the user form shows (the stored user, or what was posted when it was refused). */
export type UserFormValues = {
  name: string;
  email: string;
  disabled: boolean;
  groups: Choice[];
  organizations: Choice[];
};

/** Creating (no id) or editing a user. */
export function UserFormPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  id?: string | undefined;
  values: UserFormValues;
  policy: string[];
  problem?: FormProblem | undefined;
  notice?: string | undefined;
  /** An existing user's API token and sessions. */
  access?: UserAccessView | undefined;
}): JSX.Element {
  const { id, values } = props;
  const action = id ? `/admin/users/${encodeURIComponent(id)}` : '/admin/users';
  const policyHint =
    props.policy.length > 0 ? `Password policy: ${props.policy.join('; ')}.` : undefined;
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title={id ? `User ${values.name}` : 'New user'}
      notice={props.notice}
      actions={deleteAction(id, action)}
    >
      <EditForm chrome={props.chrome} action={action} problem={props.problem}>
        <div class="form-grid">
          <TextField name="name" label="Name" value={values.name} required />
          {id ? (
            <div>
              <p class="label-like">Email</p>
              <p safe>{values.email}</p>
            </div>
          ) : (
            <TextField name="user_email" label="Email" type="email" value={values.email} required />
          )}
          <TextField
            name="password"
            label={id ? 'New password (leave blank to keep)' : 'Password'}
            type="password"
            autocomplete="new-password"
            hint={policyHint}
          />
        </div>
        <CheckBox
          id="field-disabled"
          name="disabled"
          label="Disabled (cannot sign in)"
          checked={values.disabled}
        />
        <div class="grid-2">
          <CheckList
            legend="Groups"
            name="groups"
            choices={values.groups}
            empty="No group yet: the default groups apply."
          />
          <CheckList
            legend="Organizations"
            name="organizations"
            choices={values.organizations}
            empty="No organization yet."
          />
        </div>
        <FormButtons submit={id ? 'Save' : 'Create user'} cancel="/admin/users" />
      </EditForm>
      {props.access ? <UserAccessSection chrome={props.chrome} access={props.access} /> : ''}
    </AdminPage>
  );
}
