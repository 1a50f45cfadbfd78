import { ElementTable } from '@lib/ui';
import type { ElementRow } from '@lib/ui';

/** A container's contents: the objects it refers to, with add and remove for editors. */
export function ContentsTab(props: {
  base: string;
  rows: readonly ElementRow[];
  total: number;
  editable: boolean;
  csrfToken: string;
}): JSX.Element {
  const { base } = props;
  const shown =
    props.total > props.rows.length
      ? `${props.rows.length} of ${props.total} objects you may see`
      : `${props.rows.length} object${props.rows.length === 1 ? '' : 's'}`;
  return (
    <div class="contents">
      <p class="muted" safe>
        {shown}
      </p>
      {props.editable ? (
        <form
          method="post"
          hx-boost="false"
          action={`${base}/contents/add`}
          class="card contents-add"
        >
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <label for="contents-search">Find objects to add</label>
          <input
            id="contents-search"
            type="search"
            name="q"
            autocomplete="off"
            hx-get={`${base}/relationships/targets`}
            hx-trigger="input changed delay:300ms, search"
            hx-target="#contents-pick"
            hx-swap="innerHTML"
            aria-controls="contents-pick"
          />
          <label for="contents-pick">Objects (Ctrl/⌘-click to pick several)</label>
          <select id="contents-pick" name="ids" multiple="multiple" size="5"></select>
          <div class="form-actions">
            <button type="submit" class="primary">
              Add to the container
            </button>
          </div>
        </form>
      ) : (
        ''
      )}
      {props.editable && props.rows.length > 0 ? (
        <form method="post" hx-boost="false" action={`${base}/contents/remove`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <div class="bulk-bar">
            <button type="submit" class="danger">
              Remove the selected objects
            </button>
          </div>
          <ElementTable rows={props.rows} caption="Contents" selectable />
        </form>
      ) : (
        <ElementTable rows={props.rows} caption="Contents" />
      )}
    </div>
  );
}
