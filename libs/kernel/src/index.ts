export { AppError } from './app-error';
export type { AppErrorOptions, ErrorCategory } from './app-error';
export { assertNever } from './assert-never.util';
export type { Page, PageInfo } from './page.types';
export { FILTER_OPERATORS, emptyFilterGroup } from './filter.types';
export type { Filter, FilterGroup, FilterMode, FilterOperator, FilterValue } from './filter.types';
export { sleep } from './sleep.util';
export type { StreamEvent, StreamEventDraft, StreamEventType } from './stream-event.types';
export { textOf } from './text-of.util';
