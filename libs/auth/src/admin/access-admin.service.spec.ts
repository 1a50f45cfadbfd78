import type { TestingModule } from '@nestjs/testing';
import { MEMBER_OF } from '@lib/rbac';
import { AccessContextsService } from '../access/access-contexts.service';
import { SessionRegistry } from '../sessions/session-registry.service';
import { startAuthHarness } from '../testing/auth-harness';
import type { AuthHarness } from '../testing/auth-harness';
import { GroupsService } from './groups.service';
import { RolesService } from './roles.service';
import { UsersService } from './users.service';

// Users, groups and roles over the embedded store: what an admin may and may not do with them.
describe('Access administration', () => {
  let harness: AuthHarness;
  let module: TestingModule;
  let users: UsersService;
  let groups: GroupsService;
  let roles: RolesService;
  let contexts: AccessContextsService;

  beforeEach(async () => {
    harness = await startAuthHarness({
      password_policy_min_length: 12,
      password_policy_min_numbers: 1,
    });
    module = harness.module;
    users = module.get(UsersService);
    groups = module.get(GroupsService);
    roles = module.get(RolesService);
    contexts = module.get(AccessContextsService);
  });

  afterEach(() => harness.close());

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
