import { rmSync } from 'node:fs';
import { platformGraphql } from '@lib/testing';
import { embeddedTestEnv, startEmbedded } from '../../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';
import { adminGraphql, createUser } from './segregation-fixture.util';

const TOKEN = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';

// data-model.md §4 (capabilities): KNOWLEDGE_KNPARTICIPATE without KNOWLEDGE_KNUPDATE writes
// notes and opinions, and edits only the ones its holder created.
describe('A participant (KNPARTICIPATE without KNUPDATE)', () => {
  let platform: EmbeddedPlatform;
  let env: Record<string, string>;
  let participant: string;
  let adminNote: string;
  let malware: string;

  const asParticipant = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, participant, query, variables);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: unknown) => String(error),
    );
  const renameNote = (id: string, value: string) =>
    asParticipant<{ noteEdit: { fieldPatch: { attribute_abstract: string } } }>(
      `mutation($id: ID!, $input: [EditInput]!) { noteEdit(id: $id) { fieldPatch(input: $input) { attribute_abstract } } }`,
      { id, input: [{ key: 'attribute_abstract', value: [value] }] },
    );

  beforeAll(async () => {
    env = embeddedTestEnv(TOKEN);
    platform = await startEmbedded(env, 'core');
    const gql = adminGraphql(platform, TOKEN);
    participant = (
      await createUser(
        gql,
        {
          name: 'participant',
          tlp: 'amber',
          capabilities: ['KNOWLEDGE', 'KNOWLEDGE_KNPARTICIPATE'],
        },
        {},
      )
    ).token;
    malware = (
      await gql<{ malwareAdd: { id: string } }>(
        `mutation { malwareAdd(input: { name: "Shared family", is_family: true }) { id } }`,
      )
    ).malwareAdd.id;
    adminNote = (
      await gql<{ noteAdd: { id: string } }>(
        `mutation($about: [String]) { noteAdd(input: { content: "Admin's note", objects: $about }) { id } }`,
        { about: [malware] },
      )
    ).noteAdd.id;
  }, 60_000);

  afterAll(async () => {
    await platform.app.close();
    rmSync(env.THREATLOOM_DATA_DIR as string, { recursive: true, force: true });
  });

  it('writes a note and an opinion about an entity, and edits his own note', async () => {
    const note = await asParticipant<{ noteAdd: { id: string; content: string } }>(
      `mutation($about: [String]) { noteAdd(input: { content: "Seen in our SOC", objects: $about }) { id content } }`,
      { about: [malware] },
    );
    expect(note.noteAdd.content).toBe('Seen in our SOC');
    const opinion = await asParticipant<{ opinionAdd: { opinion: string } }>(
      `mutation($about: [String]) { opinionAdd(input: { opinion: "agree", explanation: "Matches our telemetry", objects: $about }) { opinion } }`,
      { about: [malware] },
    );
    expect(opinion.opinionAdd.opinion).toBe('agree');
    const renamed = await renameNote(note.noteAdd.id, 'SOC sighting');
    expect(renamed.noteEdit.fieldPatch.attribute_abstract).toBe('SOC sighting');
  });

  it("cannot edit another user's note, nor create or edit anything else", async () => {
    await expect(refusal(renameNote(adminNote, 'hijacked'))).resolves.toMatch(/FORBIDDEN|KNUPDATE/);
    await expect(
      refusal(
        asParticipant(`mutation { malwareAdd(input: { name: "Mine", is_family: true }) { id } }`),
      ),
    ).resolves.toMatch(/FORBIDDEN|KNUPDATE/);
    await expect(
      refusal(
        asParticipant(
          `mutation($id: ID!) { stixDomainObjectEdit(id: $id) { fieldPatch(input: [{ key: "description", value: ["x"] }]) { id } } }`,
          { id: malware },
        ),
      ),
    ).resolves.toMatch(/FORBIDDEN|KNUPDATE/);
  });
});
