import type { Children } from '@kitajs/html';
import {
  LabelBadges,
  MarkingBadges,
  Page,
  elementHref,
  formatDate,
  renderMarkdown,
  typeLabel,
} from '@lib/ui';
import type { Chrome, ElementRow } from '@lib/ui';
import { ExportForm } from '../io/export-form';
import { LiveElementNotice } from '../io/live-notice';
import { isObservableType, isTypeOf, refDefinitionsFor } from '@lib/stix';
import { isCreatable } from '../knowledge/entity-form.util';

export type EntityTab = {
  slug: string;
  label: string;
  /** Shown only for the types it says yes to (all when absent). */
  when?: (entityType: string) => boolean;
};

const isContainer = (type: string): boolean =>
  refDefinitionsFor(type).some((d) => d.relationshipType === 'object');

export const ENTITY_TABS: readonly EntityTab[] = [
  { slug: '', label: 'Overview' },
  { slug: 'knowledge', label: 'Knowledge' },
  { slug: 'contents', label: 'Contents', when: isContainer },
  { slug: 'relationships', label: 'Relationships' },
  { slug: 'sightings', label: 'Sightings' },
  { slug: 'observables', label: 'Observables', when: (type) => type === 'Indicator' },
  { slug: 'indicators', label: 'Indicators', when: isObservableType },
  { slug: 'files', label: 'Files' },
  { slug: 'history', label: 'History' },
  { slug: 'graph', label: 'Graph' },
];

/** The frame of an element's pages: title, type, badges, tabs. */
export function EntityFrame(props: {
  chrome: Chrome;
  row: ElementRow;
  tab: string;
  /** The viewer may edit it (KNUPDATE): the Edit button. */
  editable?: boolean;
  /** The viewer may write notes and opinions about it (KNUPDATE or KNPARTICIPATE). */
  annotatable?: boolean;
  children: Children;
  /** Export formats offered (none: no export button). */
  exportFormats?: readonly string[];
}): JSX.Element {
  const { row } = props;
  const base = elementHref(row.id);
  return (
    <Page title={row.name} chrome={props.chrome}>
      <p class="breadcrumbs" safe>
        {typeLabel(row.entityType)}
      </p>
      <div class="page-head">
        <h1 safe>{row.name}</h1>
        <span>
          <MarkingBadges markings={row.markings} />
        </span>
        <div class="actions">
          {props.editable ? (
            <a class="button" href={`${base}/relationships/new`}>
              Add relationship
            </a>
          ) : (
            ''
          )}
          {props.annotatable ? (
            <a class="button" href={`/create-analysis/note?about=${encodeURIComponent(row.id)}`}>
              Add note
            </a>
          ) : (
            ''
          )}
          {props.annotatable ? (
            <a class="button" href={`/create-analysis/opinion?about=${encodeURIComponent(row.id)}`}>
              Add opinion
            </a>
          ) : (
            ''
          )}
          {props.editable &&
          isTypeOf(row.entityType, 'Stix-Domain-Object') &&
          isCreatable(row.entityType) ? (
            <a class="button primary" href={`${base}/edit`}>
              Edit
            </a>
          ) : (
            ''
          )}
          <ExportForm
            csrfToken={props.chrome.csrfToken}
            formats={props.exportFormats ?? []}
            target={{ kind: 'element', id: row.id, label: row.name }}
          />
        </div>
      </div>
      <LiveElementNotice elementId={row.id} path={props.chrome.path} />
      <nav class="tabs" aria-label="Views of this element">
        {ENTITY_TABS.filter((t) => !t.when || t.when(row.entityType)).map((t) => (
          <a
            href={t.slug ? `${base}/${t.slug}` : base}
            aria-current={t.slug === props.tab ? 'page' : undefined}
            safe
          >
            {t.label}
          </a>
        ))}
      </nav>
      {props.children}
    </Page>
  );
}

export type Property = { label: string; value: string };

/** Overview: description (Markdown, rendered safely), properties, author, labels, references. */
export function EntityOverview(props: {
  row: ElementRow;
  description?: string | undefined;
  properties: readonly Property[];
  externalReferences: readonly { name: string; url?: string | undefined }[];
}): JSX.Element {
  const { row } = props;
  const safeDescription = props.description ? renderMarkdown(props.description) : '';
  return (
    <div class="grid-2">
      <section class="card" aria-labelledby="description-title">
        <h2 id="description-title">Description</h2>
        {safeDescription ? (
          <div class="markdown">{safeDescription}</div>
        ) : (
          <p class="muted">No description.</p>
        )}
      </section>
      <section class="card" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <dl class="props">
          <dt>Type</dt>
          <dd safe>{typeLabel(row.entityType)}</dd>
          <dt>Author</dt>
          <dd>
            {row.createdBy ? (
              <a href={elementHref(row.createdBy.id)} safe>
                {row.createdBy.name}
              </a>
            ) : (
              <span class="muted">—</span>
            )}
          </dd>
          <dt>Labels</dt>
          <dd>
            <LabelBadges labels={row.labels} />
          </dd>
          <dt>Confidence</dt>
          <dd safe>{row.confidence === undefined ? '—' : String(row.confidence)}</dd>
          <dt>Created</dt>
          <dd safe>{formatDate(row.created)}</dd>
          <dt>Modified</dt>
          <dd safe>{formatDate(row.modified)}</dd>
          {props.properties.map((p) => (
            <>
              <dt safe>{p.label}</dt>
              <dd safe>{p.value}</dd>
            </>
          ))}
        </dl>
      </section>
      {props.externalReferences.length > 0 ? (
        <section class="card" aria-labelledby="refs-title">
          <h2 id="refs-title">External references</h2>
          <ul>
            {props.externalReferences.map((r) => (
              <li>
                {r.url && /^https?:\/\//i.test(r.url) ? (
                  <a href={r.url} rel="noopener noreferrer nofollow" safe>
                    {r.name}
                  </a>
                ) : (
                  <span safe>{r.name}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </div>
  );
}

export type RelationshipRow = {
  id: string;
  type: string;
  direction: 'from' | 'to';
  other: { id: string; name: string; entityType: string } | undefined;
  start?: string | undefined;
  stop?: string | undefined;
  confidence?: number | undefined;
  /** A core relationship (it has an edit form), not a sighting. */
  core?: boolean;
};

const otherType = (r: RelationshipRow): string => (r.other ? typeLabel(r.other.entityType) : '—');

/** The element's relationships and sightings, the other end named. */
export function RelationshipTable(props: {
  rows: readonly RelationshipRow[];
  /** The reader may edit: each core relationship links to its edit form. */
  editable?: boolean;
}): JSX.Element {
  if (props.rows.length === 0) return <p class="notice">No relationships yet.</p>;
  return (
    <div class="table-wrap">
      <table class="data">
        <caption class="visually-hidden">Relationships</caption>
        <thead>
          <tr>
            <th scope="col">Relationship</th>
            <th scope="col">With</th>
            <th scope="col">Type</th>
            <th scope="col">Start</th>
            <th scope="col">Stop</th>
            <th scope="col">Confidence</th>
            {props.editable ? (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            ) : (
              ''
            )}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td safe>{r.direction === 'from' ? r.type : `${r.type} (incoming)`}</td>
              <td>
                {r.other ? (
                  <a href={elementHref(r.other.id)} safe>
                    {r.other.name}
                  </a>
                ) : (
                  <span class="muted">Restricted</span>
                )}
              </td>
              <td safe>{otherType(r)}</td>
              <td safe>{formatDate(r.start)}</td>
              <td safe>{formatDate(r.stop)}</td>
              <td class="num" safe>
                {r.confidence === undefined ? '—' : String(r.confidence)}
              </td>
              {props.editable ? (
                <td>
                  {r.core ? (
                    <a
                      href={`/relationship/${encodeURIComponent(r.id)}/edit`}
                      aria-label={`Edit ${r.type} ${r.other?.name ?? ''}`}
                    >
                      Edit
                    </a>
                  ) : (
                    ''
                  )}
                </td>
              ) : (
                ''
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
