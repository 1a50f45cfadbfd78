import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { EntityStore } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { sharedData } from '@lib/testing';
import { assertBuilt, cliEnv, runCli } from '../../../test/support/cli.util';

const TOKEN = 'b1c2d3e4-1234-4abc-9def-0123456789ab';
const ICS = sharedData('mitre-attack', 'ics-attack-18.1.json');
// Mobile adds entities: the two together hold more than 500 domain objects.
const MOBILE = sharedData('mitre-attack', 'mobile-attack-18.1.json');
const T0830 = 'attack-pattern--9a505987-ab05-4f46-a9a6-6441442eec3b';

type GqlBody = {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

describe('Knowledge GraphQL API (reads, embedded)', () => {
  let app: NestExpressApplication;
  let dir: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}): Promise<GqlBody> =>
    (
      await request(app.getHttpServer())
        .post('/graphql')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send({ query, variables })
    ).body as GqlBody;

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tl-gql-'));
    const imported = runCli(['import', ICS, MOBILE], cliEnv(dir));
    expect(imported.status).toBe(0);
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

  it('reads one element by STIX id, standard id and internal id', async () => {
    const query =
      'query($id: String!) { attackPattern(id: $id) { id standard_id name x_mitre_id } }';
    const byStix = await gql(query, { id: T0830 });
    const node = byStix.data?.attackPattern as { id: string; standard_id: string; name: string };
    expect(node.name).toBe('Adversary-in-the-Middle');
    const byStandard = await gql(query, { id: node.standard_id });
    const byInternal = await gql(query, { id: node.id });
    expect(byStandard.data?.attackPattern).toEqual(node);
    expect(byInternal.data?.attackPattern).toEqual(node);
    const wrongType = await gql('query($id: String!) { malware(id: $id) { id } }', { id: T0830 });
    expect(wrongType.data?.malware).toBeNull();
  });

  it('lists with filters, nested groups, search, ordering and cursor pagination', async () => {
    const query = `query($filters: FilterGroup, $search: String, $after: ID) {
      attackPatterns(filters: $filters, search: $search, first: 10, after: $after,
                     orderBy: name, orderMode: asc) {
        edges { node { name } } pageInfo { endCursor hasNextPage globalCount } } }`;
    const all = await gql(query);
    const page = all.data?.attackPatterns as {
      edges: { node: { name: string } }[];
      pageInfo: { endCursor: string; hasNextPage: boolean; globalCount: number };
    };
    const stored = await app.get(EntityStore).countByType(systemContext('test'));
    expect(page.pageInfo.globalCount).toBe(stored['Attack-Pattern']);
    expect(page.pageInfo.globalCount).toBeGreaterThan(200);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const names = page.edges.map((e) => e.node.name);
    expect(names).toEqual([...names].sort());
    const next = await gql(query, { after: page.pageInfo.endCursor });
    const nextNames = (next.data?.attackPatterns as typeof page).edges.map((e) => e.node.name);
    expect(nextNames[0]! > names[names.length - 1]!).toBe(true);
    const filters = {
      mode: 'or',
      filters: [{ key: 'name', values: ['Adversary-in-the-Middle'], operator: 'eq' }],
      filterGroups: [
        {
          mode: 'and',
          filters: [
            { key: 'name', values: ['Spoof'], operator: 'starts_with' },
            { key: 'name', values: ['Message'], operator: 'ends_with' },
          ],
          filterGroups: [],
        },
      ],
    };
    const filtered = await gql(query, { filters });
    const filteredNames = (filtered.data?.attackPatterns as typeof page).edges.map(
      (e) => e.node.name,
    );
    expect(new Set(filteredNames)).toEqual(
      new Set(['Adversary-in-the-Middle', 'Spoof Reporting Message']),
    );
    const searched = await gql(query, { search: 'spoof reporting' });
    const found = (searched.data?.attackPatterns as typeof page).edges.map((e) => e.node.name);
    expect(found).toContain('Spoof Reporting Message');
    expect(found.length).toBeLessThan(5);
  });

  it('names an unknown filter key and refuses pages over 5000', async () => {
    const unknown = await gql(
      'query($f: FilterGroup) { malwares(filters: $f) { edges { node { id } } } }',
      { f: { mode: 'and', filters: [{ key: 'nmae', values: ['x'] }], filterGroups: [] } },
    );
    expect(unknown.errors?.[0]?.message).toContain('"nmae"');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const operator = await gql(
      'query($f: FilterGroup) { malwares(filters: $f) { edges { node { id } } } }',
      {
        f: {
          mode: 'and',
          filters: [{ key: 'name', values: ['x'], operator: 'near' }],
          filterGroups: [],
        },
      },
    );
    expect(operator.errors?.[0]?.message).toContain('near');
    const tooMany = await gql('{ malwares(first: 5001) { edges { node { id } } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves relation fields with a bounded number of store queries (50 and 500 rows alike)', async () => {
    const store = app.get(EntityStore);
    const index = app.get(SearchIndex);
    const query = `query($first: Int) { stixCoreRelationships(first: $first) { edges { node {
      id relationship_type
      createdBy { ... on Identity { id name } }
      objectMarking { id definition }
      objectLabel { id value }
      externalReferences { edges { node { source_name external_id } } }
      killChainPhases { phase_name }
      from { ... on BasicObject { id entity_type } }
      to { ... on BasicObject { id entity_type } }
    } } } }`;
    const costOf = async (first: number) => {
      const getMany = jest.spyOn(store, 'getMany');
      const resolve = jest.spyOn(store, 'resolve');
      const get = jest.spyOn(store, 'get');
      const search = jest.spyOn(index, 'search');
      const body = await gql(query, { first });
      const edges = (
        body.data?.stixCoreRelationships as {
          edges: { node: { createdBy: unknown; from: unknown } }[];
        }
      ).edges;
      expect(edges).toHaveLength(first);
      expect(edges.every((e) => e.node.createdBy !== null && e.node.from !== null)).toBe(true);
      const calls =
        getMany.mock.calls.length +
        resolve.mock.calls.length +
        get.mock.calls.length +
        search.mock.calls.length;
      [getMany, resolve, get, search].forEach((spy) => spy.mockRestore());
      return calls;
    };
    const small = await costOf(50);
    const large = await costOf(500);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(4);
  });

  it('reads any element through the generic queries', async () => {
    const rels = await gql(
      '{ stixCoreRelationships(first: 1) { edges { node { id standard_id relationship_type } } } }',
    );
    const [edge] = (rels.data?.stixCoreRelationships as { edges: { node: { id: string } }[] })
      .edges;
    const any = await gql(
      'query($id: String!) { stixObjectOrStixRelationship(id: $id) { __typename ... on StixCoreRelationship { id from { ... on BasicObject { entity_type } } } } }',
      { id: edge?.node.id },
    );
    expect(any.data?.stixObjectOrStixRelationship).toMatchObject({
      __typename: 'StixCoreRelationship',
      id: edge?.node.id,
    });
    const refs = await gql(
      `query($id: StixRef) {
        fromIt: stixRefRelationships(fromId: $id, relationship_type: ["object-marking", "created-by"]) {
          edges { node { relationship_type to { __typename } } } }
        stixCoreObjects(first: 1, types: ["Intrusion-Set"]) { edges { node { __typename entity_type } } } }`,
      { id: T0830 },
    );
    expect(refs.errors).toBeUndefined();
    type RefEdges = {
      edges: { node: { relationship_type: string; to: { __typename: string } } }[];
    };
    const fromIt = (refs.data?.fromIt as RefEdges).edges.map((e) => [
      e.node.relationship_type,
      e.node.to.__typename,
    ]);
    expect(fromIt.sort()).toEqual([
      ['created-by', 'Organization'],
      ['object-marking', 'MarkingDefinition'],
    ]);
    const typed = await gql(
      `{ stixCoreRelationships(fromTypes: ["Intrusion-Set"], toTypes: ["Malware", "Tool"], relationship_type: ["uses"], first: 500) {
        edges { node { from { ... on BasicObject { entity_type } } to { ... on BasicObject { entity_type } } } }
        pageInfo { globalCount } } }`,
    );
    type Ends = {
      edges: { node: { from: { entity_type: string }; to: { entity_type: string } } }[];
    };
    const ends = (typed.data?.stixCoreRelationships as Ends).edges;
    expect(ends.length).toBeGreaterThan(10);
    expect(new Set(ends.map((e) => e.node.from.entity_type))).toEqual(new Set(['Intrusion-Set']));
    expect(ends.every((e) => ['Malware', 'Tool'].includes(e.node.to.entity_type))).toBe(true);
    const counts = await gql(
      '{ all: stixRelationships(first: 1) { edges { node { __typename } } pageInfo { globalCount } } core: stixCoreRelationships(first: 0) { pageInfo { globalCount } } }',
    );
    type Count = { pageInfo: { globalCount: number } };
    expect((counts.data?.all as Count).pageInfo.globalCount).toBe(
      (counts.data?.core as Count).pageInfo.globalCount,
    );
    const marking = (
      await gql(
        '{ markingDefinitions(filters: {mode: and, filters: [{key: "definition_type", values: ["statement"]}], filterGroups: []}) { edges { node { id } } } }',
      )
    ).data?.markingDefinitions as { edges: { node: { id: string } }[] };
    const toIt = await gql(
      'query($id: StixRef) { stixRefRelationships(toId: $id, first: 10) { edges { node { from { ... on BasicObject { id } } } } pageInfo { globalCount hasNextPage } } }',
      { id: marking.edges[0]?.node.id },
    );
    const toPage = toIt.data?.stixRefRelationships as {
      pageInfo: { globalCount: number; hasNextPage: boolean };
    };
    expect(toPage.pageInfo.globalCount).toBeGreaterThan(500);
    expect(toPage.pageInfo.hasNextPage).toBe(true);
    expect(refs.data?.stixCoreObjects).toEqual({
      edges: [{ node: { __typename: 'IntrusionSet', entity_type: 'Intrusion-Set' } }],
    });
  });

  it('costs the same store queries for 50 and 500 domain objects with their relations', async () => {
    const store = app.get(EntityStore);
    const index = app.get(SearchIndex);
    const query = `query($first: Int) { stixDomainObjects(first: $first) { edges { node {
      id entity_type
      createdBy { ... on Identity { name } }
      objectMarking { definition }
      objectLabel { value }
      externalReferences { edges { node { source_name external_id } } }
      ... on AttackPattern { killChainPhases { phase_name } }
      ... on Malware { killChainPhases { phase_name } }
    } } } }`;
    type Row = { createdBy: unknown; externalReferences: { edges: unknown[] } };
    const costOf = async (first: number) => {
      const spies = [
        jest.spyOn(store, 'getMany'),
        jest.spyOn(store, 'resolve'),
        jest.spyOn(store, 'get'),
        jest.spyOn(index, 'search'),
        jest.spyOn(index, 'count'),
      ];
      const body = await gql(query, { first });
      const edges = (body.data?.stixDomainObjects as { edges: { node: Row }[] }).edges;
      expect(edges).toHaveLength(first);
      expect(
        edges.filter((e) => e.node.externalReferences.edges.length > 0).length,
      ).toBeGreaterThan(first / 2);
      const calls = spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
      spies.forEach((spy) => spy.mockRestore());
      return calls;
    };
    const small = await costOf(50);
    const large = await costOf(500);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(4);
  });

  it('returns the STIX JSON of an element', async () => {
    const body = await gql('query($id: String!) { stix(id: $id) }', { id: T0830 });
    const stix = JSON.parse(body.data?.stix as string) as Record<string, unknown>;
    expect(stix.type).toBe('attack-pattern');
    expect(stix.name).toBe('Adversary-in-the-Middle');
  });
});
