import { rmSync } from 'node:fs';
import { assertBuilt } from '../support/cli.util';
import { embeddedTestEnv, startEmbedded } from '../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../support/embedded-platform.util';
import { TLP, adminGraphql, createUser } from './security/segregation-fixture.util';

// TAXII 2.1 version history (§5.4-5.8): an object created then edited is served with each of
// its versions (from the live stream's history), match[version] first/last/all/timestamps picks
// among them, and a reader sees only the versions whose markings he holds, none once the object
// itself is above him.

const TOKEN = 'b7c8d9e0-1234-4abc-9def-0123456789ab';
const TAXII = 'application/taxii+json;version=2.1';

type Envelope = { more: boolean; next?: string; objects?: Record<string, unknown>[] };
type Versions = { more: boolean; next?: string; versions?: string[] };
type Manifest = { objects?: { id: string; version: string; date_added: string }[] };

describe('TAXII version history (embedded)', () => {
  let platform: EmbeddedPlatform;
  let dir: string;
  let gql: ReturnType<typeof adminGraphql>;
  let collection: string;
  let malware: { id: string; standard_id: string };
  let clearReader: string;

  const get = async <T>(path: string, token = TOKEN) => {
    const response = await fetch(`${platform.url}/taxii2/root/collections/${collection}${path}`, {
      headers: { accept: TAXII, authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : {}) as T,
    };
  };
  const patch = (key: string, value: unknown[]) =>
    gql(
      `mutation($id: ID!, $input: [EditInput]!) { stixDomainObjectEdit(id: $id) { fieldPatch(input: $input) { id } } }`,
      { id: malware.id, input: [{ key, value }] },
    );
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
  const descriptions = (envelope: Envelope) => (envelope.objects ?? []).map((o) => o.description);

  beforeAll(async () => {
    assertBuilt();
    const env = embeddedTestEnv(TOKEN, { THREATLOOM_BUILTIN_CONNECTORS: 'none' });
    dir = env.THREATLOOM_DATA_DIR as string;
    platform = await startEmbedded(env, 'core');
    gql = adminGraphql(platform, TOKEN);
    ({ token: clearReader } = await createUser(
      gql,
      { name: 'clear-reader', tlp: 'clear', capabilities: ['KNOWLEDGE', 'TAXIIAPI'] },
      {},
    ));
    collection = (
      await gql<{ taxiiCollectionAdd: { id: string } }>(
        `mutation($input: TaxiiCollectionAddInput!) { taxiiCollectionAdd(input: $input) { id } }`,
        {
          input: {
            name: 'Malware versions',
            filters: JSON.stringify({
              mode: 'and',
              filters: [{ key: ['entity_type'], values: ['Malware'] }],
              filterGroups: [],
            }),
          },
        },
      )
    ).taxiiCollectionAdd.id;
    // Version 1 under TLP:AMBER, version 2 edits its description, version 3 lowers it to CLEAR.
    malware = (
      await gql<{ malwareAdd: { id: string; standard_id: string } }>(
        `mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { id standard_id } }`,
        {
          input: {
            name: 'Versioned',
            description: 'one',
            is_family: true,
            objectMarking: [TLP.amber],
          },
        },
      )
    ).malwareAdd;
    await pause();
    await patch('description', ['two']);
    await pause();
    await patch('objectMarking', [TLP.clear]);
  }, 120_000);

  afterAll(async () => {
    await platform.app.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('lists every version ascending, with paging and date headers', async () => {
    const all = await get<Versions>(`/objects/${malware.standard_id}/versions/`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toContain('application/taxii+json');
    const versions = all.body.versions ?? [];
    expect(versions).toHaveLength(3);
    expect([...versions].sort()).toEqual(versions);
    expect(new Set(versions).size).toBe(3);
    expect(all.body.more).toBe(false);
    const first = all.headers.get('x-taxii-date-added-first') ?? '';
    const last = all.headers.get('x-taxii-date-added-last') ?? '';
    expect(Date.parse(first)).toBeLessThan(Date.parse(last));

    const page1 = await get<Versions>(`/objects/${malware.standard_id}/versions/?limit=2`);
    expect(page1.body).toEqual({
      more: true,
      next: expect.any(String),
      versions: versions.slice(0, 2),
    });
    const page2 = await get<Versions>(
      `/objects/${malware.standard_id}/versions/?limit=2&next=${page1.body.next}`,
    );
    expect(page2.body).toEqual({ more: false, versions: versions.slice(2) });

    const after = await get<Versions>(
      `/objects/${malware.standard_id}/versions/?added_after=${encodeURIComponent(first)}`,
    );
    expect(after.body.versions).toEqual(versions.slice(1));
  });

  it('serves the versions match[version] designates, each with its own content', async () => {
    const { body: listed } = await get<Versions>(`/objects/${malware.standard_id}/versions/`);
    const versions = listed.versions ?? [];
    const at = (match: string) =>
      get<Envelope>(`/objects/${malware.standard_id}/?match[version]=${encodeURIComponent(match)}`);

    const latest = await get<Envelope>(`/objects/${malware.standard_id}/`);
    expect(descriptions(latest.body)).toEqual(['two']);
    expect(latest.body.objects?.[0]?.object_marking_refs).toEqual([TLP.clear]);
    expect((await at('last')).body.objects).toEqual(latest.body.objects);

    const first = (await at('first')).body;
    expect(descriptions(first)).toEqual(['one']);
    expect(first.objects?.[0]?.object_marking_refs).toEqual([TLP.amber]);
    expect(first.objects?.[0]?.modified).toBe(versions[0]);

    const all = (await at('all')).body;
    expect(descriptions(all)).toEqual(['one', 'two', 'two']);
    expect(all.objects?.map((o) => o.modified)).toEqual(versions);
    expect(all.objects?.map((o) => o.object_marking_refs)).toEqual([
      [TLP.amber],
      [TLP.amber],
      [TLP.clear],
    ]);

    const second = (await at(versions[1] ?? '')).body;
    expect(second.objects?.map((o) => o.modified)).toEqual([versions[1]]);
    expect(descriptions(second)).toEqual(['two']);
    expect(descriptions((await at(`${versions[0]},${versions[2]}`)).body)).toEqual(['one', 'two']);
    expect((await at('2001-01-01T00:00:00.000Z')).body.objects).toBeUndefined();

    const bad = await at('newest');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ http_status: '400' });
  });

  it('carries every version in the collection pages and manifest for match[version]=all', async () => {
    const query = `?match[id]=${malware.standard_id}&match[version]=all`;
    const objects = await get<Envelope>(`/objects/${query}`);
    expect(descriptions(objects.body)).toEqual(['one', 'two', 'two']);
    const manifest = await get<Manifest>(`/manifest/${query}`);
    const { body: listed } = await get<Versions>(`/objects/${malware.standard_id}/versions/`);
    expect(manifest.body.objects?.map((o) => o.version)).toEqual(listed.versions);
    expect(manifest.body.objects?.every((o) => o.id === malware.standard_id)).toBe(true);
    const firsts = await get<Manifest>(
      `/manifest/?match[id]=${malware.standard_id}&match[version]=first`,
    );
    expect(firsts.body.objects?.map((o) => o.version)).toEqual(listed.versions?.slice(0, 1));
  });

  it('hides the versions whose markings the reader lacks, and all once the object is above him', async () => {
    const seen = await get<Versions>(`/objects/${malware.standard_id}/versions/`, clearReader);
    expect(seen.status).toBe(200);
    const { body: listed } = await get<Versions>(`/objects/${malware.standard_id}/versions/`);
    expect(seen.body.versions).toEqual(listed.versions?.slice(2));
    const first = await get<Envelope>(
      `/objects/${malware.standard_id}/?match[version]=first`,
      clearReader,
    );
    expect(descriptions(first.body)).toEqual(['two']);
    expect(first.body.objects?.[0]?.object_marking_refs).toEqual([TLP.clear]);

    await pause();
    await patch('objectMarking', [TLP.red]);
    const admin = await get<Versions>(`/objects/${malware.standard_id}/versions/`);
    expect(admin.body.versions).toHaveLength(4);
    const hidden = await get<Versions>(`/objects/${malware.standard_id}/versions/`, clearReader);
    expect(hidden.status).toBe(404);
    expect(hidden.body).not.toHaveProperty('versions');
    const byId = await get<Envelope>(
      `/objects/${malware.standard_id}/?match[version]=all`,
      clearReader,
    );
    expect(byId.status).toBe(404);
    const pages = await get<Envelope>(`/objects/?match[version]=all`, clearReader);
    expect(pages.status).toBe(200);
    expect(pages.body.objects ?? []).toEqual([]);
  });
});
