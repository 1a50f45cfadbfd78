import type { Chrome } from '@lib/ui';
import type { FormProblem } from './admin-form.util';
import { deleteAction, EditForm, FormButtons } from './admin-fields';
import { AdminPage, TextField } from './admin-layout';
import type { AdminTab } from './admin-layout';

export type MarkingFormValues = {
  definition_type: string;
  definition: string;
  x_opencti_color: string;
  x_opencti_order: string;
};

/** The colour and order fields of the marking forms (create and edit). */
export function MarkingStyleFields(props: { color: string; order: string }): JSX.Element {
  return (
    <>
      <TextField name="x_opencti_color" label="Colour" type="color" value={props.color} />
      <TextField
        name="x_opencti_order"
        label="Order"
        type="number"
        min={0}
        max={100}
        value={props.order}
        hint="Higher is more restrictive within its type."
      />
    </>
  );
}

/**
 * Editing one marking definition: its colour and order, and for markings of the platform's own
 * making also its type and definition (the TLP and PAP markings keep theirs: their ids are fixed).
 */
export function MarkingFormPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  id: string;
  builtIn: boolean;
  canDelete: boolean;
  values: MarkingFormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const v = props.values;
  const action = `/admin/markings/${props.id}`;
  const title = `${v.definition_type}: ${v.definition}`;
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title={title}
      notice={props.notice}
      actions={props.builtIn || !props.canDelete ? undefined : deleteAction(props.id, action)}
    >
      <EditForm chrome={props.chrome} action={action} problem={props.problem}>
        <div class="form-grid">
          {props.builtIn ? (
            <p class="muted" safe>
              {`${v.definition} is one of the platform's TLP and PAP markings: its type and definition stay as they are.`}
            </p>
          ) : (
            <>
              <TextField name="definition_type" label="Type" value={v.definition_type} required />
              <TextField name="definition" label="Definition" value={v.definition} required />
            </>
          )}
          <MarkingStyleFields color={v.x_opencti_color} order={v.x_opencti_order} />
        </div>
        <FormButtons submit="Save" cancel="/admin/markings" />
      </EditForm>
    </AdminPage>
  );
}
