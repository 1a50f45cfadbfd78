import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '@lib/testing';
import { assertBuilt, cliEnv, runCli } from '../../../test/support/cli.util';

// The service clients are loaded on demand (by the probes, then by the drivers' factories): the
// built platform still asks each service before booting, and names every one it cannot reach.
describe('Distributed boot without its services (dist/)', () => {
  let dir: string;

  beforeAll(() => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tl-preflight-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start and names each unreachable service', async () => {
    const url = `127.0.0.1:${await closedPort()}`;
    const result = runCli(
      ['--app=all'],
      cliEnv(dir, {
        THREATLOOM_PROFILE: 'distributed',
        THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
        THREATLOOM_ADMIN_TOKEN: 'a5b6c7d8-1234-4abc-9def-0123456789ab',
        THREATLOOM_ELASTIC_URL: `http://${url}`,
        THREATLOOM_REDIS_URL: `redis://${url}`,
        THREATLOOM_RABBITMQ_URL: `amqp://${url}`,
        THREATLOOM_S3_ENDPOINT: `http://${url}`,
        THREATLOOM_S3_BUCKET: 'preflight',
        THREATLOOM_S3_ACCESS_KEY: 'preflight',
        THREATLOOM_S3_SECRET_KEY: 'preflight',
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cannot reach services at boot');
    for (const service of ['OpenSearch', 'Redis', 'RabbitMQ', 'S3']) {
      expect(result.stderr).toMatch(new RegExp(`^  ${service} at \\S*${url}`, 'm'));
    }
    expect(result.stderr).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
  });
});
