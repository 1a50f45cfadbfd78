import { Test } from '@nestjs/testing';
import { Cache, CacheModule } from '@lib/cache';
import { SessionRegistry } from './session-registry.service';

const HOUR = 3_600_000;

describe(SessionRegistry.name, () => {
  let sut: SessionRegistry;
  let cache: Cache;

  beforeEach(async () => {
    const app = await Test.createTestingModule({
      imports: [CacheModule.forRoot({ driver: 'memory', memory: { maxEntries: 100 } })],
      providers: [SessionRegistry],
    }).compile();
    sut = app.get(SessionRegistry);
    cache = app.get(Cache);
  });

  it('stores, reads back and destroys a session', async () => {
    await sut.set('s1', { userId: 'u1', cookie: { maxAge: HOUR } }, HOUR);
    expect(await sut.get('s1')).toEqual({ userId: 'u1', cookie: { maxAge: HOUR } });
    await sut.destroy('s1');
    expect(await sut.get('s1')).toBeUndefined();
    expect(await sut.dropSessionsOf('u1')).toBe(0);
  });

  it('keeps anonymous sessions out of any index', async () => {
    await sut.set('anon', { csrf: true }, HOUR);
    expect(await sut.get('anon')).toEqual({ csrf: true });
  });

  it('drops every session of one user and no other', async () => {
    await sut.set('a1', { userId: 'a' }, HOUR);
    await sut.set('a2', { userId: 'a' }, HOUR);
    await sut.set('a1', { userId: 'a', touched: 1 }, HOUR);
    await sut.set('b1', { userId: 'b' }, HOUR);
    expect(await sut.dropSessionsOf('a')).toBe(2);
    expect(await sut.get('a1')).toBeUndefined();
    expect(await sut.get('a2')).toBeUndefined();
    expect(await sut.get('b1')).toEqual({ userId: 'b' });
  });

  it('refuses a session its user index no longer lists (index lost: fail closed)', async () => {
    await sut.set('c1', { userId: 'c' }, HOUR);
    await cache.delete('auth:user-sessions:c');
    expect(await sut.get('c1')).toBeUndefined();
  });

  it('lets expired sessions fall out of the index', async () => {
    await sut.set('e1', { userId: 'e' }, 20);
    await new Promise((r) => setTimeout(r, 40));
    await sut.set('e2', { userId: 'e' }, HOUR);
    expect(await sut.get('e1')).toBeUndefined();
    expect(await sut.dropSessionsOf('e')).toBe(1);
  });
});

describe(`${SessionRegistry.name} touch`, () => {
  it('renews a live session but never revives a dropped one', async () => {
    const app = await Test.createTestingModule({
      imports: [CacheModule.forRoot({ driver: 'memory', memory: { maxEntries: 100 } })],
      providers: [SessionRegistry],
    }).compile();
    const sut = app.get(SessionRegistry);
    await sut.set('t1', { userId: 't' }, 30);
    await sut.touch('t1', { userId: 't' }, HOUR);
    await new Promise((r) => setTimeout(r, 50));
    expect(await sut.get('t1')).toEqual({ userId: 't' });
    await sut.dropSessionsOf('t');
    await sut.touch('t1', { userId: 't' }, HOUR);
    expect(await sut.get('t1')).toBeUndefined();
  });
});
