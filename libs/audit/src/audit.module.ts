import { Module } from '@nestjs/common';
import { AuditEventConsumer } from './services/audit-event.consumer';
import { AuditLogService } from './services/audit-log.service';
import { AuditRetentionService } from './services/audit-retention.service';
import { AuditService } from './services/audit.service';

/**
 * The audit log (the core role imports it): the recorder, the reader, the consumer turning data
 * changes into entries, and the retention purge.
 */
@Module({
  providers: [AuditService, AuditLogService, AuditEventConsumer, AuditRetentionService],
  exports: [AuditService, AuditLogService],
})
export class AuditModule {}
