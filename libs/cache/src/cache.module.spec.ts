import { Test } from '@nestjs/testing';
import { CacheModule } from './cache.module';
import { Cache } from './cache.port';

describe(CacheModule.name, () => {
  it('provides the memory adapter', async () => {
    const app = await Test.createTestingModule({
      imports: [CacheModule.forRoot({ driver: 'memory', memory: { maxEntries: 10 } })],
    }).compile();
    const sut = app.get(Cache);
    await sut.set('k', { v: 1 });
    expect(await sut.get('k')).toEqual({ v: 1 });
    await app.close();
  });
});
