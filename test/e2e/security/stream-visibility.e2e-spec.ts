import { rmSync } from 'node:fs';
import { readSse } from '@lib/streams';
import { embeddedTestEnv, startEmbedded } from '../../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';
import { TLP, adminGraphql, createUser, setPlatformOrganization } from './segregation-fixture.util';

const TOKEN = '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8';
const READER = ['KNOWLEDGE', 'TAXIIAPI'];

type Seen = { event: string; name: string };

/** What one user's live stream delivers about malware, as it comes. */
class Listener {
  readonly seen: Seen[] = [];
  private readonly abort = new AbortController();
  private readonly done: Promise<void>;

  constructor(url: string, token: string) {
    this.done = (async () => {
      try {
        for await (const m of readSse(url, {
          headers: { authorization: `Bearer ${token}` },
          signal: this.abort.signal,
        })) {
          if (!['create', 'update', 'delete'].includes(m.event)) continue;
          const data = (JSON.parse(m.data) as { data: { type: string; name?: string } }).data;
          if (data.type === 'malware') this.seen.push({ event: m.event, name: data.name ?? '' });
        }
      } catch {
        // closed
      }
    })();
  }

  async next(name: string, count: number): Promise<Seen[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mine = this.seen.filter((s) => s.name === name);
      if (mine.length >= count) return mine;
      if (Date.now() > deadline) return mine;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}

// Issue #7 with #8's users: a change that hides an element from a stream's reader is a delete to
// him, one that reveals it a create; markings and organization grants alike.
describe('Live stream visibility per user', () => {
  let platform: EmbeddedPlatform;
  let env: Record<string, string>;
  const listeners: Listener[] = [];

  beforeAll(async () => {
    env = embeddedTestEnv(TOKEN, { THREATLOOM_STREAM_HEARTBEAT_MS: '200' });
    platform = await startEmbedded(env, 'core');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(listeners.map((l) => l.close()));
    await platform.app.close();
    rmSync(env.THREATLOOM_DATA_DIR as string, { recursive: true, force: true });
  });

  it('turns marking and organization changes into deletes and creates for the reader', async () => {
    const gql = adminGraphql(platform, TOKEN);
    const orgs: Record<string, string> = {};
    for (const org of ['platform', 'A']) {
      const added = await gql<{ organizationAdd: { id: string } }>(
        `mutation($input: OrganizationAddInput!) { organizationAdd(input: $input) { id } }`,
        { input: { name: `org-${org}` } },
      );
      orgs[org] = added.organizationAdd.id;
    }
    await setPlatformOrganization(platform, orgs.platform as string);
    const green = await createUser(
      gql,
      { name: 'green', tlp: 'green', organization: 'platform', capabilities: READER },
      orgs,
    );
    const partner = await createUser(
      gql,
      { name: 'partner', tlp: 'red', organization: 'A', capabilities: READER },
      orgs,
    );
    const stream = await gql<{ streamCollectionAdd: { id: string } }>(
      `mutation { streamCollectionAdd(input: { name: "visibility", stream_live: true }) { id } }`,
    );
    const url = `${platform.url}/stream/${stream.streamCollectionAdd.id}`;
    const greenStream = new Listener(url, green.token);
    const partnerStream = new Listener(url, partner.token);
    listeners.push(greenStream, partnerStream);
    await new Promise((r) => setTimeout(r, 500));

    const added = await gql<{ malwareAdd: { id: string } }>(
      `mutation($m: [String]) { malwareAdd(input: { name: "Shifting", is_family: true, objectMarking: $m }) { id } }`,
      { m: [TLP.green] },
    );
    const id = added.malwareAdd.id;
    const marking = (from: string, to: string) =>
      gql(
        `mutation($id: ID!, $from: StixRef!, $to: StixRef) { a: stixDomainObjectEdit(id: $id) { relationDelete(toId: $from, relationship_type: "object-marking") { id } } b: stixDomainObjectEdit(id: $id) { relationAdd(input: { toId: $to, relationship_type: "object-marking" }) { id } } }`,
        { id, from, to },
      );
    await marking(TLP.green, TLP.red);
    await marking(TLP.red, TLP.green);
    await gql(
      `mutation($id: ID!, $o: [ID!]!) { stixCoreObjectEdit(id: $id) { restrictionOrganizationAdd(organizationId: $o) { id } } }`,
      { id, o: [orgs.A] },
    );

    // The platform-organization reader: created (green), gone (red), back, then changed twice.
    // Each marking move is a removal then an addition: unmarked, it stays visible (update).
    const greenSaw = (await greenStream.next('Shifting', 6)).map((s) => s.event);
    expect(greenSaw).toEqual(['create', 'update', 'delete', 'create', 'update', 'update']);
    // The partner sees nothing until it is granted to his organization: then a create.
    const partnerSaw = (await partnerStream.next('Shifting', 1)).map((s) => s.event);
    expect(partnerSaw).toEqual(['create']);
  });
});
