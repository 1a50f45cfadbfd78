export type { WorkCounts, WorkError, WorkProgress, WorkStatus } from './work.types';
export { MAX_WORK_ERRORS, WORK_ENTITY_TYPE } from './work.types';
export {
  newWorkElement,
  withWorkCompleted,
  withWorkMessage,
  withWorkStatus,
  withWorkProgress,
  workCounts,
} from './work-element.util';
export type { NewWork } from './work-element.util';
export { WorkService } from './services/work.service';
export { WorkListService } from './services/work-list.service';
export type { WorkListQuery } from './services/work-list.service';
export { WorksModule } from './works.module';
export { ignoringDeletedWork } from './ignoring-deleted-work.util';
