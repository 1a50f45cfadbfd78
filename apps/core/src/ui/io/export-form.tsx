import { formatLabel } from './io.types';

/** Where an export form sends its request from: a list (its types and search) or an element. */
export type ExportTarget =
  | { kind: 'list'; types: readonly string[]; search?: string | undefined; label: string }
  | { kind: 'element'; id: string; label: string };

/**
 * "Export": a format from the export connectors, simple or full; posted to /data/export, which
 * answers with the export's progress page. Collapsed in a <details> to stay out of the way.
 */
export function ExportForm(props: {
  csrfToken: string;
  formats: readonly string[];
  target: ExportTarget;
}): JSX.Element {
  const { target } = props;
  if (props.formats.length === 0) return <></>;
  return (
    <details class="export-menu">
      <summary class="button">Export</summary>
      <form class="card export-form" method="post" action="/data/export">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        {target.kind === 'list' ? (
          <>
            {target.types.map((t) => (
              <input type="hidden" name="types" value={t} />
            ))}
            {target.search ? <input type="hidden" name="search" value={target.search} /> : ''}
          </>
        ) : (
          <input type="hidden" name="entityId" value={target.id} />
        )}
        <p class="muted" safe>
          {`Export ${target.label}`}
        </p>
        <label for="export-format">Format</label>
        <select id="export-format" name="format">
          {props.formats.map((f) => (
            <option value={f} safe>
              {formatLabel(f)}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>Content</legend>
          <label>
            <input type="radio" name="exportType" value="simple" checked /> Simple: the elements
            only
          </label>
          <label>
            <input type="radio" name="exportType" value="full" /> Full: with their relationships and
            what they contain
          </label>
        </fieldset>
        <button type="submit" class="button primary">
          Ask the export
        </button>
      </form>
    </details>
  );
}
