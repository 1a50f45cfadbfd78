import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useBuiltInPlatform } from './builtin-platform.util';

// The built-in enrichment connectors: offline (IP ranges, domains) and through an HTTP API (a
// reputation service on loopback).

describe('Built-in enrichment connectors (embedded, every role)', () => {
  /** A reputation API on loopback: what it was asked, with the API key it got. */
  const reputationCalls: { url: string; key: string | undefined }[] = [];
  const reputation = createServer((req, res) => {
    const key = req.headers['x-api-key'];
    reputationCalls.push({ url: req.url ?? '', key: typeof key === 'string' ? key : undefined });
    const answer = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (key !== 'secret-key') return answer(401, '{"error":"no key"}');
    if (req.url === '/ip/203.0.113.9') {
      return answer(
        200,
        JSON.stringify({
          data: { risk: 0.85, tags: ['scanner', 'ssh'], summary: 'Scanner seen on 14 sensors' },
        }),
      );
    }
    if (req.url === '/ip/192.0.2.66') return answer(503, 'overloaded');
    return answer(404, '{"error":"unknown"}');
  });

  const { data, completed } = useBuiltInPlatform(async () => {
    await new Promise<void>((resolve) => reputation.listen(0, '127.0.0.1', resolve));
    const { port } = reputation.address() as AddressInfo;
    const enrichers = [
      {
        name: 'reputation',
        url: `http://127.0.0.1:${port}/ip/{value}`,
        headers: { 'x-api-key': 'secret-key' },
        scope: ['IPv4-Addr'],
        mapping: {
          score: 'data.risk',
          scoreScale: 100,
          labels: 'data.tags',
          description: 'data.summary',
          link: 'https://rep.example/ip/{value}',
        },
      },
    ];
    return {
      THREATLOOM_BUILTIN_CONNECTORS: 'offline-enricher,http-enricher',
      THREATLOOM_CONNECTOR_HTTP_ENRICHERS: JSON.stringify(enrichers),
    };
  });

  afterAll(() => {
    reputation.close();
  });

  it('registers the built-in connectors like any connector', async () => {
    const { connectors } = await data<{
      connectors: { id: string; connector_type: string; built_in: boolean; active: boolean }[];
    }>(`{ connectors { id connector_type built_in active } }`);
    expect(connectors).toEqual(
      expect.arrayContaining([
        {
          id: 'threatloom-offline-enricher',
          connector_type: 'INTERNAL_ENRICHMENT',
          built_in: true,
          active: true,
        },
        {
          id: 'threatloom-http-reputation',
          connector_type: 'INTERNAL_ENRICHMENT',
          built_in: true,
          active: true,
        },
      ]),
    );
  });

  const add = async (type: string, input: string, value: string) =>
    (
      await data<{ stixCyberObservableAdd: { id: string } }>(
        `mutation($v: String!) { stixCyberObservableAdd(type: "${type}", ${input}: { value: $v }) { id } }`,
        { v: value },
      )
    ).stixCyberObservableAdd.id;
  const ask = async (id: string, connectorId = 'threatloom-offline-enricher') => {
    const { stixCoreObjectEdit } = await data<{
      stixCoreObjectEdit: { askEnrichment: { id: string } };
    }>(
      `mutation($id: ID!, $c: ID!) { stixCoreObjectEdit(id: $id) { askEnrichment(connectorId: $c) { id } } }`,
      { id, c: connectorId },
    );
    return completed(stixCoreObjectEdit.askEnrichment.id);
  };
  const labelsOf = async (id: string) =>
    (
      await data<{ stixCyberObservable: { objectLabel: { value: string }[] } }>(
        `query($id: String!) { stixCyberObservable(id: $id) { objectLabel { value } } }`,
        { id },
      )
    ).stixCyberObservable.objectLabel
      .map((l) => l.value)
      .sort();

  it('enriches observables offline when asked', async () => {
    const ip = await add('IPv4-Addr', 'IPv4Addr', '192.168.10.20');
    const ipWork = await ask(ip);
    expect(ipWork.errors).toEqual([]);
    expect(await labelsOf(ip)).toEqual(['ip-range:private', 'ip-scope:non-public']);

    const host = await add('Hostname', 'Hostname', 'vpn.corp.example.co.uk');
    await ask(host);
    expect(await labelsOf(host)).toEqual(['public-suffix:co.uk']);
    const { stixCoreRelationships } = await data<{
      stixCoreRelationships: { edges: { node: { to: { observable_value: string } } }[] };
    }>(
      `query($id: String!) { stixCoreRelationships(fromId: [$id], relationship_type: ["related-to"]) { edges { node { to { ... on StixCyberObservable { observable_value } } } } } }`,
      { id: host },
    );
    expect(stixCoreRelationships.edges.map((e) => e.node.to.observable_value)).toEqual([
      'example.co.uk',
    ]);
  }, 120_000);

  it('enriches observables through an HTTP API: score, labels, note and link read from its answer', async () => {
    const known = await add('IPv4-Addr', 'IPv4Addr', '203.0.113.9');
    const work = await ask(known, 'threatloom-http-reputation');
    expect(work.errors).toEqual([]);
    expect(work.messages.map((m) => m.message).join(' ')).toContain('203.0.113.9: score 85');
    expect(reputationCalls.at(-1)).toEqual({ url: '/ip/203.0.113.9', key: 'secret-key' });
    const { stixCyberObservable } = await data<{
      stixCyberObservable: {
        x_opencti_score: number;
        x_opencti_description: string;
        objectLabel: { value: string }[];
        externalReferences: { edges: { node: { source_name: string; url: string } }[] };
      };
    }>(
      `query($id: String!) { stixCyberObservable(id: $id) { x_opencti_score x_opencti_description objectLabel { value } externalReferences { edges { node { source_name url } } } } }`,
      { id: known },
    );
    expect(stixCyberObservable.x_opencti_score).toBe(85);
    expect(stixCyberObservable.x_opencti_description).toBe('Scanner seen on 14 sensors');
    expect(stixCyberObservable.objectLabel.map((l) => l.value).sort()).toEqual(['scanner', 'ssh']);
    expect(stixCyberObservable.externalReferences.edges.map((e) => e.node)).toEqual([
      { source_name: 'reputation', url: 'https://rep.example/ip/203.0.113.9' },
    ]);

    // Not known to the API (404): nothing to add, the work is not in error.
    const unknown = await ask(
      await add('IPv4-Addr', 'IPv4Addr', '198.51.100.99'),
      'threatloom-http-reputation',
    );
    expect(unknown.errors).toEqual([]);
    expect(unknown.messages.map((m) => m.message).join(' ')).toContain(
      'knows nothing of 198.51.100.99',
    );
    // The API failing: the work ends in error with its status and answer.
    const failing = await ask(
      await add('IPv4-Addr', 'IPv4Addr', '192.0.2.66'),
      'threatloom-http-reputation',
    );
    expect(failing.errors.map((e) => e.message).join(' ')).toMatch(/answered 503: overloaded/);
  }, 120_000);
});
