import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { jsonArrayVariable } from './json-variable.util';

// The other routes under /auth (the login buttons, local login): no provider may shadow them.
const RESERVED_IDS = new Set(['providers', 'login', 'logout', 'logout-all', 'csrf']);

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

// Plain http is accepted for identity providers on this machine only (tests, local dev).
const httpsUrl = z
  .url()
  .refine((value) => /^https:/i.test(value) || LOOPBACK.has(new URL(value).hostname), {
    message: 'an https URL (http only on localhost)',
  });

/** `"idp-value:threatloom-name"` pairs: the last colon splits, so IdP values may hold colons. */
const mappingPairs = z
  .array(z.string().regex(/^.+:[^:]+$/, 'a "provider-value:threatloom-name" pair'))
  .default([]);

/** What the identity provider's claims (OIDC) or attributes (SAML) are read into. */
const mappingFields = {
  /** Provider group value → Threatloom group name; without pairs, values are taken as names. */
  groupsMapping: mappingPairs,
  /** Provider organization value → Threatloom organization name, likewise. */
  organizationsMapping: mappingPairs,
  /** Groups every user of this provider gets, whatever the provider says. */
  defaultGroups: z.array(z.string().min(1)).default([]),
  defaultOrganizations: z.array(z.string().min(1)).default([]),
};

const common = {
  /** Unique; the login URL is `/auth/<id>`. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,49}$/, 'lower-case letters, digits and dashes')
    .refine((id) => !RESERVED_IDS.has(id), {
      message: `not one of the other /auth routes (${[...RESERVED_IDS].join(', ')})`,
    }),
  /** The login button's text. */
  label: z.string().min(1).max(100),
  /** Where the provider sends the browser back (default `<public URL>/auth/<id>/callback`). */
  callbackUrl: httpsUrl.optional(),
};

/** Claim names (dotted paths: `realm_access.roles`) of an OpenID Connect provider. */
const OIDC_CLAIMS = z
  .object({
    email: z.string().min(1).default('email'),
    name: z.string().min(1).default('name'),
    firstname: z.string().min(1).default('given_name'),
    lastname: z.string().min(1).default('family_name'),
    /** Absent: the provider does not decide groups (defaultGroups still apply). */
    groups: z.string().min(1).optional(),
    organizations: z.string().min(1).optional(),
  })
  .strict();

export const OIDC_PROVIDER_SCHEMA = z
  .object({
    ...common,
    type: z.literal('oidc'),
    /** The issuer; its `/.well-known/openid-configuration` is discovered at first use. */
    issuer: httpsUrl,
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    scopes: z.array(z.string().min(1)).default(['openid', 'email', 'profile']),
    claims: OIDC_CLAIMS.default({
      email: 'email',
      name: 'name',
      firstname: 'given_name',
      lastname: 'family_name',
    }),
    /** Also read the userinfo endpoint (claims some providers leave out of the ID token). */
    userinfo: z.boolean().default(true),
    ...mappingFields,
  })
  .strict();

/** Attribute names of a SAML assertion (absent email: the NameID). */
const SAML_ATTRIBUTES = z
  .object({
    email: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    firstname: z.string().min(1).optional(),
    lastname: z.string().min(1).optional(),
    groups: z.string().min(1).optional(),
    organizations: z.string().min(1).optional(),
  })
  .strict();

/** A PEM certificate, its base64 body, or a file path holding one. */
const certificate = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    if (/^-----BEGIN|^[A-Za-z0-9+/=\s]{100,}$/.test(value.trim())) return value;
    try {
      return readFileSync(value, 'utf8');
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `neither a certificate nor a readable file: ${error instanceof Error ? error.message : String(error)}`,
      });
      return z.NEVER;
    }
  });

export const SAML_PROVIDER_SCHEMA = z
  .object({
    ...common,
    type: z.literal('saml'),
    /** The IdP's single sign-on URL (HTTP-Redirect binding). */
    entryPoint: httpsUrl,
    /** Our entity id (the SP's issuer). */
    issuer: z.string().min(1),
    /** The IdP's signing certificate(s): several while it rolls its key over. */
    idpCert: z.union([certificate, z.array(certificate).min(1)]),
    /** The IdP's entity id, checked against the response's Issuer when set. */
    idpIssuer: z.string().min(1).optional(),
    /** Expected audience of the assertions (default: `issuer`). */
    audience: z.string().min(1).optional(),
    wantAssertionsSigned: z.boolean().default(true),
    wantAuthnResponseSigned: z.boolean().default(false),
    clockSkewSeconds: z.number().int().min(0).max(600).default(30),
    attributes: SAML_ATTRIBUTES.default({}),
    ...mappingFields,
  })
  .strict();

export const SSO_PROVIDER_SCHEMA = z.discriminatedUnion('type', [
  OIDC_PROVIDER_SCHEMA,
  SAML_PROVIDER_SCHEMA,
]);

export type OidcProviderSettings = z.infer<typeof OIDC_PROVIDER_SCHEMA>;
export type SamlProviderSettings = z.infer<typeof SAML_PROVIDER_SCHEMA>;
export type SsoProviderSettings = z.infer<typeof SSO_PROVIDER_SCHEMA>;

/** THREATLOOM_AUTH_PROVIDERS: a JSON array of providers, inline or in the file it names. */
export const SSO_PROVIDERS_VARIABLE_SCHEMA = jsonArrayVariable(
  SSO_PROVIDER_SCHEMA,
  'two providers',
  'id',
);
