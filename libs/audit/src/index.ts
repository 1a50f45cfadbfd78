export { AuditModule } from './audit.module';
export { AuditService } from './services/audit.service';
export { AuditLogService, retentionCutoff } from './services/audit-log.service';
export type { AuditListQuery } from './services/audit-log.service';
export { AuditEventConsumer } from './services/audit-event.consumer';
export { AuditRetentionService } from './services/audit-retention.service';
export { AUDIT_FILTER_KEYS } from './internal/audit-filters.util';
export { AUDIT_ENTITY_TYPE } from './audit.types';
export type {
  AuditChange,
  AuditContextData,
  AuditEntry,
  AuditEntryInput,
  AuditEventAccess,
  AuditEventScope,
  AuditEventStatus,
  AuditEventType,
  LoginAttempt,
} from './audit.types';
export { describeAuditLogContract } from './testing/audit-log.contract';
export type { AuditLogHarness } from './testing/audit-log.contract';
