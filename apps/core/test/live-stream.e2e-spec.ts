import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { readSse } from '@lib/streams';
import type { ReceivedSse } from '@lib/streams';
import { platformGraphql } from '@lib/testing';
import { assertBuilt } from '../../../test/support/cli.util';
import { embeddedTestEnv, startEmbedded } from '../../../test/support/embedded-platform.util';

const TOKEN = 'c3d4e5f6-1234-4abc-9def-0123456789ab';
const HEARTBEAT_MS = 300;

type Node = { id: string; standard_id: string };
type WireEvent = {
  version: string;
  type: string;
  origin: Record<string, unknown>;
  data: Record<string, unknown> & { id: string; name?: string };
  context?: Record<string, unknown>;
};

/** An SSE connection that records what it receives, for assertions that wait. */
class Recorder {
  readonly messages: ReceivedSse[] = [];
  private readonly abort = new AbortController();
  readonly done: Promise<void>;
  error: unknown;

  constructor(url: string, headers: Record<string, string>) {
    this.done = (async () => {
      try {
        for await (const m of readSse(url, { headers, signal: this.abort.signal })) {
          this.messages.push(m);
        }
      } catch (error) {
        this.error = error;
      }
    })();
  }

  /** Data events (not connected/heartbeat), parsed. */
  events(): (WireEvent & { id: string; event: string })[] {
    return this.messages
      .filter((m) => m.event !== 'connected' && m.event !== 'heartbeat')
      .map((m) => ({ ...(JSON.parse(m.data) as WireEvent), id: m.id ?? '', event: m.event }));
  }

  async until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (this.error) throw this.error as Error;
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${what}; got ${JSON.stringify(this.messages)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  eventFor(name: string, type?: string) {
    return this.events().find((e) => e.data.name === name && (!type || e.event === type));
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}

describe('Live streams over SSE (embedded)', () => {
  let app: NestExpressApplication;
  let dir: string;
  let base: string;
  const open: Recorder[] = [];

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(Number(new URL(base).port), TOKEN, query, variables);

  const connect = (path: string, headers: Record<string, string> = {}) => {
    const recorder = new Recorder(`${base}${path}`, {
      authorization: `Bearer ${TOKEN}`,
      ...headers,
    });
    open.push(recorder);
    return recorder;
  };

  const malware = async (name: string, extra: Record<string, unknown> = {}) =>
    (
      await gql<{ malwareAdd: Node }>(
        `mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { id standard_id } }`,
        { input: { name, ...extra } },
      )
    ).malwareAdd;

  const patch = (id: string, key: string, value: unknown[]) =>
    gql(
      `mutation($id: ID!, $input: [EditInput]!) { stixDomainObjectEdit(id: $id) { fieldPatch(input: $input) { id } } }`,
      { id, input: [{ key, value }] },
    );

  const addCollection = async (input: Record<string, unknown>) =>
    (
      await gql<{ streamCollectionAdd: { id: string } }>(
        `mutation($input: StreamCollectionAddInput!) { streamCollectionAdd(input: $input) { id } }`,
        { input },
      )
    ).streamCollectionAdd.id;

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tl-stream-'));
    const env = embeddedTestEnv(
      TOKEN,
      { THREATLOOM_STREAM_HEARTBEAT_MS: String(HEARTBEAT_MS) },
      dir,
    );
    ({ app, url: base } = await startEmbedded(env, 'core'));
  }, 120_000);

  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('refuses the raw stream without a token, and names a bad position', async () => {
    const anonymous = await fetch(`${base}/stream`);
    expect(anonymous.status).toBe(401);
    const bad = await fetch(`${base}/stream?from=yesterday`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('yesterday');
    const unknown = await fetch(`${base}/stream/0b7a3c9e-0000-4000-8000-000000000000`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(unknown.status).toBe(404);
  });

  it('sends connected, version 4 events with ids, and heartbeats carrying the last id', async () => {
    const raw = connect('/stream');
    const connected = await raw.until('connected', () =>
      raw.messages.find((m) => m.event === 'connected'),
    );
    expect(connected.id).toBeUndefined();
    expect(JSON.parse(connected.data)).toEqual(
      expect.objectContaining({ connectionId: expect.any(String), streamSize: expect.any(Number) }),
    );
    const created = await malware('Raw Stream Malware');
    const event = await raw.until('the create', () => raw.eventFor('Raw Stream Malware'));
    expect(event).toEqual(
      expect.objectContaining({ version: '4', type: 'create', event: 'create', scope: 'external' }),
    );
    expect(event.id).toMatch(/^\d+-\d+$/);
    expect(event.data.id).toBe(created.standard_id);
    const at = raw.messages.findIndex((m) => m.id === event.id);
    const heartbeat = await raw.until('a heartbeat after the event', () =>
      raw.messages.slice(at + 1).find((m) => m.event === 'heartbeat'),
    );
    expect(heartbeat.id).toBe(event.id);
    expect(new Date(JSON.parse(heartbeat.data) as string).getTime()).toBe(
      Number(event.id.split('-')[0]),
    );
  });

  it('resumes after an event id without repeating it', async () => {
    await malware('Resume One');
    const first = connect('/stream', { 'last-event-id': '0-0' });
    const one = await first.until('Resume One', () => first.eventFor('Resume One'));
    await first.close();
    await malware('Resume Two');
    const again = connect('/stream', { 'last-event-id': one.id });
    await again.until('Resume Two', () => again.eventFor('Resume Two'));
    expect(again.eventFor('Resume One')).toBeUndefined();
  });

  it('filters a collection, sends dependencies first, and turns visibility changes into create/delete', async () => {
    const id = await addCollection({
      name: 'Confident malware',
      stream_live: true,
      filters: JSON.stringify({
        mode: 'and',
        filters: [
          { key: ['entity_type'], values: ['Malware'] },
          { key: ['confidence'], values: [80], operator: 'gte' },
        ],
        filterGroups: [],
      }),
    });
    const author = (
      await gql<{ identityAdd: Node }>(
        `mutation($input: IdentityAddInput!) { identityAdd(input: $input) { id standard_id } }`,
        { input: { type: 'Organization', name: 'Stream Author' } },
      )
    ).identityAdd;
    const stream = connect(`/stream/${id}`);
    await stream.until('connected', () => stream.messages.find((m) => m.event === 'connected'));
    const low = await malware('Doubtful', { confidence: 40 });
    await malware('Certain', { confidence: 90, createdBy: author.id });
    await stream.until('Certain', () => stream.eventFor('Certain'));
    const events = stream.events();
    const certain = events.findIndex((e) => e.data.name === 'Certain');
    expect(events.find((e) => e.data.name === 'Doubtful')).toBeUndefined();
    const dependency = events.find((e) => e.data.id === author.standard_id);
    expect(dependency?.origin).toEqual({ referer: 'init-dependencies' });
    expect(events.indexOf(dependency!)).toBeLessThan(certain);

    await patch(low.id, 'confidence', [85]);
    const revealed = await stream.until('Doubtful revealed', () =>
      stream.eventFor('Doubtful', 'create'),
    );
    expect(revealed.type).toBe('create');
    await patch(low.id, 'description', ['still confident']);
    await stream.until('Doubtful updated', () => stream.eventFor('Doubtful', 'update'));
    await patch(low.id, 'confidence', [10]);
    const hidden = await stream.until('Doubtful hidden', () =>
      stream.eventFor('Doubtful', 'delete'),
    );
    expect(hidden.data.id).toBe(low.standard_id);
  });

  it('recovers the stored state before following, and stops when the collection stops', async () => {
    await malware('Recovered Before', { confidence: 95 });
    const id = await addCollection({
      name: 'Recovery',
      stream_live: true,
      filters: JSON.stringify({
        mode: 'and',
        filters: [{ key: ['name'], values: ['Recovered'], operator: 'starts_with' }],
        filterGroups: [],
      }),
    });
    const now = new Date().toISOString();
    const stream = connect(`/stream/${id}?recover=${encodeURIComponent(now)}`, {
      'last-event-id': '0-0',
    });
    const recovered = await stream.until('the recovery', () => stream.eventFor('Recovered Before'));
    expect(recovered.origin).toEqual({ referer: 'init-create' });
    await malware('Recovered After');
    await stream.until('the live event', () => stream.eventFor('Recovered After', 'create'));
    expect(stream.events().filter((e) => e.data.name === 'Recovered Before')).toHaveLength(1);

    const listed = await gql<{ streamCollection: { connections: { delivered: number }[] } }>(
      `query($id: String!) { streamCollection(id: $id) { connections { delivered } } }`,
      { id },
    );
    expect(listed.streamCollection.connections[0]?.delivered).toBeGreaterThanOrEqual(2);

    await gql(
      `mutation($id: ID!) { streamCollectionEdit(id: $id) { fieldPatch(input: [{ key: "stream_live", value: [false] }]) { id stream_live } } }`,
      { id },
    );
    const stopped = await fetch(`${base}/stream/${id}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(stopped.status).toBe(410);
  });

  it('refuses bad filters with an error naming them', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        query: `mutation { streamCollectionAdd(input: { name: "Bad", filters: "{\\"mode\\": \\"xor\\"}" }) { id } }`,
      }),
    });
    const body = (await res.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toMatch(/filters\.mode/);
  });
});
