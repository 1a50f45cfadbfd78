import { ElementTable, Page, formatCount, typeLabel } from '@lib/ui';
import type { Chrome, ElementRow } from '@lib/ui';

export type SearchGroup = { entityType: string; rows: ElementRow[] };

/** Global search results, grouped by type (most results first). */
export function SearchPage(props: {
  chrome: Chrome;
  q: string;
  total: number;
  groups: readonly SearchGroup[];
}): JSX.Element {
  const heading = props.q ? `Results for “${props.q}”` : 'Search';
  return (
    <Page title={props.q ? `Search: ${props.q}` : 'Search'} chrome={props.chrome}>
      <div class="page-head">
        <h1 safe>{heading}</h1>
      </div>
      <form class="filters" method="get" action="/search" role="search" aria-label="Search again">
        <div class="filter">
          <label for="search-q">Words</label>
          <input id="search-q" type="search" name="q" value={props.q} />
        </div>
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      {props.q ? (
        <p class="muted" safe>
          {`${formatCount(props.total)} result${props.total === 1 ? '' : 's'}${props.groups.length > 1 ? ` in ${props.groups.length} types` : ''}`}
        </p>
      ) : (
        <p class="muted">Type words to search names, descriptions, aliases and values.</p>
      )}
      {props.groups.length > 1 ? (
        <nav aria-label="Result types" class="tabs">
          {props.groups.map((g) => (
            <a href={`#type-${g.entityType}`} safe>
              {`${typeLabel(g.entityType)} (${g.rows.length})`}
            </a>
          ))}
        </nav>
      ) : (
        ''
      )}
      {props.groups.map((g) => (
        <section id={`type-${g.entityType}`} aria-label={typeLabel(g.entityType)}>
          <h2 safe>{`${typeLabel(g.entityType)} (${g.rows.length})`}</h2>
          <ElementTable rows={g.rows} caption={typeLabel(g.entityType)} />
        </section>
      ))}
    </Page>
  );
}
