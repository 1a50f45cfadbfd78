import { rmSync } from 'node:fs';
import { platformGraphql } from '@lib/testing';
import { embeddedTestEnv, startEmbedded } from '../../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';
import { TLP, adminGraphql, createUser } from './segregation-fixture.util';

const TOKEN = '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

type Created = { id: string; confidence: number; objectMarking: { definition: string }[] };

// data-model.md §4.2 and §4.6: what a group decides for the content its members create.
describe("A group's default markings and confidence overrides", () => {
  let platform: EmbeddedPlatform;
  let env: Record<string, string>;
  let analyst: string;

  const create = (mutation: string, input: Record<string, unknown>) =>
    platformGraphql<Record<string, Created>>(
      platform.port,
      analyst,
      `mutation($input: ${mutation[0]?.toUpperCase()}${mutation.slice(1, -3)}AddInput!) { ${mutation}(input: $input) { id confidence objectMarking { definition } } }`,
      { input },
    ).then((data) => data[mutation] as Created);

  beforeAll(async () => {
    env = embeddedTestEnv(TOKEN);
    platform = await startEmbedded(env, 'core');
    const gql = adminGraphql(platform, TOKEN);
    const user = await createUser(
      gql,
      { name: 'writer', tlp: 'amber', capabilities: ['KNOWLEDGE', 'KNOWLEDGE_KNUPDATE'] },
      {},
    );
    analyst = user.token;
    await gql(
      `mutation($g: ID!, $values: [String!]) { groupEdit(id: $g) { editDefaultMarking(input: { entity_type: "Malware", values: $values }) { id } } }`,
      { g: user.groupId, values: [TLP.green] },
    );
    await gql(
      `mutation($g: ID!, $input: [EditInput]!) { groupEdit(id: $g) { fieldPatch(input: $input) { id } } }`,
      {
        g: user.groupId,
        input: [
          {
            key: 'group_confidence_level',
            value: [
              { max_confidence: 50, overrides: [{ entity_type: 'Malware', max_confidence: 20 }] },
            ],
          },
        ],
      },
    );
  }, 60_000);

  afterAll(async () => {
    await platform.app.close();
    rmSync(env.THREATLOOM_DATA_DIR as string, { recursive: true, force: true });
  });

  it('marks what members create without markings, and leaves alone what they mark', async () => {
    const unmarked = await create('malwareAdd', { name: 'defaulted', is_family: true });
    expect(unmarked.objectMarking.map((m) => m.definition)).toEqual(['TLP:GREEN']);
    const chosen = await create('malwareAdd', {
      name: 'chosen',
      is_family: true,
      objectMarking: [TLP.amber],
    });
    expect(chosen.objectMarking.map((m) => m.definition)).toEqual(['TLP:AMBER']);
    const none = await create('malwareAdd', { name: 'none', is_family: true, objectMarking: [] });
    expect(none.objectMarking).toEqual([]);
    const tool = await create('toolAdd', { name: 'not a malware' });
    expect(tool.objectMarking).toEqual([]);
  });

  it('caps the confidence of what members write, per type', async () => {
    expect(
      (await create('malwareAdd', { name: 'sure', is_family: true, confidence: 80 })).confidence,
    ).toBe(20);
    expect((await create('toolAdd', { name: 'sure tool', confidence: 80 })).confidence).toBe(50);
  });
});
