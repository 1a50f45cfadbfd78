import { rmSync } from 'node:fs';
import { embeddedTestEnv, startEmbedded } from '../../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';
import { adminGraphql, createUser, setPlatformOrganization } from './segregation-fixture.util';
import { rawGraphql, refused, streamNames } from './segregation-surfaces.util';

const TOKEN = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const WRITER = ['KNOWLEDGE', 'KNOWLEDGE_KNUPDATE', 'KNOWLEDGE_KNUPDATE_KNDELETE', 'TAXIIAPI'];

// data-model.md §4.4: a report with authorized members is seen by them only (organization grants
// do not matter then), edited by those with edit, deleted by those with admin.
describe('Authorized members of a container', () => {
  let platform: EmbeddedPlatform;
  let env: Record<string, string>;
  let reportId: string;
  const users: Record<string, { token: string; userId: string; groupId: string }> = {};

  const reportSeen = async (token: string) => {
    const answer = await rawGraphql(
      platform.url,
      token,
      `query($id: String) { report(id: $id) { name } reports(first: 50) { edges { node { name } } pageInfo { globalCount } } }`,
      { id: reportId },
    );
    if (refused(answer)) return 'refused';
    const listed = (answer.data?.reports as { pageInfo: { globalCount: number } }).pageInfo
      .globalCount;
    return { byId: answer.data?.report !== null, listed };
  };

  const edit = (token: string) =>
    rawGraphql(
      platform.url,
      token,
      `mutation($id: ID!) { stixDomainObjectEdit(id: $id) { fieldPatch(input: [{ key: "description", value: ["edited"] }]) { id } } }`,
      { id: reportId },
    );

  beforeAll(async () => {
    env = embeddedTestEnv(TOKEN, { THREATLOOM_STREAM_HEARTBEAT_MS: '200' });
    platform = await startEmbedded(env, 'core');
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
    for (const name of ['viewer', 'editor', 'owner', 'outsider', 'platform-analyst']) {
      users[name] = await createUser(
        gql,
        {
          name,
          tlp: 'red',
          organization: name === 'platform-analyst' ? 'platform' : 'A',
          capabilities: WRITER,
        },
        orgs,
      );
    }
    const member = (name: string, right: string) => ({
      id: users[name]?.groupId,
      access_right: right,
    });
    const report = await gql<{ reportAdd: { id: string } }>(
      `mutation($input: ReportAddInput!) { reportAdd(input: $input) { id } }`,
      {
        input: {
          name: 'members only',
          published: '2026-01-01T00:00:00.000Z',
          // Granted to org A: the outsider belongs to it, yet is not a member.
          objectOrganization: [orgs.A],
          restricted_members: JSON.stringify([
            member('viewer', 'view'),
            member('editor', 'edit'),
            member('owner', 'admin'),
          ]),
        },
      },
    );
    reportId = report.reportAdd.id;
  }, 120_000);

  afterAll(async () => {
    await platform.app.close();
    rmSync(env.THREATLOOM_DATA_DIR as string, { recursive: true, force: true });
  });

  it('is visible to its members only, by id, in lists and counts, and on the live stream', async () => {
    for (const name of ['viewer', 'editor', 'owner']) {
      expect(await reportSeen(users[name]?.token as string)).toEqual({ byId: true, listed: 1 });
    }
    for (const name of ['outsider', 'platform-analyst']) {
      expect(await reportSeen(users[name]?.token as string)).toEqual({ byId: false, listed: 0 });
    }
    expect(await reportSeen(TOKEN)).toEqual({ byId: true, listed: 1 });
    const gql = adminGraphql(platform, TOKEN);
    const stream = await gql<{ streamCollectionAdd: { id: string } }>(
      `mutation { streamCollectionAdd(input: { name: "members", stream_live: true }) { id } }`,
    );
    const url = `${platform.url}/stream/${stream.streamCollectionAdd.id}?from=0`;
    expect(await streamNames(url, users.viewer?.token as string, 'report')).toEqual([
      'members only',
    ]);
    expect(await streamNames(url, users.outsider?.token as string, 'report')).toEqual([]);
  });

  it('lets members with edit change it, and only admin members delete it', async () => {
    expect(refused(await edit(users.viewer?.token as string))).toBe(true);
    expect((await edit(users.editor?.token as string)).errors).toBeUndefined();
    const remove = (token: string) =>
      rawGraphql(
        platform.url,
        token,
        `mutation($id: ID!) { stixDomainObjectEdit(id: $id) { delete } }`,
        { id: reportId },
      );
    expect(refused(await remove(users.editor?.token as string))).toBe(true);
    expect((await remove(users.owner?.token as string)).errors).toBeUndefined();
  });
});
