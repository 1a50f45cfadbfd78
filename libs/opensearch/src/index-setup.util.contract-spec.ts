import { deleteIndices, ensureIndexLayout } from './index-setup.util';
import { metaIndex, readAlias, writeAlias } from './index-layout.types';
import type { IndexLayout } from './index-layout.types';
import type { EngineBody } from './search-engine.types';
import type { TestSearchEngine } from './testing/test-search-engine';
import {
  TEST_SEARCH_ENGINES,
  connectTestSearchEngine,
  uniqueIndexPrefix,
} from './testing/test-search-engine';

jest.setTimeout(90_000);

const layout = (prefix: string, version = 1): IndexLayout => ({
  prefix,
  component: 'it',
  version,
  families: ['one', 'two'],
  mappings: { dynamic: 'strict', properties: { name: { type: 'keyword' } } },
  settings: { number_of_shards: 1, auto_expand_replicas: '0-1' },
});

describe.each(TEST_SEARCH_ENGINES)('versioned index setup: %s', (kind) => {
  let fx: TestSearchEngine;
  const prefix = uniqueIndexPrefix(`setup-${kind}`);
  beforeAll(async () => {
    fx = await connectTestSearchEngine(kind);
  });
  afterAll(async () => {
    await deleteIndices(fx.engine, prefix);
    await fx.engine.close();
  });

  it('runs once when replicas boot together, then upgrades mappings additively', async () => {
    await Promise.all([1, 2, 3, 4].map(() => ensureIndexLayout(fx.engine, layout(prefix))));
    const aliases = await fx.engine.request({
      method: 'GET',
      path: `/_alias/${readAlias(layout(prefix))}`,
    });
    expect(Object.keys(aliases.body).sort()).toEqual([
      `${writeAlias(layout(prefix), 'one')}-000001`,
      `${writeAlias(layout(prefix), 'two')}-000001`,
    ]);
    const schema = await fx.engine.request({
      method: 'GET',
      path: `/${metaIndex(prefix)}/_doc/schema-it`,
    });
    expect((schema.body._source as { version: number }).version).toBe(1);
    const lock = await fx.engine.request(
      { method: 'GET', path: `/${metaIndex(prefix)}/_doc/lock-it` },
      [404],
    );
    expect(lock.status).toBe(404);

    const next = layout(prefix, 2);
    next.mappings = {
      dynamic: 'strict',
      properties: { name: { type: 'keyword' }, score: { type: 'long' } },
    };
    await ensureIndexLayout(fx.engine, next);
    const mapping = await fx.engine.request({
      method: 'GET',
      path: `/${writeAlias(next, 'two')}/_mapping`,
    });
    expect(JSON.stringify(mapping.body)).toContain('"score":{"type":"long"}');

    // A changed parameter of an existing field (doc values dropped) cannot be applied in place:
    // the existing indices keep the field as it was and still get the new fields; an index made
    // from the template from then on has the new parameter.
    const third = layout(prefix, 3);
    third.mappings = {
      dynamic: 'strict',
      properties: {
        name: { type: 'keyword', doc_values: false },
        score: { type: 'long' },
        tag: { type: 'keyword' },
      },
    };
    await ensureIndexLayout(fx.engine, third);
    const upgraded = await fx.engine.request({
      method: 'GET',
      path: `/${writeAlias(third, 'one')}/_mapping`,
    });
    const [existing] = Object.values(upgraded.body) as { mappings: EngineBody }[];
    expect(existing?.mappings.properties).toEqual({
      name: { type: 'keyword' },
      score: { type: 'long' },
      tag: { type: 'keyword' },
    });
    await fx.engine.request({ method: 'PUT', path: `/${readAlias(third)}-rolled-000002` });
    const rolled = await fx.engine.request({
      method: 'GET',
      path: `/${readAlias(third)}-rolled-000002/_mapping`,
    });
    expect(JSON.stringify(rolled.body)).toContain('"name":{"type":"keyword","doc_values":false}');

    // A family the layout adds gets its index and write alias; the others keep theirs.
    const fourth = { ...layout(prefix, 4), families: ['one', 'two', 'three'] };
    fourth.mappings = third.mappings;
    await ensureIndexLayout(fx.engine, fourth);
    const added = await fx.engine.request({
      method: 'GET',
      path: `/${writeAlias(fourth, 'three')}/_mapping`,
    });
    expect(Object.keys(added.body)).toEqual([`${writeAlias(fourth, 'three')}-000001`]);
    const read = await fx.engine.request({ method: 'GET', path: `/_alias/${readAlias(fourth)}` });
    expect(Object.keys(read.body)).toContain(`${writeAlias(fourth, 'three')}-000001`);
  });

  it("deletes a prefix's indices and templates, and only those", async () => {
    const [mine, other] = [uniqueIndexPrefix(`del-${kind}`), uniqueIndexPrefix(`keep-${kind}`)];
    try {
      await ensureIndexLayout(fx.engine, layout(mine));
      await ensureIndexLayout(fx.engine, layout(other));
      await deleteIndices(fx.engine, mine);
      const template = (name: string) =>
        fx.engine.request({ method: 'GET', path: `/_index_template/${name}` }, [404]);
      expect((await template(readAlias(layout(mine)))).status).toBe(404);
      expect((await template(readAlias(layout(other)))).status).toBe(200);
      const indices = await fx.engine.request({ method: 'GET', path: `/${mine}-*` }, [404]);
      expect(Object.keys(indices.body)).toEqual([]);
    } finally {
      await deleteIndices(fx.engine, other);
    }
  });

  it('takes over a lock its holder left behind once it has expired', async () => {
    const other = uniqueIndexPrefix(`lock-${kind}`);
    try {
      await fx.engine.request({ method: 'PUT', path: `/${metaIndex(other)}` });
      await fx.engine.request({
        method: 'PUT',
        path: `/${metaIndex(other)}/_create/lock-it`,
        body: { owner: 'dead replica', expires_at: Date.now() - 1000 },
        querystring: { refresh: 'true' },
      });
      await ensureIndexLayout(fx.engine, layout(other));
      const alias = await fx.engine.request(
        { method: 'HEAD', path: `/_alias/${readAlias(layout(other))}` },
        [404],
      );
      expect(alias.status).toBe(200);
    } finally {
      await deleteIndices(fx.engine, other);
    }
  });
});
