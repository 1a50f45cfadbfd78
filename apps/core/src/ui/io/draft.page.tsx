import { Page, formatCount, formatDate, typeLabel } from '@lib/ui';
import type { Chrome } from '@lib/ui';

export type DraftObjectRow = {
  stixId: string;
  entityType: string;
  name: string;
  /** What validating does to it: a new element, or an update of one that exists. */
  action: 'create' | 'update';
};

export type DraftTypeCount = { entityType: string; create: number; update: number };

export type DraftReview = {
  id: string;
  name: string;
  status: 'open' | 'validated';
  createdAt: string;
  validationWorkId: string | null;
  total: number;
  byType: readonly DraftTypeCount[];
  objects: readonly DraftObjectRow[];
  /** Objects not listed (the list is cut at a page). */
  more: number;
};

/** `/data/drafts/<id>`: what an import staged, counted by type, to validate or delete. */
export function DraftPage(props: {
  chrome: Chrome;
  draft: DraftReview;
  canValidate: boolean;
}): JSX.Element {
  const { draft, chrome } = props;
  const creates = draft.byType.reduce((n, t) => n + t.create, 0);
  const updates = draft.byType.reduce((n, t) => n + t.update, 0);
  const summary = `${formatCount(draft.total)} objects: ${formatCount(creates)} to create, ${formatCount(updates)} to update`;
  return (
    <Page title={`Draft: ${draft.name}`} chrome={chrome}>
      <p class="breadcrumbs">
        <a href="/data/import">Import</a>
      </p>
      <div class="page-head">
        <h1 safe>{`Draft: ${draft.name}`}</h1>
      </div>
      <p class="muted" safe>
        {`Staged ${formatDate(draft.createdAt)} · ${draft.status === 'open' ? 'waiting for review' : 'validated'}`}
      </p>
      <p class="draft-summary" id="draft-summary" safe>
        {summary}
      </p>
      {draft.status === 'open' && props.canValidate ? (
        <div class="draft-actions">
          <form method="post" action={`/data/drafts/${encodeURIComponent(draft.id)}/validate`}>
            <input type="hidden" name="_csrf" value={chrome.csrfToken} />
            <button type="submit" class="button primary">
              Validate and import
            </button>
          </form>
          <form method="post" action={`/data/drafts/${encodeURIComponent(draft.id)}/delete`}>
            <input type="hidden" name="_csrf" value={chrome.csrfToken} />
            <button type="submit" class="danger">
              Delete the draft
            </button>
          </form>
        </div>
      ) : (
        ''
      )}
      {draft.status === 'validated' && draft.validationWorkId ? (
        <p class="notice ok">
          This draft was validated.{' '}
          <a href={`/data/works/${encodeURIComponent(draft.validationWorkId)}`}>
            Follow its import
          </a>
        </p>
      ) : (
        ''
      )}
      <section class="card" aria-labelledby="draft-counts-title">
        <h2 id="draft-counts-title">By type</h2>
        <table class="data draft-counts">
          <caption class="visually-hidden">Objects of the draft by type</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col" class="num">
                To create
              </th>
              <th scope="col" class="num">
                To update
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.byType.map((t) => (
              <tr data-type={t.entityType}>
                <td safe>{typeLabel(t.entityType)}</td>
                <td class="num" safe>
                  {formatCount(t.create)}
                </td>
                <td class="num" safe>
                  {formatCount(t.update)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card" aria-labelledby="draft-objects-title">
        <h2 id="draft-objects-title">Objects</h2>
        <div class="table-wrap">
          <table class="data draft-objects">
            <caption class="visually-hidden">Objects the import would create or update</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Import</th>
                <th scope="col">STIX id</th>
              </tr>
            </thead>
            <tbody>
              {draft.objects.map((o) => (
                <tr>
                  <td safe>{o.name}</td>
                  <td safe>{typeLabel(o.entityType)}</td>
                  <td>
                    <span class={`badge action-${o.action}`}>
                      {o.action === 'create' ? 'New' : 'Update'}
                    </span>
                  </td>
                  <td class="mono" safe>
                    {o.stixId}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {draft.more > 0 ? (
          <p class="muted" safe>
            {`… and ${formatCount(draft.more)} more.`}
          </p>
        ) : (
          ''
        )}
      </section>
    </Page>
  );
}
