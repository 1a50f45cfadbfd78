import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_INTERNAL_ID, apiTokenKey, verifyPassword } from '@lib/bootstrap';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import { CAPABILITIES, systemContext } from '@lib/rbac';
import { generateStandardId } from '@lib/stix';
import type { AccessContext } from '@lib/rbac';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * API tokens → AccessContext. The bootstrap admin bypasses everything (data-model.md §4.6); other
 * users get no capability until the Security issue (#8) grants them through groups and roles.
 */
@Injectable()
export class TokenAuthService {
  private readonly system = systemContext('auth');

  constructor(@Inject(EntityStore) private readonly store: EntityStore) {}

  async contextForToken(token: string): Promise<AccessContext | undefined> {
    if (!UUID.test(token)) {
      return undefined;
    }
    const found =
      (await this.store.resolve(this.system, [apiTokenKey(token)])).get(apiTokenKey(token)) ?? [];
    const user = found.find(
      (e) => e.entityType === 'User' && e.attributes.api_token === token.toLowerCase(),
    );
    return user ? this.contextOf(user) : undefined;
  }

  /**
   * The caller of an HTTP request from its Authorization header: `Bearer <api token>`, or
   * `Basic` with the user's email and password (or API token); undefined when absent or wrong.
   */
  async contextForAuthorization(header: string | undefined): Promise<AccessContext | undefined> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (bearer) return this.contextForToken(bearer);
    const basic = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!basic) return undefined;
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const email = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    if (UUID.test(secret)) {
      const ctx = await this.contextForToken(secret);
      if (ctx) return ctx;
    }
    return this.contextForPassword(email, secret);
  }

  private async contextForPassword(
    email: string,
    password: string,
  ): Promise<AccessContext | undefined> {
    const standardId = generateStandardId('User', { user_email: email });
    const user = (await this.store.resolve(this.system, [standardId])).get(standardId)?.[0];
    const stored = user?.attributes.password;
    return user?.entityType === 'User' &&
      typeof stored === 'string' &&
      (await verifyPassword(password, stored))
      ? this.contextOf(user)
      : undefined;
  }

  /**
   * The AccessContext of a user by internal id (the applicant of a connector job, whose rights
   * the job's reads keep); undefined for an unknown or disabled user.
   */
  async contextForUser(userId: string): Promise<AccessContext | undefined> {
    const user = await this.store.get(this.system, userId);
    return user?.entityType === 'User' ? this.contextOf(user) : undefined;
  }

  private contextOf(user: StoredElement): AccessContext | undefined {
    if (user.attributes.account_status !== 'Active') {
      return undefined;
    }
    const name =
      textOf(user.attributes.name) ?? textOf(user.attributes.user_email) ?? user.internalId;
    if (user.internalId === ADMIN_INTERNAL_ID) {
      return {
        kind: 'user',
        userId: user.internalId,
        userName: name,
        capabilities: new Set(CAPABILITIES),
        bypass: true,
        allowedMarkings: 'all',
        organizations: 'all',
        maxConfidence: 100,
      };
    }
    // TODO(#8): groups, roles, capabilities and allowed markings of ordinary users.
    return {
      kind: 'user',
      userId: user.internalId,
      userName: name,
      capabilities: new Set(),
      bypass: false,
      allowedMarkings: new Set(),
      organizations: 'all',
      maxConfidence: 0,
    };
  }
}
