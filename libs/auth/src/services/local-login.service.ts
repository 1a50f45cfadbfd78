import { Inject, Injectable, Logger } from '@nestjs/common';
import { hashPassword, passwordHashOutdated, verifyPassword } from '@lib/bootstrap';
import { EntityStore, updateElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { generateStandardId } from '@lib/stix';
import { LoginRefusedError } from '../errors/auth.error';
import { LoginLockout } from './login-lockout.service';
import { TokenAuthService } from './token-auth.service';

/** A successful local login. */
export type LocalLogin = { userId: string; email: string; ctx: AccessContext; apiToken?: string };

/**
 * Email and password → the user (the login form, Basic authentication, the `token` mutation):
 * locked emails are refused, failures counted, and a legacy hash replaced by argon2id on success.
 * Every refusal is the same LOGIN_FAILED, whatever the reason (unknown email, wrong password,
 * account not active), except LOGIN_LOCKED.
 */
@Injectable()
export class LocalLoginService {
  private readonly logger = new Logger(LocalLoginService.name);
  private readonly system = systemContext('auth');
  // Verified against when the email is unknown, so that both answers take as long.
  private decoy: Promise<string> | undefined;

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(TokenAuthService) private readonly tokens: TokenAuthService,
    @Inject(LoginLockout) private readonly lockout: LoginLockout,
  ) {}

  async login(email: string, password: string): Promise<LocalLogin> {
    const lockedFor = await this.lockout.lockedFor(email);
    if (lockedFor > 0) throw new LoginRefusedError('locked', lockedFor);
    const user = await this.findUser(email);
    const stored = textOf(user?.attributes.password);
    const matches = stored
      ? await verifyPassword(password, stored)
      : await verifyPassword(password, await this.decoyHash()).then(() => false);
    const ctx = user && matches ? await this.tokens.contextForUser(user.internalId) : undefined;
    if (!user || !stored || !ctx) {
      const locked = await this.lockout.recordFailure(email);
      if (locked) this.logger.warn('A login email was locked after repeated failures');
      throw new LoginRefusedError('credentials');
    }
    await this.lockout.recordSuccess(email);
    if (passwordHashOutdated(stored)) await this.upgradeHash(user, stored, password);
    const apiToken = textOf(user.attributes.api_token);
    return {
      userId: user.internalId,
      email: textOf(user.attributes.user_email) ?? email,
      ctx,
      ...(apiToken ? { apiToken } : {}),
    };
  }

  private async findUser(email: string): Promise<StoredElement | undefined> {
    const trimmed = email.trim();
    if (trimmed === '' || trimmed.length > 320) return undefined;
    const ids = [...new Set([trimmed, trimmed.toLowerCase()])].map((address) =>
      generateStandardId('User', { user_email: address }),
    );
    const found = await this.store.resolve(this.system, ids);
    for (const id of ids) {
      const user = found.get(id)?.find((e) => e.entityType === 'User');
      if (user) return user;
    }
    return undefined;
  }

  // Only the hash that was verified is replaced: a password changed meanwhile stays.
  private async upgradeHash(user: StoredElement, stored: string, password: string): Promise<void> {
    const upgraded = await hashPassword(password);
    await updateElement(this.store, this.system, user.internalId, (element, now) =>
      element.attributes.password === stored
        ? { ...element, attributes: { ...element.attributes, password: upgraded }, updatedAt: now }
        : undefined,
    );
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hashPassword(`decoy-${Math.random()}`);
    return this.decoy;
  }
}
