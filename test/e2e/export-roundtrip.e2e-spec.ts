import { readFileSync, rmSync } from 'node:fs';
import { platformGraphql, sharedData } from '@lib/testing';
import { assertBuilt } from '../support/cli.util';
import { waitFor } from '../support/distributed.util';
import { embeddedTestEnv, startEmbedded } from '../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../support/embedded-platform.util';

// Sharing round trip: ATT&CK ICS imported into one instance, read back whole through its TAXII
// server, imported into an empty instance, read back again: the same ids, the same count.

const TOKEN = 'e1f2a3b4-1234-4abc-9def-0123456789ab';
const ICS = sharedData('mitre-attack', 'ics-attack-18.1.json');

type Envelope = { more?: boolean; next?: string; objects?: { id: string }[] };

describe('Export round trip (two embedded instances)', () => {
  const platforms: EmbeddedPlatform[] = [];
  const dirs: string[] = [];

  const start = async () => {
    const env = embeddedTestEnv(TOKEN, { THREATLOOM_BUILTIN_CONNECTORS: 'none' });
    dirs.push(env.THREATLOOM_DATA_DIR as string);
    const platform = await startEmbedded(env, 'all');
    platforms.push(platform);
    return platform;
  };

  const importBundle = async (platform: EmbeddedPlatform, bundle: string) => {
    const { stixBundlePush } = await platformGraphql<{ stixBundlePush: string }>(
      platform.port,
      TOKEN,
      `mutation($b: String!) { stixBundlePush(connectorId: "roundtrip", bundle: $b) }`,
      { b: bundle },
    );
    await waitFor(
      'the import',
      async () =>
        (
          await platformGraphql<{ work: { status: string } }>(
            platform.port,
            TOKEN,
            `query($id: ID!) { work(id: $id) { status } }`,
            { id: stixBundlePush },
          )
        ).work.status === 'complete'
          ? true
          : undefined,
      120_000,
    );
  };

  /** Every object a collection without filters serves, page by page. */
  const exportAll = async (platform: EmbeddedPlatform) => {
    const { taxiiCollectionAdd } = await platformGraphql<{ taxiiCollectionAdd: { id: string } }>(
      platform.port,
      TOKEN,
      `mutation { taxiiCollectionAdd(input: { name: "everything" }) { id } }`,
    );
    const base = `${platform.url}/taxii2/root/collections/${taxiiCollectionAdd.id}/objects/?limit=1000`;
    const objects: { id: string }[] = [];
    let next: string | undefined;
    do {
      const res = await fetch(next ? `${base}&next=${encodeURIComponent(next)}` : base, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const envelope = (await res.json()) as Envelope;
      objects.push(...(envelope.objects ?? []));
      next = envelope.more ? envelope.next : undefined;
    } while (next);
    return objects;
  };

  beforeAll(() => assertBuilt());
  afterAll(async () => {
    for (const p of platforms.reverse()) await p.app.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  }, 60_000);

  it('re-imports an export into an empty instance with the same ids and count', async () => {
    const first = await start();
    await importBundle(first, readFileSync(ICS, 'utf8'));
    const exported = await exportAll(first);
    expect(exported.length).toBeGreaterThan(1000);

    const second = await start();
    await importBundle(
      second,
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
        objects: exported,
      }),
    );
    const again = await exportAll(second);
    expect(again.length).toBe(exported.length);
    expect(new Set(again.map((o) => o.id))).toEqual(new Set(exported.map((o) => o.id)));
  }, 300_000);
});
