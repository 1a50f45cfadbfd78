import { Page, formatDate } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import type { ConnectorChoice, WorkView } from './io.types';
import { WorksProgress } from './work-status';

export type ImportForm = { connectorId?: string | undefined; draft: boolean };
export type ImportFileRow = { id: string; name: string; mimeType: string; lastModified: string };
export type DraftRow = { id: string; name: string; createdAt: string };

export const importFileHref = (fileId: string) =>
  `/data/import/file?id=${encodeURIComponent(fileId)}`;

/** `/data/import`: upload a file for an import connector (reviewed in a draft), past uploads, drafts. */
export function ImportPage(props: {
  chrome: Chrome;
  connectors: readonly ConnectorChoice[];
  form: ImportForm;
  error?: string | undefined;
  files: readonly ImportFileRow[];
  drafts: readonly DraftRow[];
}): JSX.Element {
  const { chrome, form } = props;
  return (
    <Page title="Import" chrome={chrome}>
      <p class="breadcrumbs">Data</p>
      <div class="page-head">
        <h1>Import</h1>
      </div>
      <ImportUploadForm
        csrfToken={chrome.csrfToken}
        connectors={props.connectors}
        form={form}
        error={props.error}
      />
      <div class="grid-2">
        <section class="card" aria-labelledby="uploads-title">
          <h2 id="uploads-title">Uploaded files</h2>
          {props.files.length === 0 ? (
            <p class="muted">No file uploaded yet.</p>
          ) : (
            <ul class="io-list">
              {props.files.map((f) => (
                <li>
                  <a href={importFileHref(f.id)} safe>
                    {f.name}
                  </a>{' '}
                  <span class="muted" safe>
                    {`${f.mimeType} · ${formatDate(f.lastModified)}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="card" aria-labelledby="drafts-title">
          <h2 id="drafts-title">Drafts to review</h2>
          {props.drafts.length === 0 ? (
            <p class="muted">No open draft.</p>
          ) : (
            <ul class="io-list">
              {props.drafts.map((d) => (
                <li>
                  <a href={`/data/drafts/${encodeURIComponent(d.id)}`} safe>
                    {d.name}
                  </a>{' '}
                  <span class="muted" safe>
                    {formatDate(d.createdAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Page>
  );
}

/**
 * The upload form; posted by htmx (multipart, the CSRF header added), errors shown in it (400).
 * Without scripts the browser posts it itself: the token then travels in the action's query
 * string (the CSRF check runs before a multipart body is read).
 */
export function ImportUploadForm(props: {
  csrfToken: string;
  connectors: readonly ConnectorChoice[];
  form: ImportForm;
  error?: string | undefined;
}): JSX.Element {
  const { form } = props;
  return (
    <form
      id="import-form"
      class="card io-form"
      method="post"
      action={`/data/import?_csrf=${encodeURIComponent(props.csrfToken)}`}
      enctype="multipart/form-data"
      hx-post="/data/import"
      hx-encoding="multipart/form-data"
      hx-target="this"
      hx-swap="outerHTML"
      data-module="io-form"
      aria-labelledby="import-form-title"
    >
      <h2 id="import-form-title">Upload a file</h2>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {props.error ? (
        <p class="notice error" role="alert" safe>
          {props.error}
        </p>
      ) : (
        ''
      )}
      <div class="io-fields">
        <div class="io-field">
          <label for="import-file">File</label>
          <input
            id="import-file"
            type="file"
            name="file"
            required
            aria-describedby="import-file-hint"
          />
          <p class="field-hint" id="import-file-hint">
            A STIX 2.1 bundle (JSON), or a CSV, text or PDF file an import connector reads.
          </p>
        </div>
        <div class="io-field">
          <label for="import-connector">Import connector</label>
          <select id="import-connector" name="connectorId" aria-describedby="import-connector-hint">
            <option value="">Every connector taking the file's type</option>
            {props.connectors.map((c) => (
              <option value={c.id} selected={form.connectorId === c.id} safe>
                {`${c.name} (${c.scope.length > 0 ? c.scope.join(', ') : 'any type'})`}
              </option>
            ))}
          </select>
          <p class="field-hint" id="import-connector-hint">
            Only connectors whose types include the file's type can import it.
          </p>
        </div>
      </div>
      <label class="io-check">
        <input type="checkbox" name="draft" value="true" checked={form.draft} />
        <span>Validate before import: stage the objects in a draft to review first</span>
      </label>
      <div class="form-actions">
        <button type="submit" class="button primary">
          Upload and import
        </button>
      </div>
    </form>
  );
}

/** `/data/import/file?id=…`: the works importing one uploaded file, followed while they run. */
export function ImportFilePage(props: {
  chrome: Chrome;
  fileName: string;
  statusHref: string;
  works: readonly WorkView[];
}): JSX.Element {
  return (
    <Page title={`Import of ${props.fileName}`} chrome={props.chrome}>
      <p class="breadcrumbs">
        <a href="/data/import">Import</a>
      </p>
      <div class="page-head">
        <h1 safe>{props.fileName}</h1>
      </div>
      <WorksProgress href={props.statusHref} works={props.works} />
    </Page>
  );
}

/** `/data/works/<id>`: one import, export or draft validation work, followed while it runs. */
export function WorkPage(props: {
  chrome: Chrome;
  work: WorkView;
  statusHref: string;
}): JSX.Element {
  const title = props.work.kind === 'export' ? 'Export' : 'Import';
  return (
    <Page title={`${title}: ${props.work.name}`} chrome={props.chrome}>
      <p class="breadcrumbs">
        <a href="/data/import">Data</a>
      </p>
      <div class="page-head">
        <h1>{title}</h1>
      </div>
      <WorksProgress href={props.statusHref} works={[props.work]} />
    </Page>
  );
}
