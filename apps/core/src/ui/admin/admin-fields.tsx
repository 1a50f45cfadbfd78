import type { Children } from '@kitajs/html';
import type { Chrome } from '@lib/ui';
import type { FormProblem } from './admin-form.util';
import { Csrf, ProblemNotice } from './admin-layout';

/** The "Delete…" button of an existing element's form page (none while creating). */
export function deleteAction(id: string | undefined, action: string): JSX.Element | undefined {
  if (!id) return undefined;
  return (
    <a class="button" href={`${action}/delete`}>
      Delete…
    </a>
  );
}

/** A create/edit form of the console: the refusal if any, then the form with its CSRF field. */
export function EditForm(props: {
  chrome: Chrome;
  action: string;
  problem?: FormProblem | undefined;
  children: Children;
}): JSX.Element {
  // Markup built by the caller from escaped parts.
  const safeFields = props.children;
  return (
    <>
      <ProblemNotice problem={props.problem} />
      <form method="post" action={props.action} hx-boost="false" class="card admin-form" novalidate>
        <Csrf chrome={props.chrome} />
        {safeFields}
      </form>
    </>
  );
}

export { FormButtons } from '../pages/form-fields';

/** One labelled checkbox (value 1: present means on). */
export function CheckBox(props: {
  id: string;
  name: string;
  label: string;
  checked: boolean;
}): JSX.Element {
  return (
    <div class="check">
      <input type="checkbox" id={props.id} name={props.name} value="1" checked={props.checked} />
      <label for={props.id} safe>
        {props.label}
      </label>
    </div>
  );
}

/** The "New …" button of a list page. */
export function newAction(href: string, label: string): JSX.Element {
  return (
    <a class="button primary" href={href} safe>
      {label}
    </a>
  );
}

/** A list table of the console: a hidden caption, the column heads, the rows given. */
export function AdminTable(props: {
  caption: string;
  columns: readonly string[];
  children: Children;
}): JSX.Element {
  // Rows built by the caller from escaped parts.
  const safeRows = props.children;
  return (
    <div class="table-wrap">
      <table class="data">
        <caption class="visually-hidden" safe>
          {props.caption}
        </caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" safe>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{safeRows}</tbody>
      </table>
    </div>
  );
}
