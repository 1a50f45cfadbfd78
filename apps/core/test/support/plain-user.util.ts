import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { apiTokenKey } from '@lib/bootstrap';
import { EntityStore } from '@lib/entity-store';
import { generateStandardId } from '@lib/stix';

/** A hash as the first releases stored them (scrypt), to watch the login upgrade it. */
export function legacyScryptHash(password: string): string {
  const salt = randomBytes(16);
  const digest = scryptSync(password, salt, 64, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), digest.toString('base64')].join('$');
}

/**
 * Writes a user with no group (so no capability and no BYPASS) straight into the store, until the
 * users admin API exists; its password hash is a legacy scrypt one. Returns its internal id.
 */
export async function addPlainUser(
  app: INestApplication,
  user: { email: string; password: string; token: string },
): Promise<string> {
  const internalId = randomUUID();
  const now = new Date().toISOString();
  await app.get(EntityStore).commit({
    upserts: [
      {
        element: {
          internalId,
          standardId: generateStandardId('User', { user_email: user.email }),
          entityType: 'User',
          baseType: 'ENTITY',
          stixIds: [],
          aliasIds: [],
          lookupKeys: [apiTokenKey(user.token)],
          attributes: {
            user_email: user.email,
            name: user.email,
            password: legacyScryptHash(user.password),
            api_token: user.token,
            account_status: 'Active',
          },
          refs: {},
          createdAt: now,
          updatedAt: now,
          version: 1,
        },
        expectedVersion: 0,
      },
    ],
    deletes: [],
    events: [],
  });
  return internalId;
}
