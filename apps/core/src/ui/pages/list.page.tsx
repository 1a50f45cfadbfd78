import { ElementTable, Page, Pager, typeLabel } from '@lib/ui';
import type { AreaDefinition, Chrome, ElementRow, ListDefinition } from '@lib/ui';
import type { PageInfo } from '@lib/kernel';
import type { FormChoices } from '../knowledge/form-options.service';
import { filterParams } from '../knowledge/list-filters.util';
import type { ListFilters } from '../knowledge/list-filters.util';
import { PAGE_SIZES, listHref } from '../knowledge/list-query.util';
import type { ListQuery } from '../knowledge/list-query.util';
import { ExportForm } from '../io/export-form';
import { LiveListNotice } from '../io/live-notice';
import { createHrefOf } from '../knowledge/creatable-types.util';
import { BulkBar, FilterFields } from './list-toolbar';

/** What the viewer may do on the list (buttons shown only then). */
export type ListAbilities = { createTypes: readonly string[]; update: boolean; delete: boolean };

/** An href with the list filters appended (so sorting and paging keep them). */
function withFilters(href: string, filters: ListFilters): string {
  const params = filterParams(filters);
  if (params.length === 0) return href;
  const extra = new URLSearchParams(params).toString();
  return href.includes('?') ? `${href}&${extra}` : `${href}?${extra}`;
}

/** One area's list: search, filters, sort, page size, create, bulk actions, rows and pager. */
export function ListPage(props: {
  chrome: Chrome;
  area: AreaDefinition;
  list: ListDefinition;
  query: ListQuery;
  filters: ListFilters;
  choices: FormChoices;
  abilities: ListAbilities;
  rows: readonly ElementRow[];
  pageInfo: PageInfo;
  /** Export formats offered (none: no export button). */
  exportFormats?: readonly string[];
}): JSX.Element {
  const { chrome, query, list, filters, abilities } = props;
  const path = chrome.path;
  const href = (patch: Parameters<typeof listHref>[2]) =>
    withFilters(listHref(path, query, patch), filters);
  const sort = (column: string) => {
    const active = query.sort === column;
    const order = active && query.order === 'desc' ? 'asc' : 'desc';
    return {
      href: href({ sort: column, order, after: undefined, offset: undefined }),
      ...(active ? { direction: query.order } : {}),
    };
  };
  const next = props.pageInfo.hasNextPage && props.pageInfo.endCursor;
  const createLabel = (type: string): string =>
    abilities.createTypes.length > 1 ? `Create ${typeLabel(type).toLowerCase()}` : 'Create';
  const returnTo = withFilters(listHref(path, query, {}), filters);
  return (
    <Page title={list.label} chrome={chrome}>
      <p class="breadcrumbs" safe>
        {props.area.label}
      </p>
      <div class="page-head">
        <h1 safe>{list.label}</h1>
        <div class="actions">
          {abilities.createTypes.map((type) => (
            <a class="button primary" href={createHrefOf(type)} safe>
              {createLabel(type)}
            </a>
          ))}
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
        <FilterFields filters={filters} choices={props.choices} />
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
        {filterParams(filters).length > 0 || query.search ? (
          <a class="button" href={path}>
            Clear
          </a>
        ) : (
          ''
        )}
      </form>
      {abilities.update && props.rows.length > 0 ? (
        <form method="post" hx-boost="false" action="/bulk" class="bulk" aria-label="Bulk actions">
          <input type="hidden" name="_csrf" value={chrome.csrfToken} />
          <input type="hidden" name="returnTo" value={returnTo} />
          <BulkBar choices={props.choices} canDelete={abilities.delete} />
          <ElementTable rows={props.rows} caption={list.label} sort={sort} selectable />
        </form>
      ) : (
        <ElementTable rows={props.rows} caption={list.label} sort={sort} />
      )}
      <Pager
        shown={props.rows.length}
        offset={query.offset}
        total={props.pageInfo.globalCount}
        firstHref={query.after ? href({ after: undefined, offset: undefined }) : undefined}
        nextHref={
          next ? href({ after: next, offset: query.offset + props.rows.length }) : undefined
        }
      />
    </Page>
  );
}
