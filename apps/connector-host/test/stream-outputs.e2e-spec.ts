import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { platformGraphql } from '@lib/testing';
import { assertBuilt } from '../../../test/support/cli.util';
import { embeddedTestEnv, startEmbedded } from '../../../test/support/embedded-platform.util';
import { waitFor } from '../../../test/support/distributed.util';

// The built-in STREAM connectors against real receivers on loopback: an HTTP server that fails
// (503) then accepts, one speaking Splunk HEC's request format, and a syslog server over UDP
// (RFC 5424 + CEF); a restart resumes from the saved position.

const TOKEN = 'a9b8c7d6-1234-4abc-9def-0123456789ab';

type Received = { headers: IncomingMessage['headers']; body: Record<string, unknown> };

function httpReceiver(
  failFirst: number,
): Promise<{ server: Server; got: Received[]; url: string }> {
  const got: Received[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (failures < failFirst) {
        failures += 1;
        res.writeHead(503).end('busy');
        return;
      }
      got.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"Success","code":0}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, got, url: `http://127.0.0.1:${port}` });
    }),
  );
}

function udpReceiver(): Promise<{ socket: UdpSocket; lines: string[]; port: number }> {
  const lines: string[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (m) => lines.push(m.toString('utf8')));
  return new Promise((resolve) =>
    socket.bind(0, '127.0.0.1', () => resolve({ socket, lines, port: socket.address().port })),
  );
}

/** A TCP syslog receiver: octet-counted frames (RFC 6587). */
function tcpReceiver(): Promise<{ server: TcpServer; lines: string[]; port: number }> {
  const lines: string[] = [];
  const server = createTcpServer((socket) => {
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        const space = buffer.indexOf(' ');
        const length = Number(buffer.slice(0, space));
        if (space < 0 || buffer.length < space + 1 + length) break;
        lines.push(buffer.slice(space + 1, space + 1 + length));
        buffer = buffer.slice(space + 1 + length);
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, lines, port: typeof address === 'object' && address ? address.port : 0 });
    }),
  );
}

describe('Built-in STREAM connectors (webhook, Splunk HEC, syslog)', () => {
  let dir: string;
  let app: NestExpressApplication | undefined;
  let webhook: Awaited<ReturnType<typeof httpReceiver>>;
  let hec: Awaited<ReturnType<typeof httpReceiver>>;
  let syslogUdp: Awaited<ReturnType<typeof udpReceiver>>;
  let syslogTcp: Awaited<ReturnType<typeof tcpReceiver>>;

  const start = async (format: 'cef' | 'rfc5424', protocol: 'udp' | 'tcp') => {
    const env = embeddedTestEnv(
      TOKEN,
      {
        THREATLOOM_STREAM_HEARTBEAT_MS: '500',
        THREATLOOM_BUILTIN_CONNECTORS: 'webhook,splunk-hec,syslog',
        THREATLOOM_CONNECTOR_WEBHOOK_URL: `${webhook.url}/hook`,
        THREATLOOM_CONNECTOR_WEBHOOK_TOKEN: 'hook-secret',
        THREATLOOM_CONNECTOR_SPLUNK_URL: hec.url,
        THREATLOOM_CONNECTOR_SPLUNK_TOKEN: 'hec-token',
        THREATLOOM_CONNECTOR_SPLUNK_INDEX: 'cti',
        THREATLOOM_CONNECTOR_SYSLOG_HOST: '127.0.0.1',
        THREATLOOM_CONNECTOR_SYSLOG_PORT: String(
          protocol === 'udp' ? syslogUdp.port : syslogTcp.port,
        ),
        THREATLOOM_CONNECTOR_SYSLOG_PROTOCOL: protocol,
        THREATLOOM_CONNECTOR_SYSLOG_FORMAT: format,
      },
      dir,
    );
    const started = await startEmbedded(env, 'all');
    app = started.app;
    return started.port;
  };

  const malware = (port: number, name: string) =>
    platformGraphql<{ malwareAdd: { standard_id: string } }>(
      port,
      TOKEN,
      `mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { standard_id } }`,
      { input: { name } },
    );

  const stixIdOf = (r: Received) => (r.body.data as { id?: string } | undefined)?.id;
  const hecIdOf = (r: Received) => ((r.body.event as { stix?: { id?: string } }).stix ?? {}).id;

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tl-outputs-'));
    webhook = await httpReceiver(2);
    hec = await httpReceiver(0);
    syslogUdp = await udpReceiver();
    syslogTcp = await tcpReceiver();
  });

  afterAll(async () => {
    await app?.close();
    webhook.server.close();
    hec.server.close();
    syslogUdp.socket.close();
    syslogTcp.server.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('delivers new events to each output, retrying a failing receiver', async () => {
    const port = await start('cef', 'udp');
    // STREAM connectors start from "now" on their first run: let them connect first.
    await waitFor(
      'the stream connectors to register',
      async () => {
        const { connectors } = await platformGraphql<{ connectors: { id: string }[] }>(
          port,
          TOKEN,
          '{ connectors { id } }',
        );
        return connectors.filter((c) => c.id.startsWith('threatloom-')).length === 3
          ? true
          : undefined;
      },
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const { malwareAdd } = await malware(port, 'Outbound');
    const id = malwareAdd.standard_id;

    const hook = await waitFor(
      'the webhook',
      () => Promise.resolve(webhook.got.find((r) => stixIdOf(r) === id)),
      30_000,
    );
    expect(hook.headers.authorization).toBe('Bearer hook-secret');
    expect(hook.body).toEqual(
      expect.objectContaining({ event: 'create', version: '4', type: 'create' }),
    );
    expect(hook.headers['x-threatloom-event-id']).toBe(hook.body.id);

    const splunk = await waitFor(
      'Splunk HEC',
      () => Promise.resolve(hec.got.find((r) => hecIdOf(r) === id)),
      30_000,
    );
    expect(splunk.headers.authorization).toBe('Splunk hec-token');
    expect(splunk.body).toEqual(
      expect.objectContaining({ index: 'cti', sourcetype: '_json', time: expect.any(Number) }),
    );

    const cef = await waitFor(
      'the syslog CEF message',
      () => Promise.resolve(syslogUdp.lines.find((l) => l.includes(`externalId=${id}`))),
      30_000,
    );
    expect(cef).toMatch(
      /^<134>1 \d{4}-\d\d-\d\dT[\d:.]+Z \S+ threatloom \d+ create - CEF:0\|Threatloom\|Threatloom\|1\|threatloom:create\|create Malware\|3\|/,
    );
    expect(cef).toContain('cs1=Malware');
    expect(cef).toContain('cs2=Outbound');
  }, 120_000);

  it('resumes after a restart with what happened while it was down, once', async () => {
    await app?.close();
    app = undefined;
    // Written while no connector runs (a second platform on the same data, outputs off).
    const offline = await startEmbedded(
      embeddedTestEnv(TOKEN, { THREATLOOM_BUILTIN_CONNECTORS: 'none' }, dir),
      'core',
    );
    const offlinePort = offline.port;
    const { malwareAdd } = await malware(offlinePort, 'While Down');
    await offline.app.close();

    await start('rfc5424', 'tcp');
    const line = await waitFor(
      'the syslog RFC 5424 message',
      () =>
        Promise.resolve(
          syslogTcp.lines.find(
            (l) => l.includes(malwareAdd.standard_id) && l.includes('While Down'),
          ),
        ),
      30_000,
    );
    const json = JSON.parse(line.slice(line.indexOf(' - ') + 3)) as { event: string };
    expect(json.event).toBe('create');
    await waitFor(
      'the webhook',
      () => Promise.resolve(webhook.got.find((r) => stixIdOf(r) === malwareAdd.standard_id)),
      30_000,
    );
    expect(
      webhook.got.filter((r) => (r.body.data as { name?: string }).name === 'Outbound'),
    ).toHaveLength(1);
  }, 120_000);
});
