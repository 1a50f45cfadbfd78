import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnModuleDestroy } from '@nestjs/common';
import { AUDIT_CONFIG } from '@lib/config';
import type { AuditConfig } from '@lib/config';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { SYSTEM_USER_ID } from '@lib/rbac';
import type { AuditContextData, AuditEntryInput, LoginAttempt } from '../audit.types';
import { elementOfEntry, entryWrite } from '../internal/audit-element.util';

// Entries written per commit, and a full buffer's size: past it the oldest entries are dropped
// (with an error in the log) rather than the process running out of memory while the store is down.
const BATCH_SIZE = 500;
const MAX_BUFFERED = 100_000;

/**
 * Records audit entries. `record` only buffers (it never waits for the store, so logging never
 * slows a request); the buffer is written in batches every `flushMs`, at once when a batch is
 * full, and on shutdown. A failed write keeps the entries for the next round.
 */
@Injectable()
export class AuditService implements OnModuleDestroy {
  private readonly logger = new Logger(AuditService.name);
  private buffer: StoredElement[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(AUDIT_CONFIG) config: AuditConfig,
  ) {
    this.timer = setInterval(() => void this.flush(), config.flushMs);
    this.timer.unref();
  }

  /** Buffers one entry (written within `flushMs`). */
  record(entry: AuditEntryInput): void {
    this.buffer.push(elementOfEntry(entry));
    if (this.buffer.length > MAX_BUFFERED) {
      const dropped = this.buffer.splice(0, this.buffer.length - MAX_BUFFERED);
      this.logger.error(`Audit log buffer full: ${dropped.length} entries dropped`);
    }
    if (this.buffer.length >= BATCH_SIZE) {
      void this.flush();
    }
  }

  /** An entry of something a user (or the system) did, stamped now. */
  recordBy(
    ctx: AccessContext,
    entry: Omit<AuditEntryInput, 'user_id' | 'user_name' | 'timestamp'>,
  ): void {
    this.record({ ...entry, user_id: ctx.userId, user_name: ctx.userName });
  }

  /** A login (or a failed one), from any provider: local, token, OIDC, SAML. */
  recordLogin(attempt: LoginAttempt): void {
    const context: AuditContextData = {
      message: `${attempt.status === 'success' ? 'logs in' : 'fails to log in'} with ${attempt.provider}`,
      input: { email: attempt.email, provider: attempt.provider },
      ...(attempt.remoteAddress ? { remote_address: attempt.remoteAddress } : {}),
      ...(attempt.reason ? { reason: attempt.reason } : {}),
    };
    this.record({
      event_type: 'authentication',
      event_scope: attempt.status === 'success' ? 'login' : 'login_failed',
      event_status: attempt.status,
      user_id: attempt.userId ?? SYSTEM_USER_ID,
      user_name: attempt.email,
      context_data: context,
    });
  }

  /** A logout (of one session, or everywhere). */
  recordLogout(ctx: AccessContext, remoteAddress?: string): void {
    this.recordBy(ctx, {
      event_type: 'authentication',
      event_scope: 'logout',
      event_status: 'success',
      context_data: {
        message: 'logs out',
        ...(remoteAddress ? { remote_address: remoteAddress } : {}),
      },
    });
  }

  /**
   * A change of a platform object (user, group, role, settings…) made through the admin API,
   * when it is not already an internal-scope event of the live stream.
   */
  recordAdminChange(
    ctx: AccessContext,
    change: {
      scope: 'create' | 'update' | 'delete';
      entityType: string;
      entityId: string;
      entityName: string;
      input?: Record<string, unknown>;
    },
  ): void {
    this.recordBy(ctx, {
      event_type: 'mutation',
      event_scope: change.scope,
      event_status: 'success',
      event_access: 'administration',
      context_data: {
        entity_id: change.entityId,
        entity_type: change.entityType,
        entity_name: change.entityName,
        message: `${change.scope}s ${change.entityType} \`${change.entityName}\``,
        ...(change.input ? { input: change.input } : {}),
      },
    });
  }

  /** An operation refused for want of a capability. */
  recordDenied(ctx: AccessContext, operation: string, remoteAddress?: string): void {
    this.recordBy(ctx, {
      event_type: 'command',
      event_scope: 'permission_denied',
      event_status: 'error',
      context_data: {
        message: `is not allowed to run ${operation}`,
        input: { operation },
        ...(remoteAddress ? { remote_address: remoteAddress } : {}),
      },
    });
  }

  /** Writes what is buffered (after any write in progress); resolves when it is stored. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeBuffered());
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    if (this.buffer.length > 0) {
      this.logger.error(`Audit log: ${this.buffer.length} entries could not be written`);
    }
  }

  private async writeBuffered(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, BATCH_SIZE);
      try {
        await this.store.commit({
          upserts: batch.map(entryWrite),
          deletes: [],
          events: [],
        });
      } catch (error) {
        this.buffer.unshift(...batch);
        this.logger.warn(`Audit log write failed (kept for the next round): ${String(error)}`);
        return;
      }
    }
  }
}
