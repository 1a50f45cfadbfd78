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
});
