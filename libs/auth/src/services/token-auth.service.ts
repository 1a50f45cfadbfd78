import { Inject, Injectable } from '@nestjs/common';
import { apiTokenKey, verifyPassword } from '@lib/bootstrap';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { generateStandardId } from '@lib/stix';
import type { AccessContext } from '@lib/rbac';
import { AccessContextsService } from '../access/access-contexts.service';
import { hashedTokenKey, namedTokenValid } from '../admin/api-tokens.util';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** API tokens and passwords → the user's AccessContext (derived by AccessContextsService). */
@Injectable()
export class TokenAuthService {
  private readonly system = systemContext('auth');

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(AccessContextsService) private readonly access: AccessContextsService,
  ) {}

  async contextForToken(token: string): Promise<AccessContext | undefined> {
    if (!UUID.test(token)) {
      return undefined;
    }
    const primaryKey = apiTokenKey(token);
    const namedKey = hashedTokenKey(token);
    const found = await this.store.resolve(this.system, [primaryKey, namedKey]);
    const user =
      (found.get(primaryKey) ?? []).find(
        (e) => e.entityType === 'User' && e.attributes.api_token === token.toLowerCase(),
      ) ??
      (found.get(namedKey) ?? []).find(
        (e) => e.entityType === 'User' && namedTokenValid(e.attributes.api_tokens, token),
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

  private contextOf(user: StoredElement): Promise<AccessContext | undefined> {
    return this.access.contextOf(user);
  }
}
