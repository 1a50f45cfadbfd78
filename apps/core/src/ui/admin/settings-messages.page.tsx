import type { Chrome } from '@lib/ui';
import { formatDate } from '@lib/ui';
import { CheckList, Csrf, TextField } from './admin-layout';
import type { Named } from './admin-lookups.service';

export type MessageRow = {
  id: string;
  message: string;
  activated: boolean;
  dismissible: boolean;
  recipients: string[];
  updated: string;
};

/** Platform messages: the list with delete buttons, and a form to add one. */
export function MessagesSection(props: {
  chrome: Chrome;
  messages: readonly MessageRow[];
  groups: readonly Named[];
}): JSX.Element {
  return (
    <section class="card" aria-labelledby="messages-title">
      <h2 id="messages-title">Platform messages</h2>
      {props.messages.length === 0 ? <p class="muted">No message.</p> : ''}
      {props.messages.length > 0 ? (
        <table class="data">
          <caption class="visually-hidden">Platform messages</caption>
          <thead>
            <tr>
              <th scope="col">Message</th>
              <th scope="col">Shown</th>
              <th scope="col">For</th>
              <th scope="col">Updated</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {props.messages.map((m) => (
              <tr>
                <td safe>{m.message}</td>
                <td
                  safe
                >{`${m.activated ? 'Active' : 'Inactive'}${m.dismissible ? ', dismissible' : ''}`}</td>
                <td safe>{m.recipients.join(', ') || 'Everyone'}</td>
                <td safe>{formatDate(m.updated)}</td>
                <td>
                  <form
                    method="post"
                    action={`/admin/settings/messages/${encodeURIComponent(m.id)}/delete`}
                    hx-boost="false"
                  >
                    <Csrf chrome={props.chrome} />
                    <button type="submit" class="danger">
                      Delete
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
      <form
        method="post"
        action="/admin/settings/messages"
        hx-boost="false"
        class="admin-form"
        novalidate
      >
        <Csrf chrome={props.chrome} />
        <h3>New message</h3>
        <TextField name="message" label="Text" required />
        <div class="check">
          <input type="checkbox" id="field-activated" name="activated" value="1" checked />
          <label for="field-activated">Shown now</label>
        </div>
        <div class="check">
          <input type="checkbox" id="field-dismissible" name="dismissible" value="1" />
          <label for="field-dismissible">Users may dismiss it</label>
        </div>
        <CheckList
          legend="For the members of (none: everyone)"
          name="recipients"
          choices={props.groups.map((g) => ({ value: g.id, label: g.name, checked: false }))}
        />
        <div class="form-actions">
          <button type="submit">Add message</button>
        </div>
      </form>
    </section>
  );
}
