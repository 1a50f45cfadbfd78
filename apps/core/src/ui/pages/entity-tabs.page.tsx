import { elementHref, formatDate, typeLabel } from '@lib/ui';
import type { KnowledgeGroup } from '../knowledge/knowledge-groups.util';
import { RelationshipTable } from './entity.page';
import type { RelationshipRow } from './entity.page';

/** Sightings: where and when the element was seen. */
export function SightingsTab(props: { rows: readonly RelationshipRow[] }): JSX.Element {
  if (props.rows.length === 0) return <p class="notice">No sightings.</p>;
  return <RelationshipTable rows={props.rows} />;
}

/** Knowledge: related elements by relationship type and the other end's type, with counts. */
export function KnowledgeTab(props: { groups: readonly KnowledgeGroup[] }): JSX.Element {
  if (props.groups.length === 0) return <p class="notice">No related knowledge yet.</p>;
  return (
    <div class="knowledge-groups">
      {props.groups.map((g, i) => {
        const title =
          g.direction === 'from'
            ? `${g.relationshipType} → ${typeLabel(g.otherType)} (${g.items.length})`
            : `${typeLabel(g.otherType)} ${g.relationshipType} this (${g.items.length})`;
        return (
          <section class="card knowledge-group" aria-labelledby={`kg-${i}`}>
            <h2 id={`kg-${i}`} safe>
              {title}
            </h2>
            <ul>
              {g.items.map((item) => (
                <li>
                  <a href={elementHref(item.id)} safe>
                    {item.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export type FileRow = {
  id: string;
  name: string;
  size: number;
  lastModified: string;
  kind: 'Import' | 'Export';
  status: string;
};

const sizeText = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The link of a file's body: the storage route, each segment of its id encoded. */
export function fileHref(id: string): string {
  return `/storage/get/${id.split('/').map(encodeURIComponent).join('/')}`;
}

/** Files: the element's imported and exported files, with download links. */
export function FilesTab(props: { files: readonly FileRow[] }): JSX.Element {
  if (props.files.length === 0) return <p class="notice">No files.</p>;
  return (
    <div class="table-wrap">
      <table class="data">
        <caption class="visually-hidden">Files</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Size</th>
            <th scope="col">Modified</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {props.files.map((f) => (
            <tr>
              <td>
                {f.status === 'complete' ? (
                  <a href={fileHref(f.id)} download={f.name} safe>
                    {f.name}
                  </a>
                ) : (
                  <span safe>{f.name}</span>
                )}
              </td>
              <td>{f.kind}</td>
              <td class="num" safe>
                {sizeText(f.size)}
              </td>
              <td safe>{formatDate(f.lastModified)}</td>
              <td safe>{f.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * An event's message (`creates a Malware \`Emotet\``): the names and values it quotes between
 * backticks set as code, like Markdown's code spans, the rest as text; an unpaired backtick stays.
 */
export function MessageText(props: { text: string }): JSX.Element {
  const parts = props.text.split('`');
  const quoted = (i: number) => i % 2 === 1 && i < parts.length - 1;
  return (
    <>
      {parts.map((part, i) =>
        quoted(i) ? <code safe>{part}</code> : <span safe>{i % 2 === 1 ? `\`${part}` : part}</span>,
      )}
    </>
  );
}

export type HistoryRow = {
  timestamp: string;
  user: string;
  scope: string;
  message: string;
  changes: { field: string; previous: string; next: string }[];
};

/** History: who changed what and when (the audit log's entries about this element). */
export function HistoryTab(props: { rows: readonly HistoryRow[] }): JSX.Element {
  if (props.rows.length === 0) return <p class="notice">No recorded history you may see.</p>;
  return (
    <div class="table-wrap">
      <table class="data history">
        <caption class="visually-hidden">History</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td safe>{formatDate(r.timestamp)}</td>
              <td safe>{r.user}</td>
              <td>
                <MessageText text={r.message || r.scope} />
              </td>
              <td>
                {r.changes.length > 0 ? (
                  <ul class="changes">
                    {r.changes.map((c) => (
                      <li>
                        <strong safe>{c.field}</strong>
                        <span safe>{`: ${c.previous} → ${c.next}`}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
