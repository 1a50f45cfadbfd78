import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { Cache, CacheModule } from '@lib/cache';
import { requireTestService } from '@lib/testing';
import { describeSessionRegistry } from '../testing/session-registry.suite';

// Sessions shared by replicas: the same behaviour on Redis, under a key prefix per test. The keys
// the suite writes are removed afterwards (their ttl would remove them within the hour anyway).
const SESSIONS = ['s1', 'anon', 'a1', 'a2', 'b1', 'c1', 'e1', 'e2', 't1', 'k1', 'k2', 'm1'];
const USERS = ['u1', 'a', 'b', 'c', 'e', 't', 'k', 'm'];

describeSessionRegistry('redis', async () => {
  const url = await requireTestService('redis');
  const app = await Test.createTestingModule({
    imports: [
      CacheModule.forRoot({
        driver: 'redis',
        redis: { url, prefix: `threatloom-test:${randomUUID()}:`, maxEntries: 1000 },
      }),
    ],
  }).compile();
  const cache = app.get(Cache);
  return {
    cache,
    close: async () => {
      await cache.delete(
        ...SESSIONS.map((sid) => `auth:session:${sid}`),
        ...USERS.map((user) => `auth:user-sessions:${user}`),
      );
      await app.close();
    },
  };
});
