import type { Chrome } from '@lib/ui';
import type { FormProblem } from './admin-form.util';
import { AdminTable } from './admin-fields';
import { AdminPage, Csrf, ProblemNotice, TextField } from './admin-layout';
import type { AdminTab } from './admin-layout';
import type { MarkingOption } from './admin-lookups.service';
import { MarkingStyleFields } from './marking-form.page';

const COLOR = /^#[0-9a-fA-F]{6}$/;

// An SVG swatch: its fill is a presentation attribute, which the strict CSP (no style=) allows.
function Swatch(props: { color?: string | undefined }): JSX.Element {
  const fill = props.color && COLOR.test(props.color) ? props.color : '#9aa4b2';
  return (
    <svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <rect width="14" height="14" rx="3" fill={fill} stroke="currentColor" stroke-opacity="0.3" />
    </svg>
  );
}

/** Marking definitions with their colours and orders, and a form for a statement-like one. */
export function MarkingsPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  markings: readonly MarkingOption[];
  canCreate: boolean;
  values: Readonly<Record<string, string>>;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const v = props.values;
  return (
    <AdminPage chrome={props.chrome} tabs={props.tabs} title="Markings" notice={props.notice}>
      <AdminTable caption="Marking definitions" columns={['Type', 'Definition', 'Colour', 'Order']}>
        {props.markings.map((m) => (
          <tr>
            <td safe>{m.type}</td>
            <td>
              <a href={`/admin/markings/${m.id}`} safe>
                {m.name}
              </a>
            </td>
            <td>
              <Swatch color={m.color} /> <code safe>{m.color ?? '—'}</code>
            </td>
            <td class="num" safe>
              {String(m.order)}
            </td>
          </tr>
        ))}
      </AdminTable>
      {props.canCreate ? (
        <section class="card" aria-labelledby="new-marking">
          <h2 id="new-marking">New marking definition</h2>
          <ProblemNotice problem={props.problem} />
          <form
            method="post"
            action="/admin/markings"
            hx-boost="false"
            class="admin-form"
            novalidate
          >
            <Csrf chrome={props.chrome} />
            <div class="form-grid">
              <TextField
                name="definition_type"
                label="Type"
                value={v.definition_type ?? 'statement'}
                hint="TLP, PAP, statement, or a type of your own."
                required
              />
              <TextField
                name="definition"
                label="Definition"
                value={v.definition}
                hint="Its name, e.g. PAP:GREEN or Copyright 2026 ACME."
                required
              />
              <MarkingStyleFields
                color={v.x_opencti_color ?? '#1f5fbf'}
                order={v.x_opencti_order ?? '0'}
              />
            </div>
            <div class="form-actions">
              <button type="submit" class="primary">
                Create marking
              </button>
            </div>
          </form>
        </section>
      ) : (
        <p class="muted">Creating a marking also needs the KNOWLEDGE_KNUPDATE capability.</p>
      )}
    </AdminPage>
  );
}
