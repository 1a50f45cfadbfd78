import { randomBytes, scryptSync } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { verifyPassword } from '@lib/bootstrap';
import { CacheModule } from '@lib/cache';
import { AUTH_CONFIG } from '@lib/config';
import { EntityStore, VersionConflictError, buildElement } from '@lib/entity-store';
import type { CommitResult, StoredElement, WriteBatch } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { generateStandardId } from '@lib/stix';
import { AccessContextsService } from '../access/access-contexts.service';
import { LoginRefusedError } from '../errors/auth.error';
import { LocalLoginService } from './local-login.service';
import { LoginLockout } from './login-lockout.service';
import { TokenAuthService } from './token-auth.service';

// The few store operations a login uses, over a map (versions checked like the real adapters).
class MapStore extends EntityStore {
  readonly elements = new Map<string, StoredElement>();
  resolve(_ctx: unknown, keys: readonly string[]): Promise<Map<string, StoredElement[]>> {
    const found = new Map<string, StoredElement[]>();
    for (const key of keys) {
      const hits = [...this.elements.values()].filter((e) => e.standardId === key);
      if (hits.length > 0) found.set(key, hits);
    }
    return Promise.resolve(found);
  }
  findRelations(): Promise<StoredElement[]> {
    return Promise.reject(new Error('not used'));
  }
  get(_ctx: unknown, id: string): Promise<StoredElement | undefined> {
    return Promise.resolve(this.elements.get(id));
  }
  getMany(): Promise<Map<string, StoredElement>> {
    return Promise.reject(new Error('not used'));
  }
  countByType(): Promise<Record<string, number>> {
    return Promise.reject(new Error('not used'));
  }
  commit(batch: WriteBatch): Promise<CommitResult> {
    for (const { element, expectedVersion } of batch.upserts) {
      if ((this.elements.get(element.internalId)?.version ?? 0) !== expectedVersion) {
        return Promise.reject(new VersionConflictError(element.internalId, expectedVersion));
      }
      this.elements.set(element.internalId, element);
    }
    return Promise.resolve({ events: [] });
  }
}

function legacyScrypt(password: string): string {
  const salt = randomBytes(16);
  const digest = scryptSync(password, salt, 64, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), digest.toString('base64')].join('$');
}

function user(email: string, password: string, status = 'Active'): StoredElement {
  return buildElement({
    entityType: 'User',
    standardId: generateStandardId('User', { user_email: email }),
    attributes: {
      user_email: email,
      name: email,
      password,
      account_status: status,
      api_token: 'f0e1d2c3-0000-4000-8000-000000000001',
    },
  });
}

describe(LocalLoginService.name, () => {
  let sut: LocalLoginService;
  let store: MapStore;

  beforeEach(async () => {
    store = new MapStore();
    const app = await Test.createTestingModule({
      imports: [CacheModule.forRoot({ driver: 'memory', memory: { maxEntries: 100 } })],
      providers: [
        LocalLoginService,
        LoginLockout,
        TokenAuthService,
        { provide: EntityStore, useValue: store },
        // Rights are derived elsewhere (access-contexts.service); a login needs an active user.
        {
          provide: AccessContextsService,
          useValue: {
            contextOf: (u: StoredElement) =>
              Promise.resolve(
                u.attributes.account_status === 'Active'
                  ? { ...systemContext('login test'), kind: 'user', userId: u.internalId }
                  : undefined,
              ),
          },
        },
        {
          provide: AUTH_CONFIG,
          useValue: { lockout: { maxFailures: 2, windowMs: 60_000, lockMs: 60_000 } },
        },
      ],
    }).compile();
    sut = app.get(LocalLoginService);
  });

  it('logs in with a legacy scrypt hash and replaces it with argon2id', async () => {
    const ann = user('ann@example.org', legacyScrypt('ann password 1'));
    store.elements.set(ann.internalId, ann);
    const login = await sut.login('ann@example.org', 'ann password 1');
    expect(login).toMatchObject({ userId: ann.internalId, email: 'ann@example.org' });
    const upgraded = store.elements.get(ann.internalId)!;
    expect(upgraded.version).toBe(ann.version + 1);
    expect(upgraded.attributes.password).toMatch(/^\$argon2id\$/);
    await expect(
      verifyPassword('ann password 1', upgraded.attributes.password as string),
    ).resolves.toBe(true);
    // Logging in again keeps the argon2 hash as it is.
    await sut.login('ann@example.org', 'ann password 1');
    expect(store.elements.get(ann.internalId)!.version).toBe(upgraded.version);
  });

  it('answers the same refusal for an unknown email, a wrong password and a disabled user', async () => {
    const bob = user('bob@example.org', legacyScrypt('bob password'), 'Inactive');
    const cid = user('cid@example.org', legacyScrypt('cid password'));
    store.elements.set(bob.internalId, bob);
    store.elements.set(cid.internalId, cid);
    const refusals = await Promise.all([
      sut.login('nobody@example.org', 'whatever').catch((e: unknown) => e),
      sut.login('cid@example.org', 'wrong').catch((e: unknown) => e),
      sut.login('bob@example.org', 'bob password').catch((e: unknown) => e),
    ]);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(LoginRefusedError);
      expect(refusal).toMatchObject({ code: 'LOGIN_FAILED', message: 'Invalid email or password' });
    }
    expect(store.elements.get(bob.internalId)!.attributes.password).toMatch(/^scrypt\$/);
  });

  it('refuses even the right password once the email is locked', async () => {
    const dan = user('dan@example.org', legacyScrypt('dan password'));
    store.elements.set(dan.internalId, dan);
    await expect(sut.login('dan@example.org', 'bad 1')).rejects.toMatchObject({
      code: 'LOGIN_FAILED',
    });
    await expect(sut.login('dan@example.org', 'bad 2')).rejects.toMatchObject({
      code: 'LOGIN_FAILED',
    });
    await expect(sut.login('dan@example.org', 'dan password')).rejects.toMatchObject({
      code: 'LOGIN_LOCKED',
    });
  });
});
