import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { dropRunIndices, platformGraphql } from '@lib/testing';
import { ROOT, assertBuilt } from '../../support/cli.util';
import { DISTRIBUTED_TOKEN, distributedEnv, waitFor } from '../../support/distributed.util';
import { PYCTI_VENVS } from '../pycti/pycti-runner.util';
import { embeddedTestEnv } from './connector-platform.util';

// pycti's OpenCTIConnectorHelper, unmodified, as an INTERNAL_ENRICHMENT connector: it is asked
// to enrich an IPv4 by an analyst (askEnrichment) and automatically when one is created; it reads
// the entity back through the API and sends a bundle (an autonomous system and a relationship).
// Embedded: jobs POSTed to its HTTP callback (pycti 7 checks the platform's JWT), bundles over
// HTTP. Distributed: it consumes its listen queue and publishes to its push queue on RabbitMQ.

type Work = { status: string; errors: { message: string }[] };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

describe.each([
  ['embedded', 'api'],
  ['distributed', 'amqp'],
] as const)('pycti INTERNAL_ENRICHMENT connector on the %s profile (%s mode)', (profile, mode) => {
  const run = `ce${profile.slice(0, 4)}${Date.now().toString(36)}`;
  let app: NestExpressApplication;
  let url: string;
  let port: number;
  const token = DISTRIBUTED_TOKEN;
  const query = <T>(q: string, v: Record<string, unknown> = {}) =>
    platformGraphql<T>(port, token, q, v);

  beforeAll(async () => {
    assertBuilt();
    const env =
      profile === 'embedded'
        ? embeddedTestEnv(token)
        : { ...distributedEnv(run), THREATLOOM_PORT: '0', THREATLOOM_HOST: '127.0.0.1' };
    app = await startPlatform(
      loadConfig({ env: { ...env, THREATLOOM_CONNECTOR_DISCOVERY_S: '1' }, appFlag: 'all' }),
    );
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    port = Number(new URL(url).port);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (profile === 'distributed') await dropRunIndices(run);
  });

  const addIp = async (value: string) =>
    (
      await query<{ stixCyberObservableAdd: { id: string } }>(
        `mutation($v: String!) { stixCyberObservableAdd(type: "IPv4-Addr", IPv4Addr: { value: $v }) { id } }`,
        { v: value },
      )
    ).stixCyberObservableAdd.id;

  const enrichedAs = (number: number) =>
    waitFor(
      `AS${number} and its relationship`,
      async () => {
        const { stixCyberObservables, stixCoreRelationships } = await query<{
          stixCyberObservables: { edges: { node: { observable_value: string } }[] };
          stixCoreRelationships: { edges: { node: { relationship_type: string } }[] };
        }>(
          `{
            stixCyberObservables(first: 100, filters: { mode: and, filterGroups: [], filters: [{ key: "entity_type", values: ["Autonomous-System"] }] }) { edges { node { observable_value } } }
            stixCoreRelationships(first: 100) { edges { node { relationship_type } } } }`,
        );
        const values = stixCyberObservables.edges.map((e) => e.node.observable_value);
        return values.includes(`AS${number}`) ? stixCoreRelationships : undefined;
      },
      60_000,
    );

  const workDone = (workId: string) =>
    waitFor(
      `work ${workId}`,
      async () => {
        const { work } = await query<{ work: Work }>(
          `query($id: ID!) { work(id: $id) { status errors { message } } }`,
          { id: workId },
        );
        return work.status === 'complete' ? work : undefined;
      },
      60_000,
    );

  it.each(PYCTI_VENVS.map((venv, i) => [venv, i] as const))(
    'enriches on request and on creation with %s',
    async (venv, index) => {
      const id = `enrich-${venv.replace(/[^a-z0-9]/g, '')}-${mode}`;
      const octet = 10 + index * 10;
      const asked = await addIp(`198.51.100.${octet}`);
      const callbackPort = await freePort();
      const connector: ChildProcess = spawn(
        join(ROOT, '.cache', 'venvs', venv, 'bin', 'python'),
        [join(__dirname, 'internal_enrichment.py')],
        {
          env: {
            ...process.env,
            OPENCTI_URL: url,
            OPENCTI_TOKEN: token,
            CONNECTOR_ID: id,
            CONNECTOR_NAME: `Compat ${id}`,
            CONNECTOR_SCOPE: 'IPv4-Addr',
            CONNECTOR_AUTO: 'true',
            CONNECTOR_LOG_LEVEL: 'error',
            CONNECTOR_QUEUE_PROTOCOL: mode,
            ...(mode === 'api'
              ? {
                  CONNECTOR_LISTEN_PROTOCOL: 'API',
                  CONNECTOR_LISTEN_PROTOCOL_API_PORT: String(callbackPort),
                  CONNECTOR_LISTEN_PROTOCOL_API_URI: `http://127.0.0.1:${callbackPort}`,
                }
              : {}),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      connector.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      try {
        await waitFor(
          `${id} to register`,
          async () =>
            (
              await query<{ connector: { active: boolean } | null }>(
                `query($id: String!) { connector(id: $id) { active } }`,
                { id },
              )
            ).connector ?? undefined,
          60_000,
        );
        // AMQP: the helper starts consuming its listen queue right after it registered.
        await new Promise((r) => setTimeout(r, 2000));

        const { stixCoreObjectEdit } = await query<{
          stixCoreObjectEdit: { askEnrichment: { id: string; status: string } };
        }>(
          `mutation($id: ID!, $c: ID!) { stixCoreObjectEdit(id: $id) { askEnrichment(connectorId: $c) { id status } } }`,
          { id: asked, c: id },
        );
        expect(stixCoreObjectEdit.askEnrichment.status).toBe('wait');
        const manual = await workDone(stixCoreObjectEdit.askEnrichment.id);
        expect(manual.errors).toEqual([]);
        const relationships = await enrichedAs(64500 + octet);
        expect(relationships.edges.map((e) => e.node.relationship_type)).toContain('belongs-to');

        // Created after the connector registered: enriched without being asked.
        await addIp(`198.51.100.${octet + 1}`);
        await enrichedAs(64500 + octet + 1);
        const { connector: status } = await query<{
          connector: { works: Work[]; health_flags: string[] };
        }>(
          `query($id: String!) { connector(id: $id) { health_flags works { status errors { message } } } }`,
          { id },
        );
        expect(status.health_flags).toEqual([]);
        await waitFor(
          'every work to complete',
          async () => {
            const { connector: c } = await query<{ connector: { works: Work[] } }>(
              `query($id: String!) { connector(id: $id) { works { status } } }`,
              { id },
            );
            return c.works.length === 2 && c.works.every((w) => w.status === 'complete')
              ? true
              : undefined;
          },
          60_000,
        );
      } catch (error) {
        throw new Error(`${String(error)}\nconnector stderr:\n${stderr.slice(-3000)}`);
      } finally {
        connector.kill('SIGKILL');
      }
    },
    180_000,
  );
});
