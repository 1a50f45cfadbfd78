import { Test } from '@nestjs/testing';
import { Cache, CacheModule } from '@lib/cache';
import { describeSessionRegistry } from '../testing/session-registry.suite';

describeSessionRegistry('the memory cache', async () => {
  const app = await Test.createTestingModule({
    imports: [CacheModule.forRoot({ driver: 'memory', memory: { maxEntries: 100 } })],
  }).compile();
  return { cache: app.get(Cache), close: () => app.close() };
});
