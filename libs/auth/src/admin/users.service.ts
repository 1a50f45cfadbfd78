import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SETTINGS_INTERNAL_ID, apiTokenKey, hashPassword } from '@lib/bootstrap';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { GROUP_TYPE, MEMBER_OF, PARTICIPATE_TO, SETTINGS_TYPE, USER_TYPE } from '@lib/rbac';
import { passwordPolicyViolations } from '../passwords/password-policy.util';
import { SessionRegistry } from '../sessions/session-registry.service';
import { generateStandardId } from '@lib/stix';
import { AccessDirectory } from './access-directory.service';
import { newToken, storedTokens, tokenLookupKeys } from './api-tokens.util';
import type { DirectoryQuery } from './access-directory.service';
import { confidenceLevel, flag, readPatch, text } from './field-values.util';
import { GroupsService } from './groups.service';
import { required } from './roles.service';

const ACCOUNT_STATUSES = ['Active', 'Inactive', 'Locked', 'Expired'];

const accountStatus = (values: readonly unknown[], key: string) => {
  const value = text(values, key) as string;
  if (!ACCOUNT_STATUSES.includes(value)) {
    throw new AppError({
      code: 'ACCESS_FIELD_INVALID',
      category: 'validation',
      message: `Field ${key} expects one of ${ACCOUNT_STATUSES.join(', ')}`,
      details: { key },
    });
  }
  return value;
};

const EDITABLE = {
  name: text,
  firstname: text,
  lastname: text,
  description: text,
  language: text,
  theme: text,
  unit_system: text,
  account_status: accountStatus,
  account_lock_after_date: text,
  external: flag,
  restrict_delete: flag,
  submenu_show_icons: flag,
  submenu_auto_collapse: flag,
  monochrome_labels: flag,
  user_service_account: flag,
  user_confidence_level: confidenceLevel,
};

export type UserInput = {
  user_email: string;
  name: string;
  password?: string | null;
  firstname?: string | null;
  lastname?: string | null;
  description?: string | null;
  account_status?: string | null;
  groups?: readonly string[] | null;
  objectOrganization?: readonly string[] | null;
  user_confidence_level?: { max_confidence: number; overrides?: unknown[] | null } | null;
  user_service_account?: boolean | null;
  external?: boolean | null;
};

/** Who signs in through an identity provider (OIDC, SAML), as the provider describes him. */
export type ExternalIdentity = {
  provider: string;
  email: string;
  name?: string;
  firstname?: string;
  lastname?: string;
  /** Group names; when given, the user's groups follow them at every login. */
  groups?: readonly string[];
  /** Organization names; when given, the user's organizations follow them. */
  organizations?: readonly string[];
};

/** Users and their memberships (data-model.md §1.6, §4.6). Secrets never leave this service. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(AccessDirectory) private readonly directory: AccessDirectory,
    @Inject(GroupsService) private readonly groups: GroupsService,
    @Inject(SessionRegistry) private readonly sessions: SessionRegistry,
  ) {}

  /** A password the settings' policy accepts, hashed; a refusal names every broken rule. */
  private async passwordHash(password: string): Promise<string> {
    const settings = await this.directory.find(SETTINGS_TYPE, SETTINGS_INTERNAL_ID);
    const violations = passwordPolicyViolations(password, settings?.attributes ?? {});
    if (violations.length > 0) {
      throw new AppError({
        code: 'ACCESS_PASSWORD_POLICY',
        category: 'validation',
        message: `The password breaks the password policy: ${violations.join('; ')}`,
        details: { violations },
      });
    }
    return hashPassword(password);
  }

  list(query?: DirectoryQuery) {
    return this.directory.list(USER_TYPE, { orderBy: 'name', ...query });
  }

  find(id: string) {
    return this.directory.find(USER_TYPE, id);
  }

  require(id: string) {
    return this.directory.require(USER_TYPE, id);
  }

  async add(input: UserInput): Promise<StoredElement> {
    const email = input.user_email.trim().toLowerCase();
    if (!email) throw required('user_email');
    if (!input.name.trim()) throw required('name');
    const standardId = generateStandardId(USER_TYPE, { user_email: email });
    if (await this.directory.find(USER_TYPE, standardId)) {
      throw new AppError({
        code: 'ACCESS_USER_EXISTS',
        category: 'conflict',
        message: `A user with email ${email} already exists`,
        details: { user_email: email },
      });
    }
    const groupIds = input.groups?.length
      ? (await Promise.all(input.groups.map((g) => this.directory.require(GROUP_TYPE, g)))).map(
          (g) => g.internalId,
        )
      : (await this.groups.defaultGroups()).map((g) => g.internalId);
    const token = randomUUID();
    // No password given: a random one nobody knows (service accounts, SSO users).
    const password = input.password
      ? await this.passwordHash(input.password)
      : await hashPassword(randomBytes(32).toString('base64url'));
    return this.directory.create(
      USER_TYPE,
      {
        user_email: email,
        name: input.name.trim(),
        firstname: input.firstname ?? '',
        lastname: input.lastname ?? '',
        description: input.description ?? '',
        password,
        api_token: token,
        account_status: input.account_status ?? 'Active',
        external: input.external ?? false,
        user_service_account: input.user_service_account ?? false,
        user_confidence_level: input.user_confidence_level
          ? confidenceLevel([input.user_confidence_level], 'user_confidence_level')
          : null,
      },
      { [MEMBER_OF]: groupIds, [PARTICIPATE_TO]: [...(input.objectOrganization ?? [])] },
      { standardId, lookupKeys: [apiTokenKey(token)] },
    );
  }

  /**
   * Field patches; a new password (checked against the policy) or a status other than Active ends
   * every session of the user.
   */
  async edit(id: string, input: readonly { key: string; value: readonly unknown[] }[]) {
    const password = input.find((i) => i.key === 'password');
    const others = readPatch(
      'user',
      EDITABLE,
      input.filter((i) => i.key !== 'password'),
    );
    const changes = password
      ? {
          ...others,
          password: await this.passwordHash(text(password.value, 'password') as string),
        }
      : others;
    const updated = await this.directory.update(USER_TYPE, id, (el) => ({
      ...el,
      attributes: { ...el.attributes, ...changes },
    }));
    if (password || (changes.account_status && changes.account_status !== 'Active')) {
      await this.sessions.dropSessionsOf(updated.internalId);
    }
    return updated;
  }

  async delete(id: string) {
    const removed = await this.directory.remove(USER_TYPE, id);
    await this.sessions.dropSessionsOf(removed);
    return removed;
  }

  async membership(id: string, groupId: string, add: boolean) {
    const group = await this.directory.require(GROUP_TYPE, groupId);
    return this.directory.link(USER_TYPE, id, MEMBER_OF, group.internalId, add);
  }

  organization(id: string, organizationId: string, add: boolean) {
    return this.directory.link(USER_TYPE, id, PARTICIPATE_TO, organizationId, add);
  }

  /** A new primary API token; the old one stops working at once. */
  rotateToken(id: string) {
    const token = randomUUID();
    return this.directory.update(USER_TYPE, id, (el) => ({
      ...el,
      attributes: { ...el.attributes, api_token: token },
      lookupKeys: tokenLookupKeys(token, el.attributes.api_tokens),
    }));
  }

  /** A named token (shown once; only its hash is kept), optionally expiring. */
  async addToken(id: string, name: string, duration?: string | null) {
    if (!name.trim()) throw required('name');
    const { plaintext, stored } = newToken(name.trim(), duration);
    await this.directory.update(USER_TYPE, id, (el) => {
      const tokens = [...storedTokens(el.attributes.api_tokens), stored];
      return {
        ...el,
        attributes: { ...el.attributes, api_tokens: tokens },
        lookupKeys: tokenLookupKeys(el.attributes.api_token, tokens),
      };
    });
    return { token_id: stored.id, plaintext_token: plaintext, expires_at: stored.expires_at };
  }

  async revokeToken(id: string, tokenId: string): Promise<string> {
    await this.directory.update(USER_TYPE, id, (el) => {
      const current = storedTokens(el.attributes.api_tokens);
      const tokens = current.filter((t) => t.id !== tokenId);
      if (tokens.length === current.length) return undefined;
      return {
        ...el,
        attributes: { ...el.attributes, api_tokens: tokens },
        lookupKeys: tokenLookupKeys(el.attributes.api_token, tokens),
      };
    });
    return tokenId;
  }

  /**
   * The user an identity provider vouches for: found by email or created (external, no usable
   * password, default groups unless mapped), groups and organizations following the provider's.
   */
  async provisionExternal(identity: ExternalIdentity): Promise<string> {
    const email = identity.email.trim().toLowerCase();
    const standardId = generateStandardId(USER_TYPE, { user_email: email });
    const groupIds = identity.groups ? await this.idsByName(GROUP_TYPE, identity.groups) : [];
    const orgIds = identity.organizations
      ? await this.idsByName('Organization', identity.organizations)
      : [];
    const existing = await this.directory.find(USER_TYPE, standardId);
    if (!existing) {
      const created = await this.add({
        user_email: email,
        name: identity.name ?? email,
        firstname: identity.firstname ?? null,
        lastname: identity.lastname ?? null,
        external: true,
        groups: groupIds.length > 0 ? groupIds : null,
        objectOrganization: orgIds,
      });
      return created.internalId;
    }
    const refs = {
      ...(identity.groups ? { [MEMBER_OF]: groupIds } : {}),
      ...(identity.organizations ? { [PARTICIPATE_TO]: orgIds } : {}),
    };
    if (Object.keys(refs).length > 0) {
      await this.directory.update(USER_TYPE, existing.internalId, (el) => ({
        ...el,
        refs: { ...el.refs, ...refs },
      }));
    }
    return existing.internalId;
  }

  /** Ids of the elements of a type with these names (unknown names are left out). */
  private async idsByName(entityType: string, names: readonly string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const page = await this.directory.list(entityType, {
      first: 1000,
      filters: {
        mode: 'and',
        filters: [{ key: ['name'], values: [...names], operator: 'eq', mode: 'or' }],
        filterGroups: [],
      },
    });
    return page.items.map((e) => e.internalId);
  }
}
