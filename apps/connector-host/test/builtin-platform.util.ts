import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { assertBuilt } from '../../../test/support/cli.util';
import { waitFor } from '../../../test/support/distributed.util';
import { embeddedTestEnv, startEmbedded } from '../../../test/support/embedded-platform.util';

const TOKEN = 'b4c5d6e7-1234-4abc-9def-0123456789ab';

type GqlBody = { data?: Record<string, unknown>; errors?: { message: string }[] };

export type Work = {
  id: string;
  status: string;
  messages: { message: string }[];
  errors: { message: string }[];
  tracking: { import_expected_number: number; import_processed_number: number };
  outcomes: { created: number; rejected: number };
};
const WORK = `id status messages { message } errors { message }
  tracking { import_expected_number import_processed_number } outcomes { created rejected }`;

export const objectsOf = (path: string) =>
  (JSON.parse(readFileSync(path, 'utf8')) as { objects: { type: string; id: string }[] }).objects;

/**
 * An embedded platform of every role in this test process, for the suite that calls it (started
 * before its tests, closed after): `env(dir)` gives the built-in connectors and their settings,
 * `dir` being the platform's data directory (fixtures may go there). Answers GraphQL, work,
 * upload and download helpers.
 */
export function useBuiltInPlatform(
  env: (dir: string) => Record<string, string> | Promise<Record<string, string>>,
) {
  let app: NestExpressApplication;
  let dir: string;

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tl-builtin-'));
    app = (await startEmbedded(embeddedTestEnv(TOKEN, await env(dir), dir), 'all')).app;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const data = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = (
      await request(app.getHttpServer())
        .post('/graphql')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send({ query, variables })
    ).body as GqlBody;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };

  const completed = (workId: string) =>
    waitFor(
      `work ${workId}`,
      async () => {
        const { work } = await data<{ work: Work }>(
          `query($id: ID!) { work(id: $id) { ${WORK} } }`,
          { id: workId },
        );
        return work.status === 'complete' ? work : undefined;
      },
      180_000,
    );

  /** The first work of a connector (a scheduled connector's run at start). */
  const firstWork = (connectorId: string, what: string) =>
    waitFor(
      what,
      async () => {
        const { connector } = await data<{ connector: { works: { id: string }[] } }>(
          `query($id: String!) { connector(id: $id) { works { id } } }`,
          { id: connectorId },
        );
        return connector.works[0];
      },
      60_000,
    );

  const download = async (fileId: string): Promise<string> => {
    const body = await request(app.getHttpServer())
      .get(`/storage/get/${fileId}`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .buffer(true)
      .parse((res, cb) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => cb(null, text));
      });
    expect(body.status).toBe(200);
    return body.body as string;
  };

  const upload = async <T>(query: string, variables: Record<string, unknown>, path: string) => {
    const response = await request(app.getHttpServer())
      .post('/graphql')
      .set('Authorization', `Bearer ${TOKEN}`)
      .field('operations', JSON.stringify({ query, variables: { ...variables, file: null } }))
      .field('map', JSON.stringify({ 0: ['variables.file'] }))
      .attach('0', readFileSync(path), {
        filename: 'bundle.json',
        contentType: 'application/json',
      });
    const body = response.body as GqlBody;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };

  return { app: () => app, data, completed, firstWork, download, upload };
}
