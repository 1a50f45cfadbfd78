import type { ExternalIdentity } from '../admin/users.service';
import { SsoError } from './sso.error';

/** Which claims or attributes hold what, and how groups and organizations are renamed. */
export type IdentityMapping = {
  email?: string;
  name?: string;
  firstname?: string;
  lastname?: string;
  groups?: string;
  organizations?: string;
  groupsMapping: readonly string[];
  organizationsMapping: readonly string[];
  defaultGroups: readonly string[];
  defaultOrganizations: readonly string[];
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** A claim by dotted path (`realm_access.roles`); a name holding dots itself is tried first. */
function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function textClaim(claims: Readonly<Record<string, unknown>>, path?: string): string | undefined {
  const value = path ? claimAt(claims, path) : undefined;
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function listClaim(claims: Readonly<Record<string, unknown>>, path: string): string[] {
  const value = claimAt(claims, path);
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/** Provider values renamed by `"value:name"` pairs (unmapped dropped); no pairs: as they are. */
function mapped(values: readonly string[], pairs: readonly string[]): string[] {
  if (pairs.length === 0) return [...values];
  const out: string[] = [];
  for (const pair of pairs) {
    const colon = pair.lastIndexOf(':');
    if (values.includes(pair.slice(0, colon))) out.push(pair.slice(colon + 1));
  }
  return out;
}

function names(
  claims: Readonly<Record<string, unknown>>,
  path: string | undefined,
  pairs: readonly string[],
  defaults: readonly string[],
): string[] | undefined {
  if (path === undefined && defaults.length === 0) return undefined;
  const found = path === undefined ? [] : mapped(listClaim(claims, path), pairs);
  return [...new Set([...defaults, ...found])];
}

/**
 * The identity an OIDC provider's claims or a SAML assertion's attributes describe; `fallbackEmail`
 * (a SAML NameID) when the email attribute is absent. No usable email: refused.
 */
export function identityOf(
  provider: string,
  claims: Readonly<Record<string, unknown>>,
  mapping: IdentityMapping,
  fallbackEmail?: string,
): ExternalIdentity {
  const email = textClaim(claims, mapping.email) ?? fallbackEmail;
  if (!email || !EMAIL.test(email)) {
    throw new SsoError(
      'SSO_NO_EMAIL',
      `The identity provider ${provider} did not give an email address (claim "${mapping.email ?? 'NameID'}")`,
    );
  }
  const identity: ExternalIdentity = { provider, email: email.toLowerCase() };
  const name = textClaim(claims, mapping.name);
  const firstname = textClaim(claims, mapping.firstname);
  const lastname = textClaim(claims, mapping.lastname);
  const groups = names(claims, mapping.groups, mapping.groupsMapping, mapping.defaultGroups);
  const organizations = names(
    claims,
    mapping.organizations,
    mapping.organizationsMapping,
    mapping.defaultOrganizations,
  );
  return {
    ...identity,
    ...(name ? { name } : {}),
    ...(firstname ? { firstname } : {}),
    ...(lastname ? { lastname } : {}),
    ...(groups ? { groups } : {}),
    ...(organizations ? { organizations } : {}),
  };
}
