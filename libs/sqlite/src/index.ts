export { SqliteDatabase } from './sqlite-database';
export type { SqliteDatabaseOptions } from './sqlite-database';
export type { SqliteMigration } from './sqlite-migration.types';
export { SqliteModule } from './sqlite.module';
export { SqliteDurableQueue } from './sqlite-durable-queue';
export type {
  DurableDeadLetter,
  DurableFailureReason,
  DurableMessage,
  DurableMessageDraft,
  DurableMessageRef,
  DurableQueueStats,
  DurableSettlement,
} from './sqlite-durable-queue.types';
export { LEASE_EXPIRED_REASON } from './sqlite-durable-queue.constants';
export { SqliteQueueConsumer } from './sqlite-queue-consumer';
export type { DurableBatchProcessor, SqliteQueueConsumerOptions } from './sqlite-queue-consumer';
export { failureReason } from './failure-reason.util';
export { writeTransaction } from './write-transaction.util';
export { SqliteEventLog } from './sqlite-event-log';
export type { EventLogCursor, EventLogInfo, SqliteEventLogOptions } from './sqlite-event-log.types';
export { sqliteFailure } from './sqlite-failure.util';
export { appendedEvents } from './sqlite-event-log';
export type { SqliteWriter } from './sqlite-writer';
export type {
  AppendedEvents,
  SqlValue,
  WriteOutcome,
  WriteProgram,
  WriteStep,
} from './sqlite-write-program';
export { encodeEventBody } from './sqlite-write-program';
export type {
  BuiltProgram,
  EventLogSql,
  ProgramBuilder,
  WriteRequest,
} from './sqlite-write-program';
