import { dropRunData, loopbackPortBase } from '@lib/testing';
import { BrowserSession } from '../../../apps/core/test/support/browser-session.util';
import { assertBuilt } from '../../support/cli.util';
import { distributedEnv, startRole, stopRole, waitReady } from '../../support/distributed.util';
import type { PlatformProcess } from '../../support/distributed.util';

// Sessions shared by replicas (issue #8): two core processes on the distributed profile, with no
// THREATLOOM_SESSION_SECRET (they agree on the one kept in Redis). A session opened on core A
// authenticates on core B, and logging out everywhere on B ends it on A too.

const ABOUT = '{ about { version } }';
const SESSION = 'threatloom.sid';
const ADMIN = { email: 'admin@threatloom.local', password: 'correct horse battery' };

describe('distributed profile: sessions shared by replicas', () => {
  const run = `tlses${Date.now().toString(36)}`;
  const env = distributedEnv(run);
  const base = loopbackPortBase();
  const processes: PlatformProcess[] = [];

  beforeAll(async () => {
    assertBuilt();
    processes.push(startRole('core', base, env, { name: 'core A' }));
    await waitReady(processes[0] as PlatformProcess, 120_000);
    processes.push(startRole('core', base + 1, env, { name: 'core B' }));
    await waitReady(processes[1] as PlatformProcess, 120_000);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map(stopRole));
    await dropRunData(run);
  });

  it('opens a session on core A that core B honours, and ends it everywhere from B', async () => {
    const onA = new BrowserSession(`http://127.0.0.1:${base}`);
    const login = await onA.login(ADMIN.email, ADMIN.password);
    expect(login.status).toBe(200);
    const onB = new BrowserSession(`http://127.0.0.1:${base + 1}`);
    const cookie = onA.cookie(SESSION);
    const read = async (port: number) => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: ABOUT }),
      });
      return (await res.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] };
    };
    expect((await read(base + 1)).data).toEqual({ about: { version: expect.any(String) } });
    await onB.login(ADMIN.email, ADMIN.password);
    expect((await onB.post('/auth/logout-all')).status).toBe(200);
    expect((await read(base)).errors?.[0]?.extensions.code).toBe('AUTH_REQUIRED');
    expect((await read(base + 1)).errors?.[0]?.extensions.code).toBe('AUTH_REQUIRED');
  }, 60_000);
});
