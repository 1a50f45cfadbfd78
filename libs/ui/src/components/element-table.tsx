import { LabelBadges, MarkingBadges } from './badges';
import type { ElementRow } from './element-view.types';
import { elementHref, formatDate, typeLabel } from './format.util';

export type SortLink = (column: string) => { href: string; direction?: 'asc' | 'desc' };

function Header(props: { column: string; label: string; sort?: SortLink }): JSX.Element {
  if (!props.sort)
    return (
      <th scope="col" safe>
        {props.label}
      </th>
    );
  const link = props.sort(props.column);
  const state = link.direction === 'asc' ? 'ascending' : link.direction ? 'descending' : 'none';
  return (
    <th scope="col" aria-sort={state}>
      <a href={link.href} safe>
        {`${props.label}${link.direction === 'asc' ? ' ▲' : link.direction ? ' ▼' : ''}`}
      </a>
    </th>
  );
}

/**
 * Elements as a table: name (link to its page), type, author, labels, markings, dates. With
 * `selectable`, each row has a checkbox named `ids` for the bulk actions of the surrounding form.
 */
export function ElementTable(props: {
  rows: readonly ElementRow[];
  caption: string;
  sort?: SortLink;
  selectable?: boolean;
}): JSX.Element {
  if (props.rows.length === 0) {
    return <p class="notice">Nothing to show here yet.</p>;
  }
  return (
    <div class="table-wrap">
      <table class="data">
        <caption class="visually-hidden" safe>
          {props.caption}
        </caption>
        <thead>
          <tr>
            {props.selectable ? (
              <th scope="col">
                <span class="visually-hidden">Select</span>
              </th>
            ) : (
              ''
            )}
            <Header column="name" label="Name" sort={props.sort} />
            <Header column="entity_type" label="Type" />
            <Header column="created_by" label="Author" />
            <Header column="labels" label="Labels" />
            <Header column="markings" label="Markings" />
            <Header column="created" label="Created" sort={props.sort} />
            <Header column="updated_at" label="Modified" sort={props.sort} />
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {props.selectable ? (
                <td>
                  <input
                    type="checkbox"
                    name="ids"
                    value={row.id}
                    aria-label={`Select ${row.name}`}
                  />
                </td>
              ) : (
                ''
              )}
              <td class="name">
                <a href={elementHref(row.id)} safe>
                  {row.name}
                </a>
              </td>
              <td safe>{typeLabel(row.entityType)}</td>
              <td>
                {row.createdBy ? (
                  <a href={elementHref(row.createdBy.id)} safe>
                    {row.createdBy.name}
                  </a>
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
              <td>
                <LabelBadges labels={row.labels} />
              </td>
              <td>
                <MarkingBadges markings={row.markings} />
              </td>
              <td class="date" safe>
                {formatDate(row.created)}
              </td>
              <td class="date" safe>
                {formatDate(row.modified)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
