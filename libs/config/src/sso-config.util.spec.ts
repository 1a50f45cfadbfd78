import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config.error';
import { describeConfig } from './describe-config.util';
import { loadConfig } from './load-config';

const OIDC = {
  id: 'corp-oidc',
  type: 'oidc',
  label: 'Corporate account',
  issuer: 'https://login.example.org/realms/cti',
  clientId: 'threatloom',
  clientSecret: 'not-a-real-secret',
};
const SAML = {
  id: 'corp-saml',
  type: 'saml',
  label: 'ADFS',
  entryPoint: 'https://adfs.example.org/adfs/ls/',
  issuer: 'https://threatloom.example.org/saml',
  idpCert: `-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----`,
};

const load = (providers: unknown, extra: Record<string, string> = {}) =>
  loadConfig({
    env: {
      THREATLOOM_DATA_DIR: '/tmp/tl',
      THREATLOOM_PUBLIC_URL: 'https://cti.example.org/',
      THREATLOOM_AUTH_PROVIDERS: JSON.stringify(providers),
      ...extra,
    },
  });

function problems(providers: unknown): string[] {
  try {
    load(providers);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.message);
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('THREATLOOM_AUTH_PROVIDERS', () => {
  it('has no provider when unset', () => {
    expect(loadConfig({ env: {} }).sso.providers).toEqual([]);
  });

  it('reads OIDC and SAML providers with their defaults and callback URLs', () => {
    const [oidc, saml] = load([OIDC, SAML]).sso.providers;
    expect(oidc).toMatchObject({
      ...OIDC,
      scopes: ['openid', 'email', 'profile'],
      claims: { email: 'email', name: 'name', firstname: 'given_name', lastname: 'family_name' },
      userinfo: true,
      groupsMapping: [],
      defaultGroups: [],
      callbackUrl: 'https://cti.example.org/auth/corp-oidc/callback',
    });
    expect(saml).toMatchObject({
      ...SAML,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      clockSkewSeconds: 30,
      attributes: {},
      callbackUrl: 'https://cti.example.org/auth/corp-saml/callback',
    });
  });

  it('keeps an explicit callback URL and reads the list from a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tl-sso-')), 'providers.json');
    writeFileSync(file, JSON.stringify([{ ...OIDC, callbackUrl: 'https://sso.example.org/cb' }]));
    const config = loadConfig({ env: { THREATLOOM_AUTH_PROVIDERS: file } });
    expect(config.sso.providers[0]?.callbackUrl).toBe('https://sso.example.org/cb');
  });

  it('masks the variable when the configuration is printed (it holds client secrets)', () => {
    const lines = describeConfig({ THREATLOOM_AUTH_PROVIDERS: JSON.stringify([OIDC]) });
    expect(lines).toContain('THREATLOOM_AUTH_PROVIDERS=********');
    expect(lines.join('\n')).not.toContain('not-a-real-secret');
  });

  it.each([
    ['two providers with one id', [OIDC, { ...SAML, id: 'corp-oidc' }], /same id/],
    ['an unknown type', [{ ...OIDC, type: 'ldap' }], /type|discriminator|invalid/i],
    ['plain http to another machine', [{ ...OIDC, issuer: 'http://login.example.org' }], /https/],
    ['the id of another route', [{ ...OIDC, id: 'providers' }], /other \/auth routes/],
    ['the id "login"', [{ ...OIDC, id: 'login' }], /other \/auth routes/],
    ['a mapping that is not a pair', [{ ...OIDC, groupsMapping: ['admins'] }], /pair/],
    ['an OIDC provider without secret', [{ ...OIDC, clientSecret: undefined }], /expected string/],
    ['an unknown setting', [{ ...SAML, wantAssertionSigned: false }], /unrecognized/i],
  ])('refuses %s', (_case, providers, message) => {
    expect(problems(providers).join('\n')).toMatch(message);
  });

  it('accepts plain http to a provider on this machine (tests, local development)', () => {
    const issuer = 'http://127.0.0.1:8080';
    expect(load([{ ...OIDC, issuer }]).sso.providers[0]).toMatchObject({ issuer });
  });
});
