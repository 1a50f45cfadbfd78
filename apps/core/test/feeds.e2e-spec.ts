import { rmSync } from 'node:fs';
import { platformGraphql } from '@lib/testing';
import { assertBuilt } from '../../../test/support/cli.util';
import { embeddedTestEnv, startEmbedded } from '../../../test/support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../../test/support/embedded-platform.util';

// Pull feeds for SIEMs: CSV, plain text and JSON of observables and indicators by filters, with
// the token in the header or the query string, and a public feed read anonymously.

const TOKEN = 'd1e2f3a4-1234-4abc-9def-0123456789ab';

const COLUMNS = [
  {
    attribute: 'value',
    mappings: [
      { type: 'IPv4-Addr', attribute: 'value' },
      { type: 'Domain-Name', attribute: 'value' },
      { type: 'Indicator', attribute: 'pattern' },
    ],
  },
  { attribute: 'type', mappings: [{ type: 'Stix-Core-Object', attribute: 'entity_type' }] },
  { attribute: 'score', mappings: [{ type: 'Stix-Core-Object', attribute: 'x_opencti_score' }] },
  { attribute: 'description', mappings: [{ type: 'Indicator', attribute: 'description' }] },
];
const SCORED = JSON.stringify({
  mode: 'and',
  filters: [{ key: ['x_opencti_score'], values: [50], operator: 'gte' }],
  filterGroups: [],
});

describe('Pull feeds (embedded)', () => {
  let platform: EmbeddedPlatform;
  let dir: string;
  const gql = <T>(q: string, v: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, q, v);

  const addFeed = async (input: Record<string, unknown>) =>
    (
      await gql<{ feedAdd: { id: string } }>(
        `mutation($input: FeedAddInput!) { feedAdd(input: $input) { id } }`,
        { input: { feed_attributes: COLUMNS, ...input } },
      )
    ).feedAdd.id;

  const read = async (id: string, init: RequestInit = {}, query = '') =>
    fetch(`${platform.url}/feeds/${id}${query}`, init);

  beforeAll(async () => {
    assertBuilt();
    const env = embeddedTestEnv(TOKEN);
    dir = env.THREATLOOM_DATA_DIR as string;
    platform = await startEmbedded(env, 'core');
    const observable = (type: string, key: string, value: string, score: number) =>
      gql(
        `mutation($type: String!, $input: ${key}AddInput, $score: Int) { stixCyberObservableAdd(type: $type, ${key}: $input, x_opencti_score: $score) { id } }`,
        { type, input: { value }, score },
      );
    await observable('IPv4-Addr', 'IPv4Addr', '198.51.100.7', 90);
    await observable('IPv4-Addr', 'IPv4Addr', '198.51.100.8', 10);
    await observable('Domain-Name', 'DomainName', 'evil.example', 75);
    await gql(`mutation($input: IndicatorAddInput!) { indicatorAdd(input: $input) { id } }`, {
      input: {
        name: 'Bad URL',
        pattern: "[url:value = 'http://evil.example/a,b']",
        pattern_type: 'stix',
        x_opencti_main_observable_type: 'Url',
        x_opencti_score: 60,
        description: 'has "quotes", and a comma',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await platform.app.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('answers CSV of what passes the filters, values quoted where needed', async () => {
    const id = await addFeed({
      name: 'Scored IOCs',
      feed_types: ['IPv4-Addr', 'Domain-Name', 'Indicator'],
      filters: SCORED,
    });
    const res = await read(id, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('value,type,score,description');
    expect(lines.slice(1).sort()).toEqual(
      [
        '198.51.100.7,IPv4-Addr,90,',
        'evil.example,Domain-Name,75,',
        `"[url:value = 'http://evil.example/a,b']",Indicator,60,"has ""quotes"", and a comma"`,
      ].sort(),
    );
  });

  it('answers plain text and JSON, with the token in the query string', async () => {
    const txt = await addFeed({
      name: 'IPs',
      feed_types: ['IPv4-Addr'],
      format: 'txt',
    });
    const text = await (await read(txt, {}, `?token=${TOKEN}`)).text();
    expect(text.trim().split('\n').sort()).toEqual(['198.51.100.7', '198.51.100.8']);
    const json = await addFeed({
      name: 'Domains',
      feed_types: ['Domain-Name'],
      format: 'json',
    });
    const res = await read(json, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual([
      { value: 'evil.example', type: 'Domain-Name', score: '75', description: '' },
    ]);
  });

  it('refuses anonymous readers unless the feed is public, and names bad definitions', async () => {
    const closed = await addFeed({ name: 'Closed', feed_types: ['IPv4-Addr'] });
    const anonymous = await read(closed);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic, Bearer');
    const open = await addFeed({
      name: 'Open',
      feed_types: ['Domain-Name'],
      format: 'txt',
      feed_public: true,
    });
    expect((await (await read(open)).text()).trim()).toBe('evil.example');
    const bad = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        query: `mutation { feedAdd(input: { name: "Bad", feed_types: ["Nope"], feed_attributes: [] }) { id } }`,
      }),
    });
    const body = (await bad.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toContain('feed_types[0]');
  });
});
