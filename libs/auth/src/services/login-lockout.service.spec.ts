import { Test } from '@nestjs/testing';
import { CacheModule } from '@lib/cache';
import { AUTH_CONFIG } from '@lib/config';
import { LoginLockout } from './login-lockout.service';

const lockout = { maxFailures: 3, windowMs: 60_000, lockMs: 300_000 };

describe(LoginLockout.name, () => {
  let sut: LoginLockout;

  beforeEach(async () => {
    const app = await Test.createTestingModule({
      imports: [CacheModule.forRoot({ driver: 'memory', memory: { maxEntries: 100 } })],
      providers: [LoginLockout, { provide: AUTH_CONFIG, useValue: { lockout } }],
    }).compile();
    sut = app.get(LoginLockout);
  });

  it('locks an email at the maximum of failures within the window, for the lock time', async () => {
    const t0 = 1_000_000;
    expect(await sut.recordFailure('Ann@Example.org', t0)).toBe(false);
    expect(await sut.recordFailure('ann@example.org ', t0 + 1000)).toBe(false);
    expect(await sut.lockedFor('ann@example.org', t0 + 2000)).toBe(0);
    expect(await sut.recordFailure('ann@example.org', t0 + 2000)).toBe(true);
    expect(await sut.lockedFor('ANN@example.org', t0 + 3000)).toBe(lockout.lockMs - 1000);
    expect(await sut.lockedFor('ann@example.org', t0 + 2000 + lockout.lockMs)).toBe(0);
    expect(await sut.lockedFor('bob@example.org', t0 + 3000)).toBe(0);
  });

  it('forgets failures older than the window', async () => {
    const t0 = 1_000_000;
    await sut.recordFailure('c@example.org', t0);
    await sut.recordFailure('c@example.org', t0 + 1);
    expect(await sut.recordFailure('c@example.org', t0 + lockout.windowMs + 5)).toBe(false);
    expect(await sut.lockedFor('c@example.org', t0 + lockout.windowMs + 6)).toBe(0);
  });

  it('starts counting again after a successful login', async () => {
    const now = Date.now();
    await sut.recordFailure('d@example.org', now);
    await sut.recordFailure('d@example.org', now);
    await sut.recordSuccess('d@example.org');
    expect(await sut.recordFailure('d@example.org', now)).toBe(false);
    expect(await sut.recordFailure('d@example.org', now)).toBe(false);
    expect(await sut.recordFailure('d@example.org', now)).toBe(true);
  });
});
