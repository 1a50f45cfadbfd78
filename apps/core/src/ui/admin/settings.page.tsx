import type { Chrome } from '@lib/ui';
import type { FormProblem } from './admin-form.util';
import { AdminPage, Csrf, ProblemNotice, TextField } from './admin-layout';
import type { AdminTab } from './admin-layout';
import type { Named } from './admin-lookups.service';
import { MessagesSection } from './settings-messages.page';
import type { MessageRow } from './settings-messages.page';

export const POLICY_FIELDS: readonly [string, string][] = [
  ['password_policy_min_length', 'Minimum length'],
  ['password_policy_max_length', 'Maximum length'],
  ['password_policy_min_symbols', 'Minimum symbols'],
  ['password_policy_min_numbers', 'Minimum digits'],
  ['password_policy_min_words', 'Minimum words'],
  ['password_policy_min_lowercase', 'Minimum lower case letters'],
  ['password_policy_min_uppercase', 'Minimum upper case letters'],
];

export const TEXT_FIELDS: readonly [string, string][] = [
  ['platform_title', 'Platform title'],
  ['platform_email', 'Sender email'],
  ['platform_url', 'Public URL'],
  ['platform_login_message', 'Login page message'],
  ['platform_banner_text', 'Banner text'],
];

export const BANNER_LEVELS = ['', 'GREEN', 'YELLOW', 'RED'];

/** Read-only limits that come from the environment. */
export type RetentionView = { label: string; value: string; variable: string }[];

/** Platform parameters, password policy, organization, messages, and the env-only limits. */
export function SettingsPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  values: Readonly<Record<string, string>>;
  organizations: readonly Named[];
  groups: readonly Named[];
  messages: readonly MessageRow[];
  retention: RetentionView;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const v = props.values;
  return (
    <AdminPage chrome={props.chrome} tabs={props.tabs} title="Settings" notice={props.notice}>
      <ProblemNotice problem={props.problem} />
      <form
        method="post"
        action="/admin/settings"
        hx-boost="false"
        class="card admin-form"
        novalidate
      >
        <Csrf chrome={props.chrome} />
        <h2>Platform</h2>
        <div class="form-grid">
          {TEXT_FIELDS.map(([key, label]) => (
            <TextField name={key} label={label} value={v[key]} />
          ))}
          <div>
            <label for="field-platform_banner_level">Banner level</label>
            <select id="field-platform_banner_level" name="platform_banner_level">
              {BANNER_LEVELS.map((level) => (
                <option value={level} selected={level === (v.platform_banner_level ?? '')} safe>
                  {level || 'No banner'}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="field-platform_organization">Platform organization</label>
            <select
              id="field-platform_organization"
              name="platform_organization"
              aria-describedby="field-platform_organization-hint"
            >
              <option value="">None (no organization segregation)</option>
              {props.organizations.map((o) => (
                <option value={o.id} selected={o.id === v.platform_organization} safe>
                  {o.name}
                </option>
              ))}
            </select>
            <p class="field-hint" id="field-platform_organization-hint">
              Setting one restricts users to the knowledge shared with their organizations.
            </p>
          </div>
        </div>
        <h2>Password policy</h2>
        <p class="field-hint">0 means no rule. Checked when a password is set.</p>
        <div class="form-grid">
          {POLICY_FIELDS.map(([key, label]) => (
            <TextField name={key} label={label} type="number" min={0} value={v[key] ?? '0'} />
          ))}
        </div>
        <div class="form-actions">
          <button type="submit" class="primary">
            Save settings
          </button>
        </div>
      </form>
      <MessagesSection chrome={props.chrome} messages={props.messages} groups={props.groups} />
      <section class="card" aria-labelledby="retention-title">
        <h2 id="retention-title">Retention and stream limits</h2>
        <p class="field-hint">
          Read only: these come from the environment and take effect when the platform restarts.
          What knowledge is deleted, and after how long, is set in{' '}
          <a href="/admin/retention">Retention rules</a>.
        </p>
        <dl class="settings-readonly">
          {props.retention.map((r) => (
            <>
              <dt safe>{r.label}</dt>
              <dd>
                <span safe>{r.value}</span>{' '}
                <code class="muted" safe>
                  {r.variable}
                </code>
              </dd>
            </>
          ))}
        </dl>
      </section>
    </AdminPage>
  );
}
