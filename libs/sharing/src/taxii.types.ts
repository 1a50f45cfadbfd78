import type { CollectionBase } from '@lib/streams';

export const TAXII_COLLECTION_ENTITY_TYPE = 'TaxiiCollection';
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/** A TAXII 2.1 collection defined by filters (connector-protocol.md §5). */
export type TaxiiCollection = CollectionBase & {
  /** Readable without authentication (with its creator's rights). */
  public: boolean;
  /** Envelopes may be POSTed to it (imported as their sender). */
  allowWrite: boolean;
  /** Objects may be DELETEd through it. */
  allowDelete: boolean;
  /** Indicators carry their score as confidence. */
  scoreToConfidence: boolean;
};

export type TaxiiCollectionInput = {
  name: string;
  description?: string | null;
  filters?: string | null;
  taxii_public?: boolean | null;
  taxii_write?: boolean | null;
  taxii_delete?: boolean | null;
  score_to_confidence?: boolean | null;
  authorized_members?: { id: string; access_right?: string | null }[] | null;
};

/** The query parameters of an objects or manifest request (TAXII 2.1 §3.4). */
export type TaxiiObjectsQuery = {
  addedAfter?: string;
  limit?: number;
  next?: string;
  matchIds?: string[];
  matchTypes?: string[];
  matchVersions?: string[];
  matchSpecVersions?: string[];
};

/**
 * One version of an object: its STIX form, its version (`modified`) and its date added (the
 * element's updated_at for the current version, the commit time of its first event for older ones).
 */
export type TaxiiVersion = { stix: Record<string, unknown>; dateAdded: string; version: string };

/** One page of a collection, or of one object's versions. */
export type TaxiiPage = {
  objects: TaxiiVersion[];
  more: boolean;
  next?: string;
};

/** TAXII 2.1 §3.3.2 status resource. */
export type TaxiiStatus = {
  id: string;
  status: 'complete' | 'pending';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  successes: { id: string; version?: string; message?: string }[];
  failures: { id: string; version?: string; message?: string }[];
  pendings: { id: string; version?: string; message?: string }[];
};
