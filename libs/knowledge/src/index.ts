export { KnowledgeModule } from './knowledge.module';
export { KnowledgeCreateService } from './services/knowledge-create.service';
export type {
  BundlePushInput,
  EditInput,
  EditOperation,
  EntityCreateInput,
  KnowledgeFile,
  ObservableCreateInput,
  RefInputs,
  RefRelationInput,
  RelationshipCreateInput,
  SightingCreateInput,
} from './knowledge.types';
