import type { Cache } from '@lib/cache';
import { SessionRegistry } from '../sessions/session-registry.service';

const HOUR = 3_600_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The session registry's behaviour on one Cache adapter (memory in unit tests, Redis in contract). */
export function describeSessionRegistry(
  name: string,
  makeCache: () => Promise<{ cache: Cache; close: () => Promise<void> }>,
): void {
  describe(`${SessionRegistry.name} on ${name}`, () => {
    let sut: SessionRegistry;
    let cache: Cache;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ cache, close } = await makeCache());
      sut = new SessionRegistry(cache);
    });

    afterEach(() => close());

    it('stores, reads back and destroys a session', async () => {
      await sut.set('s1', { userId: 'u1', cookie: { maxAge: HOUR } }, HOUR);
      expect(await sut.get('s1')).toEqual({ userId: 'u1', cookie: { maxAge: HOUR } });
      await sut.destroy('s1');
      expect(await sut.get('s1')).toBeUndefined();
      expect(await sut.dropSessionsOf('u1')).toBe(0);
    });

    it("lists a user's live sessions under ids that are not the session ids", async () => {
      await sut.set('l1', { userId: 'l', cookie: { originalMaxAge: HOUR } }, HOUR);
      await sut.set('l2', { userId: 'l' }, HOUR);
      await sut.destroy('l2');
      const listed = await sut.sessionsOf('l');
      expect(listed).toHaveLength(1);
      expect(listed[0]?.id).toMatch(/^[0-9a-f]{32}$/);
      expect(listed[0]?.id).not.toContain('l1');
      expect(listed[0]?.record).toMatchObject({ userId: 'l' });
      expect(await sut.sessionsOf('nobody')).toEqual([]);
    });

    it('ends one session by its listed id, of that user only', async () => {
      await sut.set('k1', { userId: 'k' }, HOUR);
      await sut.set('k2', { userId: 'k' }, HOUR);
      await sut.set('m1', { userId: 'm' }, HOUR);
      const [first] = await sut.sessionsOf('k');
      const [other] = await sut.sessionsOf('m');
      expect(await sut.destroyListed('k', other!.id)).toBe(false);
      expect(await sut.destroyListed('k', 'k1')).toBe(false);
      expect(await sut.destroyListed('k', first!.id)).toBe(true);
      expect(await sut.sessionsOf('k')).toHaveLength(1);
      expect(await sut.get('m1')).toEqual({ userId: 'm' });
      expect(await sut.destroyListed('k', first!.id)).toBe(false);
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
      await pause(60);
      await sut.set('e2', { userId: 'e' }, HOUR);
      expect(await sut.get('e1')).toBeUndefined();
      expect(await sut.dropSessionsOf('e')).toBe(1);
    });

    it('renews a live session on touch but never revives a dropped one', async () => {
      await sut.set('t1', { userId: 't' }, 40);
      await sut.touch('t1', { userId: 't' }, HOUR);
      await pause(80);
      expect(await sut.get('t1')).toEqual({ userId: 't' });
      await sut.dropSessionsOf('t');
      await sut.touch('t1', { userId: 't' }, HOUR);
      expect(await sut.get('t1')).toBeUndefined();
    });
  });
}
