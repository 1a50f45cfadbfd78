import { rmSync } from 'node:fs';
import { uploadGraphql } from '../../support/graphql-upload.util';
import { embeddedTestEnv, startEmbedded } from '../../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';
import {
  TLP,
  adminGraphql,
  createUser,
  expectedVisible,
  setPlatformOrganization,
} from './segregation-fixture.util';
import type { ObjectSpec, UserSpec } from './segregation-fixture.util';
import {
  downloadable,
  feedNames,
  namesOf,
  rawGraphql,
  refused,
  streamNames,
  taxiiNames,
} from './segregation-surfaces.util';
import type { Seen } from './segregation-surfaces.util';

const TOKEN = '7b1e4c2d-9f3a-4e5b-8c6d-0a1b2c3d4e5f';
const READER = ['KNOWLEDGE', 'KNOWLEDGE_KNGETEXPORT', 'TAXIIAPI'];

// Objects × users (data-model.md §4.2 markings, §4.3 organizations): "platform" is the platform
// organization; what each user may see is computed by expectedVisible, not listed by hand.
const OBJECTS: ObjectSpec[] = [
  { name: 'matrix-plain', granted: [] },
  { name: 'matrix-clear-a', marking: 'clear', granted: ['A'] },
  { name: 'matrix-green-a', marking: 'green', granted: ['A'] },
  { name: 'matrix-amber-b', marking: 'amber', granted: ['B'] },
  { name: 'matrix-red-ab', marking: 'red', granted: ['A', 'B'] },
];
const USERS: UserSpec[] = [
  { name: 'admin', capabilities: [] },
  { name: 'green-platform', tlp: 'green', organization: 'platform', capabilities: READER },
  { name: 'amber-platform', tlp: 'amber', organization: 'platform', capabilities: READER },
  { name: 'red-a', tlp: 'red', organization: 'A', capabilities: READER },
  { name: 'red-b', tlp: 'red', organization: 'B', capabilities: READER },
  { name: 'green-a', tlp: 'green', organization: 'A', capabilities: READER },
  { name: 'red-no-org', tlp: 'red', capabilities: READER },
  { name: 'no-capability', tlp: 'red', organization: 'platform', capabilities: [] },
];

type Surface = { name: string; read: (token: string) => Promise<Seen> };

describe('Segregation matrix: users × surfaces × objects', () => {
  let platform: EmbeddedPlatform;
  let env: Record<string, string>;
  const tokens = new Map<string, string>();
  const surfaces: Surface[] = [];

  beforeAll(async () => {
    env = embeddedTestEnv(TOKEN, { THREATLOOM_STREAM_HEARTBEAT_MS: '200' });
    platform = await startEmbedded(env, 'core');
    const gql = adminGraphql(platform, TOKEN);
    const orgIds: Record<string, string> = {};
    for (const org of ['platform', 'A', 'B']) {
      const added = await gql<{ organizationAdd: { id: string } }>(
        `mutation($input: OrganizationAddInput!) { organizationAdd(input: $input) { id } }`,
        { input: { name: `org-${org}` } },
      );
      orgIds[org] = added.organizationAdd.id;
    }
    const ids: Record<string, string> = {};
    const files: Record<string, string> = {};
    for (const object of OBJECTS) {
      const added = await gql<{ malwareAdd: { id: string } }>(
        `mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { id } }`,
        {
          input: {
            name: object.name,
            is_family: true,
            objectMarking: object.marking ? [TLP[object.marking]] : [],
            objectOrganization: object.granted.map((o) => orgIds[o]),
          },
        },
      );
      ids[object.name] = added.malwareAdd.id;
      const file = await uploadGraphql<{ stixDomainObjectEdit: { importPush: { id: string } } }>(
        { url: platform.url, token: TOKEN },
        `mutation($id: ID!, $file: Upload!) { stixDomainObjectEdit(id: $id) { importPush(file: $file, noTriggerImport: true) { id } } }`,
        { id: added.malwareAdd.id },
        { name: `${object.name}.txt`, type: 'text/plain', body: `notes on ${object.name}` },
      );
      files[object.name] = file.stixDomainObjectEdit.importPush.id;
    }
    const report = await gql<{ reportAdd: { id: string } }>(
      `mutation($input: ReportAddInput!) { reportAdd(input: $input) { id } }`,
      {
        input: {
          name: 'matrix report',
          published: '2026-01-01T00:00:00.000Z',
          objects: Object.values(ids),
          objectOrganization: Object.values(orgIds),
        },
      },
    );
    await setPlatformOrganization(platform, orgIds.platform as string);
    tokens.set('admin', TOKEN);
    for (const user of USERS.filter((u) => u.name !== 'admin')) {
      tokens.set(user.name, await createUser(gql, user, orgIds));
    }
    const stream = await gql<{ streamCollectionAdd: { id: string } }>(
      `mutation { streamCollectionAdd(input: { name: "matrix stream", stream_live: true }) { id } }`,
    );
    const taxii = await gql<{ taxiiCollectionAdd: { id: string } }>(
      `mutation { taxiiCollectionAdd(input: { name: "matrix taxii" }) { id } }`,
    );
    const feed = await gql<{ feedAdd: { id: string } }>(
      `mutation($input: FeedAddInput!) { feedAdd(input: $input) { id } }`,
      {
        input: {
          name: 'matrix feed',
          feed_types: ['Malware'],
          feed_attributes: [
            { attribute: 'name', mappings: [{ type: 'Malware', attribute: 'name' }] },
          ],
        },
      },
    );
    const names = OBJECTS.map((o) => o.name);
    const connection = (field: string, args: string) => async (token: string) => {
      const answer = await rawGraphql(
        platform.url,
        token,
        `query { ${field}(${args}) { edges { node { ... on Malware { name } } } pageInfo { globalCount } } }`,
      );
      if (refused(answer)) return 'refused' as const;
      return namesOf(answer.data?.[field] as Parameters<typeof namesOf>[0], field);
    };
    surfaces.push(
      {
        name: 'GraphQL read by id',
        read: async (token) => {
          const seen: string[] = [];
          for (const [name, id] of Object.entries(ids)) {
            const answer = await rawGraphql(
              platform.url,
              token,
              `query($id: String) { stixCoreObject(id: $id) { id } }`,
              { id },
            );
            if (refused(answer)) return 'refused';
            if (answer.data?.stixCoreObject) seen.push(name);
          }
          return seen.sort();
        },
      },
      { name: 'GraphQL list with count', read: connection('malwares', 'first: 100') },
      {
        name: 'GraphQL search',
        read: connection('stixCoreObjects', 'first: 100, search: "matrix", types: ["Malware"]'),
      },
      {
        name: 'GraphQL filter on names',
        read: connection(
          'malwares',
          `first: 100, filters: { mode: and, filterGroups: [], filters: [{ key: "name", values: ${JSON.stringify(names)} }] }`,
        ),
      },
      {
        name: 'GraphQL container contents',
        read: async (token) => {
          const answer = await rawGraphql(
            platform.url,
            token,
            `query($id: String) { report(id: $id) { objects { edges { node { ... on Malware { name } } } } } }`,
            { id: report.reportAdd.id },
          );
          if (refused(answer)) return 'refused';
          if (answer.errors) throw new Error(JSON.stringify(answer.errors));
          const found = answer.data?.report as { objects: Parameters<typeof namesOf>[0] } | null;
          return namesOf(found?.objects, 'report objects');
        },
      },
      {
        name: 'live stream',
        read: (token) =>
          streamNames(`${platform.url}/stream/${stream.streamCollectionAdd.id}?from=0`, token),
      },
      {
        name: 'TAXII collection',
        read: (token) =>
          taxiiNames(
            `${platform.url}/taxii2/root/collections/${taxii.taxiiCollectionAdd.id}/objects/`,
            token,
          ),
      },
      {
        name: 'CSV feed',
        read: (token) => feedNames(`${platform.url}/feeds/${feed.feedAdd.id}`, token, names),
      },
      { name: 'file download', read: (token) => downloadable(platform, token, files) },
    );
  }, 180_000);

  afterAll(async () => {
    await platform.app.close();
    rmSync(env.THREATLOOM_DATA_DIR as string, { recursive: true, force: true });
  });

  it('gives every user exactly what his markings, organizations and capabilities allow', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const user of USERS) {
      const token = tokens.get(user.name) as string;
      const expected = OBJECTS.filter((o) => expectedVisible(user, o, 'platform'))
        .map((o) => o.name)
        .sort();
      for (const surface of surfaces) {
        const seen = await surface.read(token);
        cells += OBJECTS.length;
        const ok =
          seen === 'refused'
            ? user.capabilities.length === 0 && user.name !== 'admin'
            : JSON.stringify(seen) === JSON.stringify(expected);
        if (!ok) {
          wrong.push(
            `${user.name} × ${surface.name}: saw ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`,
          );
        }
      }
    }
    expect(cells).toBe(USERS.length * surfaces.length * OBJECTS.length);
    expect(wrong).toEqual([]);
  }, 300_000);
});
