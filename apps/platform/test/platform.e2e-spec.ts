import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '@lib/config';
import { EntityStore } from '@lib/entity-store';
import { IngestionJobsService } from '@lib/ingestion';
import { systemContext } from '@lib/rbac';
import { startPlatform } from '../src/serve';

const TOKEN = 'a5b6c7d8-1234-4abc-9def-0123456789ab';

describe('Platform (embedded, --app=all)', () => {
  let app: NestExpressApplication;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tl-e2e-'));
    const config = loadConfig({
      env: {
        THREATLOOM_DATA_DIR: dir,
        THREATLOOM_PORT: '0',
        THREATLOOM_HOST: '127.0.0.1',
        THREATLOOM_ADMIN_TOKEN: TOKEN,
        THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
        THREATLOOM_LOG_LEVEL: 'silent',
      },
      appFlag: 'all',
    });
    app = await startPlatform(config);
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers liveness and readiness, every port checked', async () => {
    await request(app.getHttpServer())
      .get('/health')
      .expect(200, {
        status: 'ok',
        profile: 'embedded',
        roles: ['core', 'worker', 'connector-host'],
      });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(Object.keys(ready.body.checks as object).sort()).toEqual([
      'blobs',
      'bus',
      'cache',
      'events',
      'queue',
      'store',
    ]);
  });

  it('answers about { version } on /graphql for the admin token', async () => {
    const res = await request(app.getHttpServer())
      .post('/graphql')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ query: '{ about { version } }' })
      .expect(200);
    expect(res.body).toEqual({
      data: { about: { version: expect.stringMatching(/^\d+\.\d+\.\d+/) } },
    });
  });

  it('refuses GraphQL without a valid token', async () => {
    const anonymous = await request(app.getHttpServer())
      .post('/graphql')
      .send({ query: '{ about { version } }' })
      .expect(200);
    expect(anonymous.body.errors[0].extensions.code).toBe('AUTH_REQUIRED');
    const wrong = await request(app.getHttpServer())
      .post('/graphql')
      .set('Authorization', 'Bearer 00000000-0000-4000-8000-000000000000')
      .send({ query: '{ about { version } }' });
    expect(wrong.body.errors[0].extensions.code).toBe('AUTH_REQUIRED');
  });

  it('bootstraps the TLP and PAP markings once', async () => {
    const store = app.get(EntityStore);
    const counts = await store.countByType(systemContext('test'));
    expect(counts['Marking-Definition']).toBe(9);
    expect(counts.User).toBe(1);
  });

  it('imports a bundle queued for the worker role, asynchronously', async () => {
    const store = app.get(EntityStore);
    const id = 'malware--0e1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
    const bundle = {
      type: 'bundle',
      id: 'bundle--1e1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
      objects: [
        {
          type: 'malware',
          spec_version: '2.1',
          id,
          created: '2024-01-01T00:00:00.000Z',
          modified: '2024-01-01T00:00:00.000Z',
          name: 'Queued',
          is_family: true,
        },
      ],
    };
    await app.get(IngestionJobsService).enqueueBundle({
      connectorId: 'e2e',
      workName: 'queued import',
      bundle: JSON.stringify(bundle),
    });
    const deadline = Date.now() + 10_000;
    let found = (await store.resolve(systemContext('test'), [id])).get(id);
    while (!found && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      found = (await store.resolve(systemContext('test'), [id])).get(id);
    }
    expect(found?.[0]?.attributes.name).toBe('Queued');
  });
});
