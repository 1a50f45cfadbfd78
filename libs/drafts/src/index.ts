export { DraftsModule } from './drafts.module';
export { DraftsService, draftCounts } from './services/drafts.service';
export { DRAFT_ENTITY_TYPE } from './draft.types';
export type { DraftObjectsCount, DraftWorkspace } from './draft.types';
