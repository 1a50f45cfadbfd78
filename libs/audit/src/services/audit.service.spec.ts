import type { EntityStore, WriteBatch } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { AuditService } from './audit.service';

// A store whose commits fail while `down` is set, keeping what it accepted.
function flakyStore() {
  const state = { down: false, batches: [] as WriteBatch[] };
  const store = {
    commit: jest.fn((batch: WriteBatch) => {
      if (state.down) return Promise.reject(new Error('store unavailable'));
      state.batches.push(batch);
      return Promise.resolve({ events: [] });
    }),
  } as unknown as EntityStore;
  return { state, store };
}

describe('AuditService', () => {
  const admin = { ...systemContext('admin'), kind: 'user' as const, userName: 'admin' };

  it('keeps entries whose write failed and writes them on the next round', async () => {
    const { state, store } = flakyStore();
    const sut = new AuditService(store, { retentionDays: 365, flushMs: 60_000, dataChanges: true });
    state.down = true;
    sut.recordDenied(admin, 'audits');
    await sut.flush();
    expect(state.batches).toHaveLength(0);
    state.down = false;
    sut.recordLogout(admin);
    await sut.onModuleDestroy();
    const written = state.batches.flatMap((b) => b.upserts.map((u) => u.element.attributes));
    expect(written.map((a) => a.event_scope)).toEqual(['permission_denied', 'logout']);
    expect(state.batches.every((b) => b.events.length === 0)).toBe(true);
  });

  it('writes a full batch without waiting for the timer, in batches of 500', async () => {
    const { state, store } = flakyStore();
    const sut = new AuditService(store, { retentionDays: 365, flushMs: 60_000, dataChanges: true });
    for (let i = 0; i < 1200; i++) sut.recordDenied(admin, `op${i}`);
    await sut.flush();
    expect(state.batches.map((b) => b.upserts.length)).toEqual([500, 500, 200]);
    await sut.onModuleDestroy();
  });

  it('records logins, failed ones without a user id, and admin changes', async () => {
    const { state, store } = flakyStore();
    const sut = new AuditService(store, { retentionDays: 365, flushMs: 60_000, dataChanges: true });
    sut.recordLogin({
      userId: 'u1',
      email: 'a@example.com',
      provider: 'oidc',
      status: 'success',
      remoteAddress: '10.0.0.1',
    });
    sut.recordLogin({
      email: 'x@example.com',
      provider: 'local',
      status: 'error',
      reason: 'locked',
    });
    sut.recordAdminChange(admin, {
      scope: 'update',
      entityType: 'Group',
      entityId: 'g1',
      entityName: 'Analysts',
      input: { key: 'name' },
    });
    await sut.onModuleDestroy();
    const [login, failed, change] = state.batches.flatMap((b) =>
      b.upserts.map((u) => u.element.attributes),
    );
    expect(login).toMatchObject({
      event_type: 'authentication',
      event_scope: 'login',
      event_status: 'success',
      user_id: 'u1',
      user_name: 'a@example.com',
      context_data: { remote_address: '10.0.0.1', input: { provider: 'oidc' } },
    });
    expect(failed).toMatchObject({
      event_scope: 'login_failed',
      event_status: 'error',
      context_data: { reason: 'locked' },
    });
    expect(change).toMatchObject({
      event_type: 'mutation',
      event_scope: 'update',
      event_access: 'administration',
      context_data: { entity_id: 'g1', entity_type: 'Group', entity_name: 'Analysts' },
    });
  });
});
