import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { platformGraphql } from '@lib/testing';
import { assertBuilt } from '../../../test/support/cli.util';
import { embeddedTestEnv, startEmbedded } from '../../../test/support/embedded-platform.util';
import { waitFor } from '../../../test/support/distributed.util';

// Two embedded platforms on loopback: the mirror's built-in `sync` connector follows the
// source's live stream. What existed before it started is copied; creates, updates (a removed
// label included), deletes with their cascade and merges then appear on the mirror.

const SOURCE_TOKEN = 'a1b2c3d4-1111-4abc-9def-0123456789ab';
const MIRROR_TOKEN = 'a1b2c3d4-2222-4abc-9def-0123456789ab';

type Node = { id: string; standard_id: string };
type Listed = {
  standard_id: string;
  entity_type: string;
  name?: string;
  description?: string | null;
  aliases?: string[] | null;
  objectLabel?: { value: string }[];
};

const LIST = `{ stixCoreObjects(first: 500) { edges { node { standard_id entity_type
  ... on Malware { name description aliases } ... on IntrusionSet { name }
  objectLabel { value } } } }
  stixCoreRelationships(first: 500) { edges { node { standard_id relationship_type } } } }`;

describe('Platform-to-platform sync (two embedded instances)', () => {
  const dirs: string[] = [];
  const apps: NestExpressApplication[] = [];

  const start = async (token: string, extra: Record<string, string>, appFlag: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-sync-'));
    dirs.push(dir);
    const env = embeddedTestEnv(token, { THREATLOOM_STREAM_HEARTBEAT_MS: '500', ...extra }, dir);
    const { app, url, port } = await startEmbedded(env, appFlag);
    apps.push(app);
    return { url, port };
  };

  let source: { url: string; port: number };
  let mirror: { url: string; port: number };
  const onSource = <T>(q: string, v: Record<string, unknown> = {}) =>
    platformGraphql<T>(source.port, SOURCE_TOKEN, q, v);
  const onMirror = <T>(q: string, v: Record<string, unknown> = {}) =>
    platformGraphql<T>(mirror.port, MIRROR_TOKEN, q, v);

  const create = async (mutation: string, input: Record<string, unknown>): Promise<Node> => {
    const type = `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input`;
    const result = await onSource<Record<string, Node>>(
      `mutation($input: ${type}!) { ${mutation}(input: $input) { id standard_id } }`,
      { input },
    );
    return result[mutation] as Node;
  };

  const contents = async (query: typeof onSource) => {
    const listed = await query<{
      stixCoreObjects: { edges: { node: Listed }[] };
      stixCoreRelationships: { edges: { node: { standard_id: string } }[] };
    }>(LIST);
    return {
      objects: new Map(listed.stixCoreObjects.edges.map((e) => [e.node.standard_id, e.node])),
      relationships: new Set(listed.stixCoreRelationships.edges.map((e) => e.node.standard_id)),
    };
  };

  /** Waits until the mirror shows what `check` wants. */
  const mirrored = <T>(what: string, check: (m: Awaited<ReturnType<typeof contents>>) => T) =>
    waitFor(what, async () => check(await contents(onMirror)) ?? undefined, 30_000);

  beforeAll(() => assertBuilt());
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  }, 60_000);

  it('copies the existing state, then follows creates, updates, deletes and merges', async () => {
    source = await start(SOURCE_TOKEN, { THREATLOOM_BUILTIN_CONNECTORS: 'none' }, 'core');
    const label = await create('labelAdd', { value: 'sync-me' });
    const other = await create('labelAdd', { value: 'drop-me' });
    const author = await create('identityAdd', { type: 'Organization', name: 'Sync Author' });
    const emotet = await create('malwareAdd', {
      name: 'Emotet',
      description: 'before',
      createdBy: author.id,
      objectLabel: [label.id, other.id],
      objectMarking: ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'],
    });
    const apt = await create('intrusionSetAdd', { name: 'APT Sync' });
    const uses = await create('stixCoreRelationshipAdd', {
      fromId: apt.id,
      toId: emotet.id,
      relationship_type: 'uses',
    });

    mirror = await start(
      MIRROR_TOKEN,
      {
        THREATLOOM_BUILTIN_CONNECTORS: 'sync',
        THREATLOOM_CONNECTOR_SYNC_URL: source.url,
        THREATLOOM_CONNECTOR_SYNC_TOKEN: SOURCE_TOKEN,
      },
      'all',
    );
    const copied = await mirrored('the initial copy', (m) =>
      m.relationships.has(uses.standard_id) ? m : undefined,
    );
    expect(copied.objects.get(emotet.standard_id)).toEqual(
      expect.objectContaining({ name: 'Emotet', description: 'before' }),
    );
    expect(
      copied.objects
        .get(emotet.standard_id)
        ?.objectLabel?.map((l) => l.value)
        .sort(),
    ).toEqual(['drop-me', 'sync-me']);
    expect(copied.objects.has(apt.standard_id)).toBe(true);
    expect(copied.objects.has(author.standard_id)).toBe(true);

    // Live changes.
    const trickbot = await create('malwareAdd', { name: 'TrickBot' });
    await onSource(
      `mutation($id: ID!) { stixDomainObjectEdit(id: $id) { fieldPatch(input: [{ key: "description", value: ["after"] }]) { id } } }`,
      { id: emotet.id },
    );
    await onSource(
      `mutation($id: ID!, $to: StixRef!) { stixDomainObjectEdit(id: $id) { relationDelete(toId: $to, relationship_type: "object-label") { id } } }`,
      { id: emotet.id, to: other.id },
    );
    await onSource(`mutation($id: ID!) { stixDomainObjectEdit(id: $id) { delete } }`, {
      id: apt.id,
    });
    const duplicate = await create('malwareAdd', { name: 'Trick Bot Duplicate' });
    await onSource(
      `mutation($id: ID!, $ids: [String]!) { stixEdit(id: $id) { merge(stixObjectsIds: $ids) { id } } }`,
      { id: trickbot.id, ids: [duplicate.id] },
    );

    const after = await mirrored('the live changes', (m) =>
      m.objects.get(trickbot.standard_id)?.aliases?.includes('Trick Bot Duplicate') &&
      !m.objects.has(apt.standard_id)
        ? m
        : undefined,
    );
    const mirroredEmotet = after.objects.get(emotet.standard_id);
    expect(mirroredEmotet?.description).toBe('after');
    expect(mirroredEmotet?.objectLabel?.map((l) => l.value)).toEqual(['sync-me']);
    expect(after.relationships.has(uses.standard_id)).toBe(false);
    expect(after.objects.has(duplicate.standard_id)).toBe(false);

    const onTheSource = await contents(onSource);
    expect([...after.objects.keys()].sort()).toEqual([...onTheSource.objects.keys()].sort());
    expect([...after.relationships].sort()).toEqual([...onTheSource.relationships].sort());
  }, 120_000);
});
