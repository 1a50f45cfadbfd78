export { KnowledgeModule } from './knowledge.module';
export { KnowledgeCreateService } from './services/knowledge-create.service';
export { KnowledgeEditService } from './services/knowledge-edit.service';
export { KnowledgeDeleteService } from './services/knowledge-delete.service';
export { KnowledgeMergeService } from './services/knowledge-merge.service';
export { KnowledgeFilesService } from './services/knowledge-files.service';
export type { FileUpload, StoredFile } from './services/knowledge-files.service';
export { KnowledgeFileJobsService } from './services/knowledge-file-jobs.service';
export { KnowledgeBundleService } from './services/knowledge-bundle.service';
export { editableAttributes } from './internal/editable-attributes.constants';
export {
  ANNOTATION_CAPABILITIES,
  PARTICIPATION_TYPES,
  mayAnnotate,
} from './internal/participation.util';
export type {
  BundlePushInput,
  EditInput,
  EditOperation,
  EntityCreateInput,
  ExportRequest,
  ListExportRequest,
  ImportJobRequest,
  ImportValidationMode,
  KnowledgeFile,
  ObservableCreateInput,
  RefInputs,
  RefRelationInput,
  RelationshipCreateInput,
  SightingCreateInput,
} from './knowledge.types';
