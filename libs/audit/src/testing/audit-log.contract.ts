import { randomUUID } from 'node:crypto';
import { Cache } from '@lib/cache';
import type { EntityStore } from '@lib/entity-store';
import type { EventStream } from '@lib/event-stream';
import type { StreamEventDraft } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { systemContext } from '@lib/rbac';
import type { SearchIndex } from '@lib/search-index';
import { AuditEventConsumer } from '../services/audit-event.consumer';
import { AuditLogService } from '../services/audit-log.service';
import { AuditService } from '../services/audit.service';

export type AuditLogHarness = {
  store: EntityStore;
  index: SearchIndex;
  events: EventStream;
  cleanup(): Promise<void>;
};

// The consumer's rounds are driven by hand here; its lock is unit-tested with a fake cache.
class UnusedCache extends Cache {
  private fail(): never {
    throw new Error('the contract drives rounds without the cache');
  }
  get = () => this.fail();
  getMany = () => this.fail();
  set = () => this.fail();
  delete = () => this.fail();
  withLock = () => this.fail();
}

const AUDITED = { retentionDays: 365, flushMs: 1000, dataChanges: true };
const GREEN = randomUUID();
const RED = randomUUID();

function reader(markings: string[]): AccessContext {
  return {
    kind: 'user',
    userId: randomUUID(),
    userName: 'auditor',
    capabilities: new Set(['SETTINGS_SECURITYACTIVITY']),
    bypass: false,
    allowedMarkings: new Set(markings),
    organizations: 'all',
    maxConfidence: 100,
  };
}

const malware = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'malware',
  id: `malware--${randomUUID()}`,
  name,
  ...extra,
});

function draft(
  type: StreamEventDraft['type'],
  elementId: string,
  data: Record<string, unknown>,
  context?: Record<string, unknown>,
): StreamEventDraft {
  return {
    type,
    scope: 'external',
    elementId,
    entityType: 'Malware',
    origin: { user_id: 'user-1', connector_id: 'conn-1' },
    message: `${type}s a Malware \`${String(data.name)}\``,
    data,
    ...(context ? { context } : {}),
  };
}

/**
 * The audit log over one store profile: recording in batches, reading with filters, markings and
 * paging, purging by age, and consuming data changes from the event stream resumably.
 */
export function describeAuditLogContract(
  name: string,
  harness: () => Promise<AuditLogHarness>,
): void {
  describe(`audit log contract: ${name}`, () => {
    let h: AuditLogHarness;
    let audit: AuditService;
    let log: AuditLogService;
    const system = systemContext('test');
    const admin = { ...systemContext('admin'), kind: 'user' as const, userName: 'admin' };

    beforeEach(async () => {
      h = await harness();
      audit = new AuditService(h.store, { ...AUDITED, flushMs: 60_000 });
      log = new AuditLogService(h.index, h.store);
    });

    afterEach(async () => {
      await audit.onModuleDestroy();
      await h.cleanup();
    });

    const download = (entityId: string, markings: string[], timestamp?: string) =>
      audit.record({
        event_type: 'file',
        event_scope: 'file_download',
        event_status: 'success',
        user_id: admin.userId,
        user_name: 'admin',
        ...(timestamp ? { timestamp } : {}),
        context_data: {
          entity_id: entityId,
          entity_type: 'Report',
          entity_name: `file ${entityId}`,
        },
        markings,
      });

    it('stores nothing until flushed, then lists the entries newest first', async () => {
      audit.recordDenied(admin, 'audits', '127.0.0.1');
      audit.recordLogin({
        email: 'eve@example.com',
        provider: 'local',
        status: 'error',
        reason: 'bad password',
      });
      expect((await log.list(system, { first: 10 })).items).toHaveLength(0);
      await audit.flush();
      const page = await log.list(system, { first: 10 });
      expect(page.pageInfo.globalCount).toBe(2);
      expect(page.items.map((e) => e.event_scope)).toEqual(['login_failed', 'permission_denied']);
      expect(page.items[0]).toMatchObject({
        event_type: 'authentication',
        event_status: 'error',
        user_name: 'eve@example.com',
        context_data: { reason: 'bad password', input: { email: 'eve@example.com' } },
      });
      expect(page.items[1]?.context_data.remote_address).toBe('127.0.0.1');
    });

    it('pages and filters by scope, entity, user and time', async () => {
      const report = randomUUID();
      download(report, [], '2026-01-01T00:00:00.000Z');
      download(randomUUID(), [], '2026-02-01T00:00:00.000Z');
      download(report, [], '2026-03-01T00:00:00.000Z');
      audit.recordDenied(admin, 'audits');
      await audit.flush();
      const first = await log.list(system, { first: 2, orderMode: 'asc' });
      expect(first.items.map((e) => e.timestamp.slice(0, 7))).toEqual(['2026-01', '2026-02']);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await log.list(system, {
        first: 2,
        orderMode: 'asc',
        after: first.pageInfo.endCursor ?? '',
      });
      expect(second.items.map((e) => e.event_scope)).toEqual([
        'file_download',
        'permission_denied',
      ]);
      const about = await log.list(system, {
        first: 10,
        filters: {
          mode: 'and',
          filters: [
            { key: ['context_data.entity_id'], values: [report] },
            { key: ['timestamp'], values: ['2026-02-15T00:00:00.000Z'], operator: 'gte' },
          ],
          filterGroups: [],
        },
      });
      expect(about.items.map((e) => e.timestamp)).toEqual(['2026-03-01T00:00:00.000Z']);
      const denied = await log.list(system, {
        first: 10,
        filters: {
          mode: 'and',
          filters: [
            { key: ['event_scope'], values: ['permission_denied'] },
            { key: ['members_user'], values: [admin.userId] },
          ],
          filterGroups: [],
        },
      });
      expect(denied.items).toHaveLength(1);
      await expect(
        log.list(system, {
          first: 10,
          filters: {
            mode: 'and',
            filters: [{ key: ['password'], values: ['x'] }],
            filterGroups: [],
          },
        }),
      ).rejects.toMatchObject({ code: 'AUDIT_INVALID_FILTER', category: 'validation' });
    });

    it('finds entries by words of their entity name', async () => {
      audit.recordBy(admin, {
        event_type: 'command',
        event_scope: 'export',
        event_status: 'success',
        context_data: { entity_name: 'Quarterly Emotet review', message: 'asks an export' },
      });
      download(randomUUID(), []);
      await audit.flush();
      const found = await log.list(system, { first: 10, search: 'emotet' });
      expect(found.items.map((e) => e.event_scope)).toEqual(['export']);
    });

    it('hides entries about elements whose markings the reader may not see', async () => {
      const green = randomUUID();
      const red = randomUUID();
      download(green, [GREEN]);
      download(red, [GREEN, RED]);
      audit.recordDenied(admin, 'audits');
      await audit.flush();
      const seen = await log.list(reader([GREEN]), { first: 10 });
      expect(seen.items.map((e) => e.context_data.entity_id ?? 'none').sort()).toEqual(
        [green, 'none'].sort(),
      );
      expect(seen.pageInfo.globalCount).toBe(2);
      expect((await log.list(system, { first: 10 })).items).toHaveLength(3);
    });

    it('purges the entries older than a date, and only those', async () => {
      download(randomUUID(), [], '2020-01-01T00:00:00.000Z');
      download(randomUUID(), [], '2020-06-01T00:00:00.000Z');
      download(randomUUID(), [], '2026-01-01T00:00:00.000Z');
      await audit.flush();
      expect(await log.purge(new Date('2021-01-01T00:00:00.000Z'))).toBe(2);
      const left = await log.list(system, { first: 10 });
      expect(left.items.map((e) => e.timestamp)).toEqual(['2026-01-01T00:00:00.000Z']);
      expect(await log.purge(new Date('2021-01-01T00:00:00.000Z'))).toBe(0);
    });

    it('writes what is buffered when the module is destroyed', async () => {
      download(randomUUID(), []);
      await audit.onModuleDestroy();
      expect((await log.list(system, { first: 10 })).items).toHaveLength(1);
    });

    it('turns data changes into entries, resuming after a restart without doubles', async () => {
      const id = randomUUID();
      const created = malware('Emotet', { description: 'loader' });
      const updated = { ...created, description: 'banking trojan' };
      await h.events.append([
        draft('create', id, created),
        draft('update', id, updated, {
          patch: [{ op: 'replace', path: '/description', value: 'banking trojan' }],
          reverse_patch: [{ op: 'replace', path: '/description', value: 'loader' }],
        }),
      ]);
      const consumer = new AuditEventConsumer(h.events, h.store, new UnusedCache(), AUDITED);
      expect(await consumer.round()).toBe(2);
      expect(await consumer.round()).toBe(0);
      const entries = (await log.list(system, { first: 10, orderMode: 'asc' })).items;
      expect(entries.map((e) => e.event_scope)).toEqual(['create', 'update']);
      expect(entries[1]).toMatchObject({
        event_type: 'mutation',
        user_id: 'user-1',
        context_data: {
          entity_id: id,
          entity_type: 'Malware',
          entity_name: 'Emotet',
          origin: { connector_id: 'conn-1' },
          changes: [{ field: 'description', previous: '"loader"', new: '"banking trojan"' }],
        },
      });
      // A new consumer (a restart, another replica) goes on after the last event consumed.
      await h.events.append([draft('delete', id, updated)]);
      const restarted = new AuditEventConsumer(h.events, h.store, new UnusedCache(), AUDITED);
      expect(await restarted.round()).toBe(1);
      const all = (await log.list(system, { first: 10, orderMode: 'asc' })).items;
      expect(all.map((e) => e.event_scope)).toEqual(['create', 'update', 'delete']);
    });

    it('never doubles entries when a stale consumer writes after another one', async () => {
      const stale = new AuditEventConsumer(h.events, h.store, new UnusedCache(), AUDITED);
      const current = new AuditEventConsumer(h.events, h.store, new UnusedCache(), AUDITED);
      expect(await stale.round()).toBe(0);
      await h.events.append([draft('create', randomUUID(), malware('Geodo'))]);
      expect(await current.round()).toBe(1);
      // The stale one still believes nothing was consumed: its commit conflicts, it reads again.
      expect(await stale.round()).toBe(0);
      expect(await stale.round()).toBe(0);
      await h.events.append([draft('create', randomUUID(), malware('Heodo'))]);
      expect(await stale.round()).toBe(1);
      const all = (await log.list(system, { first: 10, orderMode: 'asc' })).items;
      expect(all.map((e) => e.context_data.entity_name)).toEqual(['Geodo', 'Heodo']);
    });
  });
}
