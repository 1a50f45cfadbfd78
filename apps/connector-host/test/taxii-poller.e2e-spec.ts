import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltInConnectorsHost } from '@lib/builtin-connectors';
import { platformGraphql } from '@lib/testing';
import { assertBuilt } from '../../../test/support/cli.util';
import { waitFor } from '../../../test/support/distributed.util';
import {
  TEST_ADMIN_PASSWORD,
  embeddedTestEnv,
  startEmbedded,
} from '../../../test/support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../../test/support/embedded-platform.util';

// The built-in TAXII poller against real TAXII 2.1 servers on loopback: another Threatloom's
// TAXII server (Basic authentication with email and password, several pages, then only what was
// added since), and an HTTPS server that requires a client certificate (made with openssl).

const SOURCE_TOKEN = 'c1d2e3f4-1111-4abc-9def-0123456789ab';
const POLLER_TOKEN = 'c1d2e3f4-2222-4abc-9def-0123456789ab';

type Work = { status: string; messages: { message: string }[]; errors: { message: string }[] };

/** A CA, a server certificate for 127.0.0.1 and a client certificate, signed by the CA. */
function certificates(
  dir: string,
): Record<'ca' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', string> {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Test CA',
  );
  for (const name of ['server', 'client']) {
    run(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name === 'server' ? '127.0.0.1' : 'poller'}`,
    );
    const ext = join(dir, `${name}.ext`);
    execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1\\n' > ${ext}`]);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-extfile',
      ext,
    );
  }
  const path = (f: string) => join(dir, f);
  return {
    ca: path('ca.pem'),
    serverCert: path('server.pem'),
    serverKey: path('server.key'),
    clientCert: path('client.pem'),
    clientKey: path('client.key'),
  };
}

describe('Built-in TAXII 2.1 poller', () => {
  const dirs: string[] = [];
  const platforms: EmbeddedPlatform[] = [];
  let tlsServer: Server | undefined;

  const start = async (token: string, extra: Record<string, string>, appFlag: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-taxii-'));
    dirs.push(dir);
    const platform = await startEmbedded(embeddedTestEnv(token, extra, dir), appFlag);
    platforms.push(platform);
    return platform;
  };

  const works = async (platform: EmbeddedPlatform, token: string) =>
    (
      await platformGraphql<{ connector: { works: (Work & { id: string })[] } }>(
        platform.port,
        token,
        `{ connector(id: "threatloom-taxii") { works { id status messages { message } errors { message } } } }`,
      )
    ).connector.works.filter((w) => w.status === 'complete');

  /** The poll a platform ran at boot (its first): the work it completed. */
  const bootPoll = (poller: EmbeddedPlatform, token: string): Promise<Work> =>
    waitFor('the boot poll', async () => (await works(poller, token))[0], 60_000);

  /** A poll now: the work it completes. */
  const poll = async (poller: EmbeddedPlatform, token = POLLER_TOKEN): Promise<Work> => {
    const before = new Set((await works(poller, token)).map((w) => w.id));
    await poller.app.get(BuiltInConnectorsHost).runNow('threatloom-taxii');
    return waitFor(
      'a poll to complete',
      async () => (await works(poller, token)).find((w) => !before.has(w.id)),
      60_000,
    );
  };

  const malwareNames = async (platform: EmbeddedPlatform, token: string, name?: string) =>
    (
      await platformGraphql<{ malwares: { edges: { node: { name: string } }[] } }>(
        platform.port,
        token,
        `query($f: FilterGroup) { malwares(first: 500, filters: $f) { edges { node { name } } } }`,
        {
          f: name
            ? { mode: 'and', filters: [{ key: ['name'], values: [name] }], filterGroups: [] }
            : null,
        },
      )
    ).malwares.edges.map((e) => e.node.name);

  beforeAll(() => assertBuilt());
  afterAll(async () => {
    for (const p of platforms.reverse()) await p.app.close();
    tlsServer?.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  }, 60_000);

  it('polls another platform page by page, then only what was added since', async () => {
    const source = await start(SOURCE_TOKEN, { THREATLOOM_BUILTIN_CONNECTORS: 'none' }, 'all');
    const add = (name: string) =>
      platformGraphql(
        source.port,
        SOURCE_TOKEN,
        `mutation($n: String!) { malwareAdd(input: { name: $n }) { id } }`,
        { n: name },
      );
    // More than one page of 1,000: the poller follows `next`.
    const bundle = {
      type: 'bundle',
      id: 'bundle--4a7c1d2e-0000-4000-8000-000000000001',
      objects: Array.from({ length: 1200 }, (_, i) => ({
        type: 'malware',
        spec_version: '2.1',
        id: `malware--${String(i).padStart(8, '0')}-1111-4111-8111-111111111111`,
        created: '2024-01-01T00:00:00.000Z',
        modified: '2024-01-01T00:00:00.000Z',
        name: `Polled ${i}`,
        is_family: true,
      })),
    };
    await platformGraphql(
      source.port,
      SOURCE_TOKEN,
      `mutation($b: String!) { stixBundlePush(connectorId: "seed", bundle: $b) }`,
      { b: JSON.stringify(bundle) },
    );
    await waitFor(
      'the seed import',
      async () => ((await malwareNames(source, SOURCE_TOKEN)).length >= 500 ? true : undefined),
      60_000,
    );
    const { taxiiCollectionAdd } = await platformGraphql<{ taxiiCollectionAdd: { id: string } }>(
      source.port,
      SOURCE_TOKEN,
      `mutation { taxiiCollectionAdd(input: { name: "Malware", filters: "{\\"mode\\":\\"and\\",\\"filters\\":[{\\"key\\":[\\"entity_type\\"],\\"values\\":[\\"Malware\\"]}],\\"filterGroups\\":[]}" }) { id } }`,
    );
    await waitFor(
      'all 1,200 on the source',
      async () => {
        const { malwares } = await platformGraphql<{
          malwares: { pageInfo: { globalCount: number } };
        }>(source.port, SOURCE_TOKEN, '{ malwares(first: 1) { pageInfo { globalCount } } }');
        return malwares.pageInfo.globalCount === 1200 ? true : undefined;
      },
      60_000,
    );

    const poller = await start(
      POLLER_TOKEN,
      {
        THREATLOOM_BUILTIN_CONNECTORS: 'taxii',
        THREATLOOM_CONNECTOR_TAXII_URL: `${source.url}/taxii2/root/collections/${taxiiCollectionAdd.id}/`,
        THREATLOOM_CONNECTOR_TAXII_USER: 'admin@threatloom.local',
        THREATLOOM_CONNECTOR_TAXII_PASSWORD: TEST_ADMIN_PASSWORD,
      },
      'all',
    );
    const first = await bootPoll(poller, POLLER_TOKEN);
    expect(first.errors).toEqual([]);
    expect(first.messages.map((m) => m.message).join(' ')).toContain('1200 objects in 2 page(s)');
    await waitFor(
      '1,200 polled malware',
      async () => {
        const { malwares } = await platformGraphql<{
          malwares: { pageInfo: { globalCount: number } };
        }>(poller.port, POLLER_TOKEN, '{ malwares(first: 1) { pageInfo { globalCount } } }');
        return malwares.pageInfo.globalCount === 1200 ? true : undefined;
      },
      60_000,
    );

    await add('Added Later');
    const second = await poll(poller);
    expect(second.messages.map((m) => m.message).join(' ')).toContain('1 objects in 1 page(s)');
    await waitFor(
      'the later malware',
      async () =>
        (await malwareNames(poller, POLLER_TOKEN, 'Added Later')).includes('Added Later')
          ? true
          : undefined,
      30_000,
    );
  }, 180_000);

  it('authenticates with a client certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-certs-'));
    dirs.push(dir);
    const certs = certificates(dir);
    const seen: string[] = [];
    tlsServer = createServer(
      {
        cert: readFileSync(certs.serverCert),
        key: readFileSync(certs.serverKey),
        ca: readFileSync(certs.ca),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        seen.push(`${String(peer.subject?.CN ?? '?')} ${req.url ?? ''}`);
        res.writeHead(200, {
          'content-type': 'application/taxii+json;version=2.1',
          'x-taxii-date-added-last': '2024-05-01T00:00:00.000Z',
        });
        res.end(
          JSON.stringify({
            more: false,
            objects: [
              {
                type: 'malware',
                spec_version: '2.1',
                id: 'malware--9e2b1c3d-2222-4222-8222-222222222222',
                created: '2024-01-01T00:00:00.000Z',
                modified: '2024-01-01T00:00:00.000Z',
                name: 'Over mutual TLS',
                is_family: false,
              },
            ],
          }),
        );
      },
    );
    await new Promise<void>((resolve) => tlsServer?.listen(0, '127.0.0.1', resolve));
    const address = tlsServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const poller = await start(
      'c1d2e3f4-3333-4abc-9def-0123456789ab',
      {
        THREATLOOM_BUILTIN_CONNECTORS: 'taxii',
        THREATLOOM_CONNECTOR_TAXII_URL: `https://127.0.0.1:${port}/taxii2/root/collections/tls/`,
        THREATLOOM_CONNECTOR_TAXII_CERT: certs.clientCert,
        THREATLOOM_CONNECTOR_TAXII_KEY: certs.clientKey,
        THREATLOOM_CONNECTOR_TAXII_CA: certs.ca,
      },
      'all',
    );
    const tlsToken = 'c1d2e3f4-3333-4abc-9def-0123456789ab';
    const work = await bootPoll(poller, tlsToken);
    expect(work.errors).toEqual([]);
    expect(await malwareNames(poller, tlsToken)).toContain('Over mutual TLS');
    expect(seen[0]).toMatch(/^poller \/taxii2\/root\/collections\/tls\/objects\/\?limit=1000$/);
  }, 120_000);
});
