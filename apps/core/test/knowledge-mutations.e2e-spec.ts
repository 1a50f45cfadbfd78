import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { assertBuilt } from '../../../test/support/cli.util';

const TOKEN = 'f6a7b8c9-1234-4abc-9def-0123456789ab';

type GqlError = { message: string; extensions?: Record<string, unknown> };
type GqlBody = { data?: Record<string, unknown>; errors?: GqlError[] };
type Node = Record<string, unknown> & { id: string };

describe('Knowledge GraphQL API (mutations, embedded)', () => {
  let app: NestExpressApplication;
  let dir: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}): Promise<GqlBody> =>
    (
      await request(app.getHttpServer())
        .post('/graphql')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send({ query, variables })
    ).body as GqlBody;

  const data = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = await gql(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };

  const create = async (mutation: string, input: Record<string, unknown>): Promise<Node> => {
    const name = `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input`;
    const result = await data<Record<string, Node>>(
      `mutation($input: ${name}!) { ${mutation}(input: $input) { id standard_id entity_type } }`,
      { input },
    );
    return result[mutation] as Node;
  };

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tl-mut-'));
    const config = loadConfig({
      env: {
        THREATLOOM_DATA_DIR: dir,
        THREATLOOM_PORT: '0',
        THREATLOOM_HOST: '127.0.0.1',
        THREATLOOM_ADMIN_TOKEN: TOKEN,
        THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
        THREATLOOM_LOG_LEVEL: 'silent',
      },
      appFlag: 'core',
    });
    app = await startPlatform(config);
  }, 120_000);

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates idempotently and answers the created type', async () => {
    const first = await create('malwareAdd', { name: 'Mutant', is_family: true });
    const second = await create('malwareAdd', { name: 'mutant ' });
    expect(first.entity_type).toBe('Malware');
    expect(second.id).toBe(first.id);
    const org = await create('identityAdd', { type: 'Organization', name: 'Mutant Org' });
    expect(org.entity_type).toBe('Organization');
  });

  it('edits attributes and refs, and names a bad key', async () => {
    const malware = await create('malwareAdd', { name: 'Editable' });
    const label = await create('labelAdd', { value: 'edited-label' });
    const patched = await data<{ stixDomainObjectEdit: { fieldPatch: Node } }>(
      `mutation($id: ID!, $input: [EditInput]!) {
        stixDomainObjectEdit(id: $id) { fieldPatch(input: $input) { id ... on Malware { description } } }
      }`,
      { id: malware.id, input: [{ key: 'description', value: ['now described'] }] },
    );
    expect(patched.stixDomainObjectEdit.fieldPatch.description).toBe('now described');
    const added = await data<{ stixDomainObjectEdit: { relationAdd: { from: Node; to: Node } } }>(
      `mutation($id: ID!, $input: StixRefRelationshipAddInput!) {
        stixDomainObjectEdit(id: $id) { relationAdd(input: $input) { id from { ... on Malware { id } } to { ... on Label { id value } } } }
      }`,
      { id: malware.id, input: { toId: label.id, relationship_type: 'object-label' } },
    );
    expect(added.stixDomainObjectEdit.relationAdd.from.id).toBe(malware.id);
    expect(added.stixDomainObjectEdit.relationAdd.to.value).toBe('edited-label');
    const removed = await data<{
      stixDomainObjectEdit: { relationDelete: { objectLabel: Node[] } };
    }>(
      `mutation($id: ID!, $toId: StixRef!) {
        stixDomainObjectEdit(id: $id) { relationDelete(toId: $toId, relationship_type: "object-label") { objectLabel { id } } }
      }`,
      { id: malware.id, toId: label.id },
    );
    expect(removed.stixDomainObjectEdit.relationDelete.objectLabel).toEqual([]);
    const bad = await gql(
      `mutation($id: ID!) { stixDomainObjectEdit(id: $id) { fieldPatch(input: [{ key: "shoe_size", value: ["42"] }]) { id } } }`,
      { id: malware.id },
    );
    expect(bad.errors?.[0]?.message).toContain('shoe_size');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('creates observables, relationships and sightings', async () => {
    const created = await data<{ stixCyberObservableAdd: Node }>(
      `mutation($h: [HashInput]) {
        stixCyberObservableAdd(type: "StixFile", StixFile: { name: "a.exe", hashes: $h }) {
          id entity_type observable_value
        }
      }`,
      { h: [{ algorithm: 'MD5', hash: 'd41d8cd98f00b204e9800998ecf8427e' }] },
    );
    expect(created.stixCyberObservableAdd.entity_type).toBe('StixFile');
    expect(created.stixCyberObservableAdd.observable_value).toBe('a.exe');
    const set = await create('intrusionSetAdd', { name: 'Relating Set' });
    const malware = await create('malwareAdd', { name: 'Related' });
    const uses = await create('stixCoreRelationshipAdd', {
      fromId: set.id,
      toId: malware.id,
      relationship_type: 'uses',
    });
    expect(uses.entity_type).toBe('uses');
    const refused = await gql(
      `mutation { stixCoreRelationshipAdd(input: { fromId: "${malware.id}", toId: "${set.id}", relationship_type: "not-a-type" }) { id } }`,
    );
    expect(refused.errors?.[0]?.message).toContain('relationship_type');
    const sighting = await create('stixSightingRelationshipAdd', {
      fromId: malware.id,
      toId: (await create('identityAdd', { type: 'Organization', name: 'Sighter' })).id,
      attribute_count: 2,
    });
    expect(sighting.entity_type).toBe('stix-sighting-relationship');
  });

  it('merges duplicates and deletes', async () => {
    const target = await create('intrusionSetAdd', { name: 'Keeper' });
    const source = await create('intrusionSetAdd', { name: 'Duplicate' });
    const merged = await data<{ stixEdit: { merge: Node } }>(
      `mutation($id: ID!, $ids: [String]!) { stixEdit(id: $id) { merge(stixObjectsIds: $ids) { id } } }`,
      { id: target.id, ids: [source.id] },
    );
    expect(merged.stixEdit.merge.id).toBe(target.id);
    const gone = await data<{ intrusionSet: Node | null }>(
      `query($id: String!) { intrusionSet(id: $id) { id } }`,
      { id: source.standard_id },
    );
    // The source's ids now designate the target.
    expect(gone.intrusionSet?.id).toBe(target.id);
    const deleted = await data<{ stixDomainObjectEdit: { delete: string } }>(
      `mutation($id: ID!) { stixDomainObjectEdit(id: $id) { delete } }`,
      { id: target.id },
    );
    expect(deleted.stixDomainObjectEdit.delete).toBe(target.id);
    const after = await data<{ intrusionSet: Node | null }>(
      `query($id: String!) { intrusionSet(id: $id) { id } }`,
      { id: target.id },
    );
    expect(after.intrusionSet).toBeNull();
    const missing = await gql(`mutation { stixDomainObjectEdit(id: "nope") { delete } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('uploads a file to an element, lists and downloads it', async () => {
    const malware = await create('malwareAdd', { name: 'With a file' });
    const operations = JSON.stringify({
      query: `mutation($id: ID!, $file: Upload!) { stixDomainObjectEdit(id: $id) { importPush(file: $file) { id name size } } }`,
      variables: { id: malware.id, file: null },
    });
    const uploaded = await request(app.getHttpServer())
      .post('/graphql')
      .set('Authorization', `Bearer ${TOKEN}`)
      .field('operations', operations)
      .field('map', JSON.stringify({ 0: ['variables.file'] }))
      .attach('0', Buffer.from('file body'), { filename: 'body.txt', contentType: 'text/plain' });
    const pushed = (uploaded.body as GqlBody).data as {
      stixDomainObjectEdit: { importPush: { id: string; name: string; size: number } };
    };
    expect(pushed.stixDomainObjectEdit.importPush).toMatchObject({ name: 'body.txt', size: 9 });
    const listed = await data<{ malware: { importFiles: { edges: { node: Node }[] } } }>(
      `query($id: String!) { malware(id: $id) { importFiles { edges { node { id name } } } } }`,
      { id: malware.id },
    );
    const fileId = listed.malware.importFiles.edges[0]?.node.id ?? '';
    expect(fileId).toBe(pushed.stixDomainObjectEdit.importPush.id);
    const downloaded = await request(app.getHttpServer())
      .get(`/storage/get/${fileId}`)
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(downloaded.status).toBe(200);
    expect(downloaded.text).toBe('file body');
    const anonymous = await request(app.getHttpServer()).get(`/storage/get/${fileId}`);
    expect(anonymous.status).toBe(401);
  });

  it('pushes a bundle through the ingestion pipeline and answers a work id', async () => {
    const bundle = JSON.stringify({
      type: 'bundle',
      id: 'bundle--6f0e0b52-6c4f-4a8e-9c2b-2f6a0e8b1c01',
      objects: [
        {
          type: 'malware',
          spec_version: '2.1',
          id: 'malware--6f0e0b52-6c4f-4a8e-9c2b-2f6a0e8b1c02',
          created: '2024-01-01T00:00:00.000Z',
          modified: '2024-01-01T00:00:00.000Z',
          name: 'Pushed',
          is_family: false,
        },
      ],
    });
    const pushed = await data<{ stixBundlePush: string }>(
      `mutation($bundle: String!) { stixBundlePush(connectorId: "e2e", bundle: $bundle) }`,
      { bundle },
    );
    expect(pushed.stixBundlePush).toMatch(/^work_/);
  });
});
