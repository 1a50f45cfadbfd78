export type { WorkCounts, WorkError, WorkProgress, WorkStatus } from './work.types';
export { MAX_WORK_ERRORS, WORK_ENTITY_TYPE } from './work.types';
export {
  newWorkElement,
  withWorkCompleted,
  withWorkProgress,
  workCounts,
} from './work-element.util';
export type { NewWork } from './work-element.util';
export { WorkService } from './services/work.service';
export { WorksModule } from './works.module';
