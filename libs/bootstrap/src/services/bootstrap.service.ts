import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { Cache } from '@lib/cache';
import { ADMIN_CONFIG, ConfigError } from '@lib/config';
import type { AdminConfig } from '@lib/config';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { IngestionService } from '@lib/ingestion';
import { textOf } from '@lib/kernel';
import { MEMBER_OF, bootstrapGroupId, systemContext } from '@lib/rbac';
import { BOOTSTRAP_MARKINGS, generateStandardId } from '@lib/stix';
import {
  ADMIN_INTERNAL_ID,
  PLATFORM_CONNECTOR_ID,
  SETTINGS_INTERNAL_ID,
  apiTokenKey,
} from '../admin-user.constants';
import { bootstrapMarkingObjects } from '../bootstrap-markings.util';
import { internalElement } from '../internal-element.util';
import { ensureAccessModel } from './access-model.bootstrap';
import { hashPassword, verifyPassword } from '../password-hash.util';

const BOOTSTRAP_LOCK = 'platform-bootstrap';

// The creation date of the STIX 2.1 TLP marking objects, so importing them changes nothing.
const MARKINGS_CREATED = '2017-01-20T00:00:00.000Z';

/** Credentials of an admin created at this boot: printed once by the entrypoint, never logged. */
export type FirstBootCredentials = { email: string; password: string; token: string };

/**
 * First boot and every boot after it: the TLP/PAP markings, the settings singleton and the admin user
 * exist, and the admin's password and token follow the configuration when it sets them.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapService.name);
  private readonly system = systemContext('bootstrap');
  private credentials: FirstBootCredentials | undefined;

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(IngestionService) private readonly ingestion: IngestionService,
    @Inject(ADMIN_CONFIG) private readonly admin: AdminConfig,
    @Inject(Cache) private readonly cache: Cache,
  ) {}

  /** Set when this boot created the admin user. */
  get firstBootCredentials(): FirstBootCredentials | undefined {
    return this.credentials;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Replicas booting together take turns: the first creates, the others find it done.
    await this.cache.withLock(
      [BOOTSTRAP_LOCK],
      async () => {
        await this.ensureMarkings();
        await this.ensureSettings();
        await ensureAccessModel(this.store, this.system);
        await this.ensureAdmin();
      },
      { ttlMs: 120_000, waitMs: 120_000 },
    );
  }

  private async ensureMarkings(): Promise<void> {
    const ids = BOOTSTRAP_MARKINGS.map((m) => m.standardId);
    const found = await this.store.resolve(this.system, ids);
    if (found.size === ids.length) {
      return;
    }
    const report = await this.ingestion.importBundle(
      {
        type: 'bundle',
        id: `bundle--${randomUUID()}`,
        objects: bootstrapMarkingObjects(MARKINGS_CREATED),
      },
      {
        ctx: this.system,
        connectorId: PLATFORM_CONNECTOR_ID,
        workName: 'Platform bootstrap: marking definitions',
      },
    );
    this.logger.log(`Marking definitions: ${report.created} created, ${report.unchanged} present`);
  }

  private async ensureSettings(): Promise<void> {
    if (await this.store.get(this.system, SETTINGS_INTERNAL_ID)) {
      return;
    }
    const now = new Date().toISOString();
    const settings = internalElement(
      SETTINGS_INTERNAL_ID,
      'Settings',
      `settings--${SETTINGS_INTERNAL_ID}`,
      { platform_title: 'Threatloom', platform_email: this.admin.email },
      now,
    );
    await this.store.commit({
      upserts: [{ element: settings, expectedVersion: 0 }],
      deletes: [],
      events: [],
    });
  }

  private async ensureAdmin(): Promise<void> {
    const existing = await this.store.get(this.system, ADMIN_INTERNAL_ID);
    const now = new Date().toISOString();
    if (!existing) {
      const password = this.admin.password ?? randomBytes(18).toString('base64url');
      const token = (this.admin.token ?? randomUUID()).toLowerCase();
      const standardId = generateStandardId('User', { user_email: this.admin.email });
      const user = internalElement(
        ADMIN_INTERNAL_ID,
        'User',
        standardId,
        {
          user_email: this.admin.email,
          name: 'admin',
          firstname: 'Admin',
          lastname: 'Threatloom',
          password: await hashPassword(password),
          api_token: token,
          account_status: 'Active',
          external: false,
          user_confidence_level: { max_confidence: 100, overrides: [] },
        },
        now,
        { [MEMBER_OF]: [bootstrapGroupId('Administrators')] },
      );
      user.lookupKeys = [apiTokenKey(token)];
      await this.store.commit({
        upserts: [{ element: user, expectedVersion: 0 }],
        deletes: [],
        events: [],
      });
      this.credentials = { email: this.admin.email, password, token };
      return;
    }
    await this.followConfiguration(existing, now);
  }

  private async followConfiguration(user: StoredElement, now: string): Promise<void> {
    const attributes = { ...user.attributes };
    let lookupKeys = user.lookupKeys;
    const { password, token, email } = this.admin;
    if (password && !(await verifyPassword(password, textOf(attributes.password) ?? ''))) {
      attributes.password = await hashPassword(password);
    }
    if (token && token.toLowerCase() !== attributes.api_token) {
      attributes.api_token = token.toLowerCase();
      lookupKeys = [apiTokenKey(token)];
    }
    // The email is the admin's login: its standard id, which a login resolves, follows it (also
    // where an earlier version changed the email alone).
    attributes.user_email = email;
    const standardId = generateStandardId('User', { user_email: email });
    if (standardId !== user.standardId) {
      await this.refuseTakenEmail(email, standardId);
    }
    if (
      attributes.password === user.attributes.password &&
      lookupKeys === user.lookupKeys &&
      email === user.attributes.user_email &&
      standardId === user.standardId
    ) {
      return;
    }
    const next = {
      ...user,
      standardId,
      attributes,
      lookupKeys,
      updatedAt: now,
      version: user.version + 1,
    };
    await this.store.commit({
      upserts: [{ element: next, expectedVersion: user.version }],
      deletes: [],
      events: [],
    });
    this.logger.log('Admin user updated from the configuration');
  }

  /** Fails the boot when `email` (of standard id `standardId`) is another user's. */
  private async refuseTakenEmail(email: string, standardId: string): Promise<void> {
    const holders = (await this.store.resolve(this.system, [standardId])).get(standardId) ?? [];
    const other = holders.find((e) => e.internalId !== ADMIN_INTERNAL_ID);
    if (other) {
      throw new ConfigError([
        {
          variable: 'THREATLOOM_ADMIN_EMAIL',
          message: `${email} is the email of another user (${other.internalId}): the admin cannot take it`,
        },
      ]);
    }
  }
}
