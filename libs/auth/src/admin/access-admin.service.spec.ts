import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { TestingModule } from '@nestjs/testing';
import { SETTINGS_INTERNAL_ID } from '@lib/bootstrap';
import { CacheModule } from '@lib/cache';
import { ConfigModule, loadConfig } from '@lib/config';
import { EntityStoreModule } from '@lib/entity-store';
import { MEMBER_OF } from '@lib/rbac';
import { SearchIndexModule } from '@lib/search-index';
import { SqliteModule } from '@lib/sqlite';
import { AccessContextsService } from '../access/access-contexts.service';
import { AuthModule } from '../auth.module';
import { SessionRegistry } from '../sessions/session-registry.service';
import { AccessDirectory } from './access-directory.service';
import { GroupsService } from './groups.service';
import { RolesService } from './roles.service';
import { UsersService } from './users.service';

// Users, groups and roles over the embedded store: what an admin may and may not do with them.
describe('Access administration', () => {
  let dir: string;
  let module: TestingModule;
  let users: UsersService;
  let groups: GroupsService;
  let roles: RolesService;
  let contexts: AccessContextsService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tl-access-admin-'));
    const config = loadConfig({ env: { THREATLOOM_DATA_DIR: dir } });
    if (config.store.driver !== 'sqlite') throw new Error('This spec runs embedded');
    module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        SqliteModule.forRoot(config.store.sqlite),
        EntityStoreModule.forRoot(config.store, config.events),
        SearchIndexModule.forRoot(config.store),
        CacheModule.forRoot(config.cache),
        AuthModule,
      ],
    }).compile();
    await module.init();
    users = module.get(UsersService);
    groups = module.get(GroupsService);
    roles = module.get(RolesService);
    contexts = module.get(AccessContextsService);
    await module
      .get(AccessDirectory)
      .create(
        'Settings',
        { password_policy_min_length: 12, password_policy_min_numbers: 1 },
        {},
        { internalId: SETTINGS_INTERNAL_ID, standardId: `settings--${SETTINGS_INTERNAL_ID}` },
      );
  });

  afterEach(async () => {
    await module.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second group or role of the same name, whatever its case', async () => {
    await groups.add({ name: 'Analysts' });
    await expect(groups.add({ name: 'analysts' })).rejects.toMatchObject({
      code: 'ACCESS_NAME_TAKEN',
    });
    await roles.add({ name: 'Reader', capabilities: ['KNOWLEDGE'] });
    await expect(roles.add({ name: 'Reader' })).rejects.toMatchObject({
      code: 'ACCESS_NAME_TAKEN',
    });
    await expect(
      roles.add({ name: 'Bad', capabilities: ['NOT_A_CAPABILITY'] }),
    ).rejects.toMatchObject({ code: 'ACCESS_UNKNOWN_CAPABILITY' });
  });

  it('holds passwords to the settings policy, naming every broken rule', async () => {
    await expect(
      users.add({ user_email: 'a@example.org', name: 'a', password: 'short' }),
    ).rejects.toThrow(/policy.*characters.*digits/);
    const user = await users.add({
      user_email: 'a@example.org',
      name: 'a',
      password: 'long enough 1 passphrase',
    });
    expect(String(user.attributes.password)).toMatch(/^\$argon2id\$/);
    await expect(
      users.edit(user.internalId, [{ key: 'password', value: ['nodigits-but-long'] }]),
    ).rejects.toMatchObject({ code: 'ACCESS_PASSWORD_POLICY' });
  });

  it('ends the sessions of a user whose password changes or who is disabled', async () => {
    const user = await users.add({ user_email: 'b@example.org', name: 'b' });
    const sessions = module.get(SessionRegistry);
    const dropped = jest.spyOn(sessions, 'dropSessionsOf');
    await users.edit(user.internalId, [{ key: 'description', value: ['analyst'] }]);
    expect(dropped).not.toHaveBeenCalled();
    await users.edit(user.internalId, [{ key: 'account_status', value: ['Inactive'] }]);
    await users.edit(user.internalId, [{ key: 'password', value: ['another passphrase 2'] }]);
    expect(dropped).toHaveBeenCalledTimes(2);
    await expect(contexts.contextOf(await users.require(user.internalId))).resolves.toBeUndefined();
  });

  it("puts new users in the default groups, and changes rights at the user's next request", async () => {
    const reader = await roles.add({ name: 'Reader', capabilities: ['KNOWLEDGE'] });
    const everyone = await groups.add({ name: 'Everyone', default_assignation: true });
    await groups.role(everyone.internalId, reader.internalId, true);
    const user = await users.add({ user_email: 'c@example.org', name: 'c' });
    expect(user.refs[MEMBER_OF]).toEqual([everyone.internalId]);
    const before = await contexts.contextOf(await users.require(user.internalId));
    expect([...(before?.capabilities ?? [])]).toEqual(['KNOWLEDGE']);
    await roles.capability(reader.internalId, 'KNOWLEDGE_KNUPDATE', true);
    const after = await contexts.contextOf(await users.require(user.internalId));
    expect([...(after?.capabilities ?? [])].sort()).toEqual(['KNOWLEDGE', 'KNOWLEDGE_KNUPDATE']);
  });
});
