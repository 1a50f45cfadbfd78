import type { Children } from '@kitajs/html';
import { Page } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import type { FormProblem } from './admin-form.util';

export type AdminTab = { href: string; label: string };

/** A page of the admin console: its section tabs, a heading, the content. */
export function AdminPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  title: string;
  actions?: JSX.Element | undefined;
  notice?: string | undefined;
  children: Children;
}): JSX.Element {
  const path = props.chrome.path;
  // Markup built by the caller from escaped parts.
  const safeActions = props.actions;
  return (
    <Page title={`${props.title} · Admin`} chrome={props.chrome}>
      <p class="breadcrumbs">Administration</p>
      <nav class="tabs admin-tabs" aria-label="Admin sections">
        {props.tabs.map((t) => (
          <a
            href={t.href}
            aria-current={path === t.href || path.startsWith(`${t.href}/`) ? 'page' : undefined}
            safe
          >
            {t.label}
          </a>
        ))}
      </nav>
      <div class="page-head">
        <h1 safe>{props.title}</h1>
        {safeActions ? <div class="actions">{safeActions}</div> : ''}
      </div>
      {props.notice ? (
        <p class="notice ok" role="status" safe>
          {props.notice}
        </p>
      ) : (
        ''
      )}
      {props.children}
    </Page>
  );
}

/** The refusal of a posted form, announced, with its reasons. */
export function ProblemNotice(props: { problem?: FormProblem | undefined }): JSX.Element {
  const problem = props.problem;
  if (!problem) return '';
  return (
    <div class="notice error" role="alert" id="form-problem">
      <p safe>{problem.message}</p>
      {problem.reasons.length > 0 ? (
        <ul>
          {problem.reasons.map((r) => (
            <li safe>{r}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </div>
  );
}

/** A labelled input. */
export function TextField(props: {
  name: string;
  label: string;
  value?: string | undefined;
  type?: string;
  required?: boolean;
  hint?: string | undefined;
  autocomplete?: string;
  min?: number;
  max?: number;
}): JSX.Element {
  const id = `field-${props.name}`;
  return (
    <div>
      <label for={id} safe>
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        min={props.min === undefined ? undefined : String(props.min)}
        max={props.max === undefined ? undefined : String(props.max)}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      {props.hint ? (
        <p class="field-hint" id={`${id}-hint`} safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

export type Choice = { value: string; label: string; checked: boolean; hint?: string | undefined };

/** A group of checkboxes sharing one field name. */
export function CheckList(props: {
  legend: string;
  name: string;
  choices: readonly Choice[];
  empty?: string;
}): JSX.Element {
  return (
    <fieldset class="check-list">
      <legend safe>{props.legend}</legend>
      {props.choices.length === 0 ? (
        <p class="muted" safe>
          {props.empty ?? 'Nothing to choose from.'}
        </p>
      ) : (
        props.choices.map((c, i) => (
          <div class="check">
            <input
              type="checkbox"
              id={`${props.name}-${i}`}
              name={props.name}
              value={c.value}
              checked={c.checked}
            />
            <label for={`${props.name}-${i}`} safe>
              {c.label}
            </label>
            {c.hint ? (
              <span class="muted" safe>
                {c.hint}
              </span>
            ) : (
              ''
            )}
          </div>
        ))
      )}
    </fieldset>
  );
}

/** The hidden CSRF field every changing form carries. */
export function Csrf(props: { chrome: Chrome }): JSX.Element {
  return <input type="hidden" name="_csrf" value={props.chrome.csrfToken} />;
}

/** A confirmation page's body: what will be deleted, and the two ways out. */
export function ConfirmDelete(props: {
  chrome: Chrome;
  what: string;
  action: string;
  cancel: string;
}): JSX.Element {
  return (
    <form method="post" action={props.action} hx-boost="false" class="card confirm">
      <Csrf chrome={props.chrome} />
      <p safe>{`Delete ${props.what}? This cannot be undone.`}</p>
      <div class="form-actions">
        <button type="submit" class="danger">
          Delete
        </button>
        <a class="button" href={props.cancel}>
          Cancel
        </a>
      </div>
    </form>
  );
}
