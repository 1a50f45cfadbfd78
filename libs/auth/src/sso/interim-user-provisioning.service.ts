import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { generateStandardId } from '@lib/stix';
import type { ExternalIdentity } from './external-identity.types';

// TODO(#8): replaced by the lead's UserProvisioningService (groups and organizations as real
// memberships); until then the names the provider mapped are kept on the user as they came.
@Injectable()
export class UserProvisioningService {
  private readonly system = systemContext('sso');

  constructor(@Inject(EntityStore) private readonly store: EntityStore) {}

  /** The internal id of the user `identity` names, created (external) when new. */
  async provisionExternal(identity: ExternalIdentity): Promise<string> {
    const standardId = generateStandardId('User', { user_email: identity.email });
    const found = (await this.store.resolve(this.system, [standardId])).get(standardId)?.[0];
    const now = new Date().toISOString();
    const attributes = {
      ...(found?.attributes ?? {
        user_email: identity.email,
        name: identity.name ?? identity.email,
        account_status: 'Active',
        external: true,
      }),
      ...(identity.firstname ? { firstname: identity.firstname } : {}),
      ...(identity.lastname ? { lastname: identity.lastname } : {}),
      ...(identity.groups ? { sso_groups: identity.groups } : {}),
      ...(identity.organizations ? { sso_organizations: identity.organizations } : {}),
    };
    const element: StoredElement = found
      ? { ...found, attributes, updatedAt: now, version: found.version + 1 }
      : {
          internalId: randomUUID(),
          standardId,
          entityType: 'User',
          baseType: 'ENTITY',
          stixIds: [],
          aliasIds: [],
          lookupKeys: [],
          attributes,
          refs: {},
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
    await this.store.commit({
      upserts: [{ element, expectedVersion: found?.version ?? 0 }],
      deletes: [],
      events: [],
    });
    return element.internalId;
  }
}
