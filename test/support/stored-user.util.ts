import { join } from 'node:path';
import { SqliteEntityStore } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { SqliteDatabase } from '@lib/sqlite';
import { generateStandardId } from '@lib/stix';

/** The attributes of the user with `email` in an embedded platform's store (it may be running). */
export async function storedUser(
  dataDir: string,
  email: string,
): Promise<Record<string, unknown> | undefined> {
  const database = new SqliteDatabase({ path: join(dataDir, 'threatloom.db') });
  try {
    const store = new SqliteEntityStore(database, { maxEvents: 10_000_000 });
    const id = generateStandardId('User', { user_email: email });
    return (await store.resolve(systemContext('test'), [id])).get(id)?.[0]?.attributes;
  } finally {
    database.close();
  }
}
