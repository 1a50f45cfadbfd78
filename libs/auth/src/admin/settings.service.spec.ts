import type { TestingModule } from '@nestjs/testing';
import { SETTINGS_INTERNAL_ID } from '@lib/bootstrap';
import { EntityStore, buildElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { PARTICIPATE_TO } from '@lib/rbac';
import { AccessContextsService } from '../access/access-contexts.service';
import { startAuthHarness } from '../testing/auth-harness';
import type { AuthHarness } from '../testing/auth-harness';
import { AccessDirectory } from './access-directory.service';
import { SettingsService } from './settings.service';

describe(SettingsService.name, () => {
  let harness: AuthHarness;
  let module: TestingModule;
  let sut: SettingsService;
  let directory: AccessDirectory;
  let organization: StoredElement;

  beforeEach(async () => {
    harness = await startAuthHarness(
      { platform_title: 'Threatloom' },
      { THREATLOOM_PUBLIC_URL: 'https://cti.example.org' },
    );
    module = harness.module;
    sut = module.get(SettingsService);
    directory = module.get(AccessDirectory);
    organization = buildElement({
      entityType: 'Organization',
      standardId: 'identity--5b1e9c4e-0c55-4f0e-9f57-2a3b1d7c8e01',
      attributes: { name: 'Headquarters', identity_class: 'organization' },
    });
    const malware = buildElement({ internalId: '0b7d2f0e-6a0e-4c43-9c55-7c1d9b2d3e44' });
    await module.get(EntityStore).commit({
      upserts: [
        { element: organization, expectedVersion: 0 },
        { element: malware, expectedVersion: 0 },
      ],
      deletes: [],
      events: [],
    });
  });

  afterEach(() => harness.close());

  it('patches the editable fields with their types and refuses the others by name', async () => {
    const edited = await sut.edit(SETTINGS_INTERNAL_ID, [
      { key: 'platform_title', value: ['Acme CTI'] },
      { key: 'password_policy_min_length', value: ['12'] },
      { key: 'platform_session_timeout', value: [3_600_000] },
      { key: 'otp_mandatory', value: ['true'] },
      { key: 'platform_banner_level', value: ['red'] },
    ]);
    expect(edited.attributes).toMatchObject({
      platform_title: 'Acme CTI',
      password_policy_min_length: 12,
      platform_session_timeout: 3_600_000,
      otp_mandatory: true,
      platform_banner_level: 'RED',
    });
    await expect(
      sut.edit(SETTINGS_INTERNAL_ID, [{ key: 'api_keys', value: ['x'] }]),
    ).rejects.toThrow('no editable field api_keys');
    for (const bad of [-1, 1.5, 'twelve']) {
      await expect(
        sut.edit(SETTINGS_INTERNAL_ID, [{ key: 'password_policy_min_words', value: [bad] }]),
      ).rejects.toThrow('password_policy_min_words');
    }
    expect(sut.platformUrl(await sut.read())).toBe('https://cti.example.org');
  });

  it('segregates a user outside the platform organization from the next request on', async () => {
    const contexts = module.get(AccessContextsService);
    const user = await directory.create(
      'User',
      { name: 'branch', account_status: 'Active' },
      { [PARTICIPATE_TO]: ['branch-organization'] },
    );
    expect((await contexts.contextOf(user))?.organizations).toBe('all');
    const on = await sut.edit(`settings--${SETTINGS_INTERNAL_ID}`, [
      { key: 'platform_organization', value: [organization.standardId] },
    ]);
    expect(on.attributes.platform_organization).toBe(organization.internalId);
    expect((await sut.platformOrganization(on))?.internalId).toBe(organization.internalId);
    expect((await contexts.contextOf(user))?.organizations).toEqual(new Set([]));
    const off = await sut.edit(SETTINGS_INTERNAL_ID, [
      { key: 'platform_organization', value: [''] },
    ]);
    expect(off.attributes.platform_organization).toBeNull();
    expect((await contexts.contextOf(user))?.organizations).toBe('all');
  });

  it('takes only an Organization as platform organization', async () => {
    await expect(
      sut.edit(SETTINGS_INTERNAL_ID, [
        { key: 'platform_organization', value: ['0b7d2f0e-6a0e-4c43-9c55-7c1d9b2d3e44'] },
      ]),
    ).rejects.toThrow('platform_organization');
    expect((await sut.read()).attributes.platform_organization).toBeUndefined();
  });

  it('adds, replaces and deletes messages, shown to everyone or to their groups', async () => {
    const readers = await directory.create('Group', { name: 'Readers' });
    const member = await directory.create(
      'User',
      { name: 'r' },
      { 'member-of': [readers.internalId] },
    );
    const outsider = await directory.create('User', { name: 'o' });
    const one = await sut.editMessage(SETTINGS_INTERNAL_ID, {
      message: 'Maintenance tonight',
      activated: true,
      dismissible: true,
    });
    const [first] = sut.messages(one);
    const two = await sut.editMessage(SETTINGS_INTERNAL_ID, {
      message: 'Readers only',
      activated: true,
      dismissible: false,
      recipients: [readers.standardId],
    });
    expect(sut.messages(two).map((m) => [m.message, m.recipients])).toEqual([
      ['Maintenance tonight', []],
      ['Readers only', [readers.internalId]],
    ]);
    expect((await sut.messagesFor(two, member.internalId)).map((m) => m.message)).toHaveLength(2);
    expect((await sut.messagesFor(two, outsider.internalId)).map((m) => m.message)).toEqual([
      'Maintenance tonight',
    ]);
    const replaced = await sut.editMessage(SETTINGS_INTERNAL_ID, {
      id: first?.id,
      message: 'Maintenance done',
      activated: false,
      dismissible: true,
      color: '#00aa00',
    });
    expect(sut.messages(replaced)[0]).toMatchObject({ id: first?.id, message: 'Maintenance done' });
    await expect(
      sut.editMessage(SETTINGS_INTERNAL_ID, {
        id: 'nope',
        message: 'x',
        activated: true,
        dismissible: true,
      }),
    ).rejects.toThrow('nope');
    await expect(
      sut.editMessage(SETTINGS_INTERNAL_ID, {
        message: 'x',
        activated: true,
        dismissible: true,
        recipients: [outsider.internalId],
      }),
    ).rejects.toThrow(outsider.internalId);
    const deleted = await sut.deleteMessage(SETTINGS_INTERNAL_ID, first?.id ?? '');
    expect(sut.messages(deleted).map((m) => m.message)).toEqual(['Readers only']);
    await expect(sut.deleteMessage(SETTINGS_INTERNAL_ID, 'nope')).rejects.toThrow('nope');
  });
});
