import { rmSync } from 'node:fs';
import { Test } from '@nestjs/testing';
import type { TestingModule } from '@nestjs/testing';
import { BlobStoreModule } from '@lib/blob-store';
import { Cache, CacheModule } from '@lib/cache';
import { ConfigError } from '@lib/config';
import { ConnectorBusModule } from '@lib/connector-bus';
import { EntityStore, buildElement } from '@lib/entity-store';
import { IngestionService } from '@lib/ingestion';
import { JobQueueModule } from '@lib/job-queue';
import { textOf } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import { generateStandardId } from '@lib/stix';
import { embeddedTestModules } from '@lib/testing';
import { ADMIN_INTERNAL_ID } from '../admin-user.constants';
import { BootstrapModule } from '../bootstrap.module';
import { verifyPassword } from '../password-hash.util';
import { BootstrapService } from './bootstrap.service';

const system = systemContext('test');
const FIRST = {
  THREATLOOM_ADMIN_EMAIL: 'first@example.com',
  THREATLOOM_ADMIN_PASSWORD: 'first password 1',
  THREATLOOM_ADMIN_TOKEN: '0b1c2d3e-0000-4000-8000-000000000001',
};

// Boots (module init runs the bootstrap) on `dir`, or on a fresh directory.
async function boot(env: Record<string, string>, dir?: string) {
  const { dir: dataDir, config, imports } = embeddedTestModules('bootstrap', env, dir);
  const module = await Test.createTestingModule({
    imports: [
      ...imports,
      CacheModule.forRoot(config.cache),
      BlobStoreModule.forRoot(config.blob),
      JobQueueModule.forRoot(config.queue),
      ConnectorBusModule.forRoot(config.bus),
      BootstrapModule,
    ],
  }).compile();
  await module.init();
  return { module, dir: dataDir };
}

async function admin(module: TestingModule) {
  const found = await module.get(EntityStore).get(system, ADMIN_INTERNAL_ID);
  if (!found) throw new Error('no admin user');
  return found;
}

describe(BootstrapService.name, () => {
  let dir: string;

  beforeEach(async () => {
    const first = await boot(FIRST);
    dir = first.dir;
    expect(first.module.get(BootstrapService).firstBootCredentials).toEqual({
      email: FIRST.THREATLOOM_ADMIN_EMAIL,
      password: FIRST.THREATLOOM_ADMIN_PASSWORD,
      token: FIRST.THREATLOOM_ADMIN_TOKEN,
    });
    await first.module.close();
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('changes nothing at a later boot with the same configuration', async () => {
    const { module } = await boot(FIRST, dir);
    const user = await admin(module);
    expect(module.get(BootstrapService).firstBootCredentials).toBeUndefined();
    expect(user.version).toBe(1);
    await module.close();
  });

  it('follows a new email, password and token: the new email is the login', async () => {
    const next = {
      THREATLOOM_ADMIN_EMAIL: 'second@example.com',
      THREATLOOM_ADMIN_PASSWORD: 'second password 2',
      THREATLOOM_ADMIN_TOKEN: '0b1c2d3e-0000-4000-8000-000000000002',
    };
    const { module } = await boot(next, dir);
    const store = module.get(EntityStore);
    const user = await admin(module);
    const newId = generateStandardId('User', { user_email: next.THREATLOOM_ADMIN_EMAIL });
    const oldId = generateStandardId('User', { user_email: FIRST.THREATLOOM_ADMIN_EMAIL });
    expect(user).toMatchObject({ standardId: newId, version: 2 });
    expect(user.attributes.user_email).toBe(next.THREATLOOM_ADMIN_EMAIL);
    expect(user.attributes.api_token).toBe(next.THREATLOOM_ADMIN_TOKEN);
    await expect(
      verifyPassword(next.THREATLOOM_ADMIN_PASSWORD, textOf(user.attributes.password) ?? ''),
    ).resolves.toBe(true);
    // A login resolves the user by the standard id of the email typed.
    const found = await store.resolve(system, [newId, oldId]);
    expect(found.get(newId)?.map((e) => e.internalId)).toEqual([ADMIN_INTERNAL_ID]);
    expect(found.get(oldId)).toBeUndefined();
    await module.close();
  });

  it("refuses to boot when the configured email is another user's, naming the variable", async () => {
    const taken = 'analyst@example.com';
    const { module } = await boot(FIRST, dir);
    const store = module.get(EntityStore);
    const analyst = buildElement({
      entityType: 'User',
      standardId: generateStandardId('User', { user_email: taken }),
      attributes: { user_email: taken, name: 'analyst' },
    });
    await store.commit({
      upserts: [{ element: analyst, expectedVersion: 0 }],
      deletes: [],
      events: [],
    });
    // The boot of a platform configured with that email (a failed module init leaves its module
    // unclosable, so the service is run by hand here on the booted one's store).
    const refusing = new BootstrapService(
      store,
      module.get(IngestionService),
      { email: taken, password: FIRST.THREATLOOM_ADMIN_PASSWORD, token: undefined },
      module.get(Cache),
    );
    const refused = refusing.onApplicationBootstrap();
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(refused).rejects.toThrow(
      /THREATLOOM_ADMIN_EMAIL: analyst@example.com is the email/,
    );
    const user = await admin(module);
    expect(user).toMatchObject({ version: 1 });
    expect(user.attributes.user_email).toBe(FIRST.THREATLOOM_ADMIN_EMAIL);
    await module.close();
  });
});
