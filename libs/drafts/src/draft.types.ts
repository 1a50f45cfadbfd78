/** A draft workspace: knowledge staged for review before it is imported (validated). */
export type DraftWorkspace = {
  id: string;
  name: string;
  /** Unused; drafts have a name only (kept for the collection helpers). */
  description: string;
  /** The element the draft was made for (a report a file was attached to), if any. */
  entityId: string | null;
  status: 'open' | 'validated';
  createdAt: string;
  creatorId: string;
  /** The work importing the draft once validated. */
  validationWorkId: string | null;
  validatedAt: string | null;
};

/** What a draft holds, by kind (OpenCTI's `objectsCount`). */
export type DraftObjectsCount = {
  totalCount: number;
  entitiesCount: number;
  observablesCount: number;
  relationshipsCount: number;
  sightingsCount: number;
  containersCount: number;
};

export const DRAFT_ENTITY_TYPE = 'DraftWorkspace';
