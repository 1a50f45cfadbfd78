import { identityOf } from './identity-mapping.util';
import type { IdentityMapping } from './identity-mapping.util';
import { SsoError } from './sso.error';

const NONE: IdentityMapping = {
  email: 'email',
  name: 'name',
  firstname: 'given_name',
  lastname: 'family_name',
  groupsMapping: [],
  organizationsMapping: [],
  defaultGroups: [],
  defaultOrganizations: [],
};

describe(identityOf.name, () => {
  it('reads the email (lower-cased) and names, and leaves groups alone when unmapped', () => {
    const sut = identityOf(
      'idp',
      {
        email: 'Jane.Doe@Example.ORG',
        name: 'Jane Doe',
        given_name: 'Jane',
        family_name: 'Doe',
        groups: ['admins'],
      },
      NONE,
    );
    expect(sut).toEqual({
      provider: 'idp',
      email: 'jane.doe@example.org',
      name: 'Jane Doe',
      firstname: 'Jane',
      lastname: 'Doe',
    });
  });

  it('renames mapped groups, drops unmapped ones and adds the defaults', () => {
    const sut = identityOf(
      'idp',
      { email: 'a@b.c', roles: ['soc', 'hr', 'cn=x:y'], org: 'ACME' },
      {
        ...NONE,
        groups: 'roles',
        organizations: 'org',
        groupsMapping: ['soc:Analysts', 'cn=x:y:Admins', 'absent:Nobody'],
        defaultGroups: ['Readers', 'Analysts'],
      },
    );
    expect(sut.groups).toEqual(['Readers', 'Analysts', 'Admins']);
    expect(sut.organizations).toEqual(['ACME']);
  });

  it('gives an empty list when the claim is configured but absent (memberships removed)', () => {
    const sut = identityOf('idp', { email: 'a@b.c' }, { ...NONE, groups: 'groups' });
    expect(sut.groups).toEqual([]);
    expect(sut.organizations).toBeUndefined();
  });

  it('reads nested claims by dotted path, and names that hold dots', () => {
    const sut = identityOf(
      'idp',
      { email: 'a@b.c', realm_access: { roles: ['cti'] }, 'https://x.example/orgs': ['O1'] },
      { ...NONE, groups: 'realm_access.roles', organizations: 'https://x.example/orgs' },
    );
    expect(sut.groups).toEqual(['cti']);
    expect(sut.organizations).toEqual(['O1']);
  });

  it('falls back to a SAML NameID, taking the first of multi-valued attributes', () => {
    const sut = identityOf('saml', { name: ['First', 'Second'] }, NONE, 'bob@example.org');
    expect(sut).toMatchObject({ email: 'bob@example.org', name: 'First' });
  });

  it.each([{}, { email: 'not-an-email' }, { email: 42 }])(
    'refuses claims without email %j',
    (c) => {
      expect(() => identityOf('idp', c, NONE)).toThrow(SsoError);
      expect(() => identityOf('idp', c, NONE)).toThrow(/did not give an email address/);
    },
  );
});
