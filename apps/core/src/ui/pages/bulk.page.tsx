import { Page, typeLabel } from '@lib/ui';
import type { Chrome } from '@lib/ui';

/** Asks before a bulk delete: what will go, with the ids carried in the confirming form. */
export function BulkDeleteConfirm(props: {
  chrome: Chrome;
  items: readonly { id: string; name: string; entityType: string }[];
  returnTo: string;
}): JSX.Element {
  return (
    <Page title="Delete elements" chrome={props.chrome}>
      <div class="page-head">
        <h1>Delete elements</h1>
      </div>
      <section class="card" aria-labelledby="confirm-title">
        <h2 id="confirm-title" safe>
          {`Delete ${props.items.length} element${props.items.length === 1 ? '' : 's'}, with their relationships?`}
        </h2>
        <ul>
          {props.items.map((i) => (
            <li safe>{`${i.name} (${typeLabel(i.entityType)})`}</li>
          ))}
        </ul>
        <p>This cannot be undone.</p>
        <form method="post" hx-boost="false" action="/bulk" class="form-actions">
          <input type="hidden" name="_csrf" value={props.chrome.csrfToken} />
          <input type="hidden" name="returnTo" value={props.returnTo} />
          <input type="hidden" name="action" value="delete" />
          <input type="hidden" name="confirm" value="yes" />
          {props.items.map((i) => (
            <input type="hidden" name="ids" value={i.id} />
          ))}
          <button type="submit" class="danger">
            Delete
          </button>
          <a class="button" href={props.returnTo}>
            Cancel
          </a>
        </form>
      </section>
    </Page>
  );
}
