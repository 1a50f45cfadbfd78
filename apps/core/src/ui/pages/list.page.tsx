import { ElementTable, Page, Pager } from '@lib/ui';
import type { AreaDefinition, Chrome, ElementRow, ListDefinition } from '@lib/ui';
import type { PageInfo } from '@lib/kernel';
import { PAGE_SIZES, listHref } from '../knowledge/list-query.util';
import type { ListQuery } from '../knowledge/list-query.util';
import { ExportForm } from '../io/export-form';
import { LiveListNotice } from '../io/live-notice';

/** One area's list: search, sort, page size, the rows, and the pager. */
export function ListPage(props: {
  chrome: Chrome;
  area: AreaDefinition;
  list: ListDefinition;
  query: ListQuery;
  rows: readonly ElementRow[];
  pageInfo: PageInfo;
  /** Export formats offered (none: no export button). */
  exportFormats?: readonly string[];
}): JSX.Element {
  const { chrome, query, list } = props;
  const path = chrome.path;
  const sort = (column: string) => {
    const active = query.sort === column;
    const order = active && query.order === 'desc' ? 'asc' : 'desc';
    return {
      href: listHref(path, query, { sort: column, order, after: undefined, offset: undefined }),
      ...(active ? { direction: query.order } : {}),
    };
  };
  const next = props.pageInfo.hasNextPage && props.pageInfo.endCursor;
  return (
    <Page title={list.label} chrome={chrome}>
      <p class="breadcrumbs" safe>
        {props.area.label}
      </p>
      <div class="page-head">
        <h1 safe>{list.label}</h1>
        <div class="actions">
          <ExportForm
            csrfToken={chrome.csrfToken}
            formats={props.exportFormats ?? []}
            target={{ kind: 'list', types: list.types, search: query.search, label: list.label }}
          />
        </div>
      </div>
      <LiveListNotice types={list.types} path={listHref(path, query, {})} />
      <form
        class="filters"
        method="get"
        action={path}
        role="search"
        aria-label={`Filter ${list.label}`}
      >
        <div class="filter">
          <label for="list-search">Search</label>
          <input id="list-search" type="search" name="search" value={query.search ?? ''} />
        </div>
        <div class="filter">
          <label for="list-first">Per page</label>
          <select id="list-first" name="first">
            {PAGE_SIZES.map((size) => (
              <option value={String(size)} selected={size === query.first} safe>
                {String(size)}
              </option>
            ))}
          </select>
        </div>
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : ''}
        {query.sort ? <input type="hidden" name="order" value={query.order} /> : ''}
        <button type="submit">Apply</button>
      </form>
      <ElementTable rows={props.rows} caption={list.label} sort={sort} />
      <Pager
        shown={props.rows.length}
        offset={query.offset}
        total={props.pageInfo.globalCount}
        firstHref={
          query.after ? listHref(path, query, { after: undefined, offset: undefined }) : undefined
        }
        nextHref={
          next
            ? listHref(path, query, { after: next, offset: query.offset + props.rows.length })
            : undefined
        }
      />
    </Page>
  );
}
