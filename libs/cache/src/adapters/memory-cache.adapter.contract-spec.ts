import { describeCacheContract } from '../testing/cache.contract';
import { MemoryCache } from './memory-cache.adapter';

describeCacheContract('memory', () =>
  Promise.resolve({
    sut: new MemoryCache({ maxEntries: 50 }),
    maxEntries: 50,
    cleanup: () => Promise.resolve(),
  }),
);
