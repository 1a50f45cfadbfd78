import type { Filter, FilterGroup } from '@lib/kernel';

// A list page's filter fields (labels, markings, author, created range, confidence range) read
// from the query string and compiled into the FilterGroup the GraphQL lists hand to the search.

export type ListFilters = {
  labels: string[];
  markings: string[];
  author?: string | undefined;
  /** `YYYY-MM-DD`, inclusive. */
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  confidenceMin?: number | undefined;
  confidenceMax?: number | undefined;
};

const MAX_IDS = 50;
const ID = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,199}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const ids = (value: unknown): string[] => {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const kept = values.filter((v): v is string => typeof v === 'string' && ID.test(v));
  return [...new Set(kept)].slice(0, MAX_IDS);
};

const day = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || !DAY.test(value)) return undefined;
  return Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) ? undefined : value;
};

const confidence = (value: unknown): number | undefined => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : undefined;
};

/** Reads the filter fields; malformed values are dropped (a list never fails on its filters). */
export function readListFilters(query: Record<string, unknown>): ListFilters {
  return {
    labels: ids(query.label),
    markings: ids(query.marking),
    author: ids(query.author)[0],
    createdFrom: day(query.created_from),
    createdTo: day(query.created_to),
    confidenceMin: confidence(query.confidence_min),
    confidenceMax: confidence(query.confidence_max),
  };
}

/** The filters as the FilterGroup of the GraphQL lists (every field must hold); none: undefined. */
export function compileListFilters(filters: ListFilters): FilterGroup | undefined {
  const out: Filter[] = [];
  if (filters.labels.length > 0) out.push({ key: ['objectLabel'], values: filters.labels });
  if (filters.markings.length > 0) out.push({ key: ['objectMarking'], values: filters.markings });
  if (filters.author) out.push({ key: ['createdBy'], values: [filters.author] });
  if (filters.createdFrom) {
    out.push({
      key: ['created'],
      values: [`${filters.createdFrom}T00:00:00.000Z`],
      operator: 'gte',
    });
  }
  if (filters.createdTo) {
    out.push({ key: ['created'], values: [`${filters.createdTo}T23:59:59.999Z`], operator: 'lte' });
  }
  if (filters.confidenceMin !== undefined) {
    out.push({ key: ['confidence'], values: [filters.confidenceMin], operator: 'gte' });
  }
  if (filters.confidenceMax !== undefined) {
    out.push({ key: ['confidence'], values: [filters.confidenceMax], operator: 'lte' });
  }
  return out.length > 0 ? { mode: 'and', filters: out, filterGroups: [] } : undefined;
}

/** The filters as query parameters (for links that keep them: sorting, paging). */
export function filterParams(filters: ListFilters): [string, string][] {
  const params: [string, string][] = [];
  filters.labels.forEach((id) => params.push(['label', id]));
  filters.markings.forEach((id) => params.push(['marking', id]));
  if (filters.author) params.push(['author', filters.author]);
  if (filters.createdFrom) params.push(['created_from', filters.createdFrom]);
  if (filters.createdTo) params.push(['created_to', filters.createdTo]);
  if (filters.confidenceMin !== undefined) {
    params.push(['confidence_min', String(filters.confidenceMin)]);
  }
  if (filters.confidenceMax !== undefined) {
    params.push(['confidence_max', String(filters.confidenceMax)]);
  }
  return params;
}
