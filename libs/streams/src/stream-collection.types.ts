import type { CollectionBase } from './internal/collection-fields.util';

export const STREAM_COLLECTION_ENTITY_TYPE = 'StreamCollection';

/** Who may read a stream besides BYPASS users: a user id, with OpenCTI's access right name. */
export type AuthorizedMember = { id: string; accessRight: 'view' | 'edit' | 'admin' };

/**
 * A live stream defined by filters (connector-protocol.md §4.8), served at `/stream/<id>`.
 * `filters` is kept as given (OpenCTI's FilterGroup JSON), parsed once on save.
 */
export type StreamCollection = CollectionBase & {
  /** Started: served; stopped: `/stream/<id>` answers 410. */
  live: boolean;
  /** Readable without authentication (with its creator's rights). */
  public: boolean;
};

export type StreamCollectionInput = {
  name: string;
  description?: string | null;
  filters?: string | null;
  stream_live?: boolean | null;
  stream_public?: boolean | null;
  authorized_members?: { id: string; access_right?: string | null }[] | null;
};

/** One `fieldPatch` edit (`key` = a StreamCollection field, `value` its new values). */
export type StreamCollectionPatch = { key: string; value: unknown[] };

/** An SSE message: `id` is absent on `connected`. */
export type SseMessage = { id?: string; event: string; data: unknown };

/** What a client asked for (query string or headers, connector-protocol.md §4.3). */
export type StreamRequest = {
  /** `0`, `0-0`, an event id or an ISO date; absent = only what happens from now. */
  from?: string;
  /** Live streams: replay the state of elements updated between `from` and this date first. */
  recover?: string;
  listenDelete: boolean;
  noDependencies: boolean;
  withInferences: boolean;
};

/** A connected client, for the collection's `connections` listing. */
export type StreamConnection = {
  id: string;
  streamId: string;
  userId: string;
  connectedAt: string;
  lastEventId: string | undefined;
  delivered: number;
};
