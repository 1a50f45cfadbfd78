import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedPort } from '@lib/testing';
import { SearchEngine } from './search-engine.client';
import { SearchEngineError } from './search-engine.error';

// connect() loads the client package of the engine named; no cluster is needed to build one.
describe(SearchEngine.name, () => {
  it.each(['opensearch', 'elasticsearch'] as const)('connects with the %s client', async (kind) => {
    const sut = await SearchEngine.connect({ engine: kind, nodes: ['http://127.0.0.1:9'] });
    expect(sut.kind).toBe(kind);
    await sut.close();
  });

  it('reports a cluster that refuses the connection as unavailable', async () => {
    const sut = await SearchEngine.connect({
      engine: 'opensearch',
      nodes: [`http://127.0.0.1:${await closedPort()}`],
      requestTimeoutMs: 2_000,
    });
    try {
      const refused = sut.request({ method: 'GET', path: '/' });
      await expect(refused).rejects.toBeInstanceOf(SearchEngineError);
      await expect(refused).rejects.toMatchObject({ code: 'SEARCH_ENGINE_UNAVAILABLE' });
    } finally {
      await sut.close();
    }
  });

  it.each(['opensearch', 'elasticsearch'] as const)(
    'sends a bulk as NDJSON of the exact byte length with the %s client',
    async (kind) => {
      const received: { body: string; length?: string; path?: string }[] = [];
      const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          received.push({ body, length: req.headers['content-length'], path: req.url });
          res.setHeader('content-type', 'application/json');
          // The Elasticsearch client checks the product header before reading a reply.
          res.setHeader('x-elastic-product', 'Elasticsearch');
          res.end(JSON.stringify({ errors: false, items: [] }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const sut = await SearchEngine.connect({ engine: kind, nodes: [`http://127.0.0.1:${port}`] });
      try {
        const lines = [{ index: { _index: 'i', _id: '1' } }, { name: 'Émotet — 破壊' }];
        await expect(sut.bulk(lines, { refresh: 'true' })).resolves.toMatchObject({
          errors: false,
        });
        const sent = received.at(-1);
        expect(sent?.path).toBe('/_bulk?refresh=true');
        expect(sent?.body).toBe(`${JSON.stringify(lines[0])}\n${JSON.stringify(lines[1])}\n`);
        expect(Number(sent?.length)).toBe(Buffer.byteLength(sent?.body ?? ''));
      } finally {
        await sut.close();
        server.close();
      }
    },
  );
});
