import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newInternalId } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import { SqliteDatabase } from '@lib/sqlite';
import type { StoredElement } from '../element.types';
import { buildElement } from '../testing/element.factory';
import { SqliteEntityStore } from './sqlite-entity-store.adapter';
import { keyHash } from './sqlite-element-tables';
import { tableKeys } from './sqlite-element-program';
import { VersionConflictError } from '../errors/entity-store.error';

// The key table holds every key of an element but its internal id, which the elements table's
// own unique index answers (see tableKeys).

const system = systemContext('element keys');

describe('SqliteEntityStore keys', () => {
  let dir: string;
  let database: SqliteDatabase;
  let store: SqliteEntityStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-element-keys-'));
    database = new SqliteDatabase({ path: join(dir, 'test.db') });
    store = new SqliteEntityStore(database, { maxEvents: 100 });
  });

  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = async (...elements: StoredElement[]) => {
    await store.commit({
      upserts: elements.map((element) => ({ element, expectedVersion: 0 })),
      deletes: [],
      events: [],
    });
  };
  // Commits the stored version of an element changed by `change`, with `replaced` (by default the
  // stored version) as the state it replaces.
  const update = async (
    internalId: string,
    change: Partial<StoredElement>,
    replaced?: StoredElement,
  ) => {
    const stored = (await store.get(system, internalId)) as StoredElement;
    const element = { ...stored, ...change, version: stored.version + 1 };
    await store.commit({
      upserts: [{ element, expectedVersion: stored.version, replaced: replaced ?? stored }],
      deletes: [],
      events: [],
    });
  };
  const keyRows = (key: string) =>
    database.db
      .prepare('SELECT count(*) FROM element_keys WHERE h = ?')
      .pluck()
      .get(keyHash(key.toLowerCase())) as number;
  const allKeyRows = () =>
    database.db.prepare('SELECT count(*) FROM element_keys').pluck().get() as number;

  it('finds an element by its internal id, as made or upper-cased, without a key row for it', async () => {
    const uuid = buildElement({
      internalId: newInternalId(),
      stixIds: [`malware--${randomUUID()}`],
    });
    const work = buildElement({ internalId: 'work_connector_2026-12-06T18:00:00.000Z' });
    await create(uuid, work);

    expect(keyRows(uuid.internalId)).toBe(0);
    expect(keyRows(work.internalId)).toBe(0);
    expect(keyRows(uuid.standardId)).toBe(1);
    const asked = [uuid.internalId.toUpperCase(), uuid.standardId, work.internalId, 'stranger'];
    const found = await store.resolve(system, asked);
    expect([...found.keys()].sort()).toEqual(asked.slice(0, 3).sort());
    expect(found.get(uuid.internalId.toUpperCase())?.map((e) => e.standardId)).toEqual([
      uuid.standardId,
    ]);
    expect(found.get(uuid.standardId)?.map((e) => e.internalId)).toEqual([uuid.internalId]);
    expect(found.get(work.internalId)?.map((e) => e.internalId)).toEqual([work.internalId]);
  });

  it('returns an element whose key hash matched only under one of its own keys', async () => {
    const stixId = `malware--${randomUUID()}`;
    const aliasId = `malware--${randomUUID()}`;
    const element = buildElement({
      stixIds: [stixId],
      aliasIds: [aliasId],
      lookupKeys: ['name:Emotet'],
    });
    await create(element);
    // A key whose hash collides with the element's: its row is found, its keys refuse it.
    database.db
      .prepare(
        'INSERT INTO element_keys (h, seq) SELECT ?, seq FROM elements WHERE internal_id = ?',
      )
      .run(keyHash('malware--colliding'), element.internalId);

    const asked = [
      element.standardId.toUpperCase(),
      stixId,
      aliasId,
      'NAME:EMOTET',
      'malware--colliding',
    ];
    const found = await store.resolve(system, asked);
    expect([...found.keys()].sort()).toEqual(asked.slice(0, 4).sort());
    for (const key of asked.slice(0, 4)) {
      expect(found.get(key)?.map((e) => e.internalId)).toEqual([element.internalId]);
    }
  });

  it('keeps an internal id in the form of a STIX id in the key table', async () => {
    const odd = buildElement({ internalId: 'x-custom--0001' });
    await create(odd);

    expect(keyRows(odd.internalId)).toBe(1);
    const found = await store.resolve(system, ['X-CUSTOM--0001']);
    expect(found.get('X-CUSTOM--0001')?.map((e) => e.internalId)).toEqual([odd.internalId]);
  });

  it('drops the internal id rows of a store keyed the former way when it opens', async () => {
    const elements = [buildElement(), buildElement(), buildElement({ internalId: 'a--b' })];
    await create(...elements);
    const before = allKeyRows();
    // The former layout: one more row per element, its internal id's hash.
    const addRow = database.db.prepare(
      'INSERT INTO element_keys (h, seq) SELECT ?, seq FROM elements WHERE internal_id = ?',
    );
    elements
      .slice(0, 2)
      .forEach((e) => addRow.run(keyHash(e.internalId.toLowerCase()), e.internalId));
    database.db
      .prepare("DELETE FROM schema_migrations WHERE component = 'entity-store' AND version = 2")
      .run();
    expect(allKeyRows()).toBe(before + 2);

    const reopened = new SqliteEntityStore(database, { maxEvents: 100 });

    expect(allKeyRows()).toBe(before);
    expect(keyRows('a--b')).toBe(1);
    const found = await reopened.resolve(
      system,
      elements.map((e) => e.internalId),
    );
    expect(elements.map((e) => found.get(e.internalId)?.[0]?.internalId)).toEqual(
      elements.map((e) => e.internalId),
    );
  });

  it('replaces the keys of the state an update gives as replaced, or else of the stored row', async () => {
    const [first, second] = [`malware--${randomUUID()}`, `malware--${randomUUID()}`];
    const read = buildElement({ stixIds: [first] });
    await create(read);
    await update(read.internalId, { stixIds: [second] }, read);
    expect([keyRows(first), keyRows(second)]).toEqual([0, 1]);
    expect((await store.resolve(system, [first])).size).toBe(0);

    // A state of another version is not what the row holds: its keys are not taken.
    const stale = { ...read, stixIds: [first] };
    await update(read.internalId, { stixIds: [first] }, stale);
    expect([keyRows(first), keyRows(second)]).toEqual([1, 0]);
    expect((await store.resolve(system, [second])).size).toBe(0);
  });

  it('keeps the full text of an update whose text is unchanged, and replaces a changed one', async () => {
    const element = buildElement({ attributes: { name: 'alphaword', confidence: 50 } });
    await create(element);
    const matches = (word: string) =>
      database.db
        .prepare('SELECT rowid FROM elements_fts WHERE elements_fts MATCH ?')
        .pluck()
        .all(word).length;
    await update(element.internalId, { attributes: { name: 'alphaword', confidence: 80 } });
    expect([matches('alphaword'), matches('bravoword')]).toEqual([1, 0]);
    await update(element.internalId, { attributes: { name: 'bravoword', confidence: 80 } });
    expect([matches('alphaword'), matches('bravoword')]).toEqual([0, 1]);
    await update(element.internalId, { attributes: { confidence: 90 } });
    expect([matches('alphaword'), matches('bravoword')]).toEqual([0, 0]);
    await update(element.internalId, { attributes: { name: 'alphaword', confidence: 90 } });
    expect([matches('alphaword'), matches('bravoword')]).toEqual([1, 0]);
  });

  it('keeps the refs an update keeps, drops those it drops and adds the new ones', async () => {
    const element = buildElement({
      refs: { 'created-by': ['author'], 'object-marking': ['m1', 'm2'] },
    });
    await create(element);
    const refRows = () =>
      database.db
        .prepare(
          `SELECT r.rel || ' ' || r.to_id FROM element_refs r JOIN elements e
             ON e.seq = r.from_seq WHERE e.internal_id = ? ORDER BY 1`,
        )
        .pluck()
        .all(element.internalId);
    await update(element.internalId, {
      refs: { 'created-by': ['author'], 'object-marking': ['m2', 'm3'] },
    });
    expect(refRows()).toEqual(['created-by author', 'object-marking m2', 'object-marking m3']);
    await update(element.internalId, {
      refs: { 'object-marking': ['m3'], 'object-label': ['author'] },
    });
    expect(refRows()).toEqual(['object-label author', 'object-marking m3']);
    await update(element.internalId, { refs: {} });
    expect(refRows()).toEqual([]);
  });

  it('refuses a batch creating two elements of one identity, the second checked after the first', async () => {
    // The identity checks see what the batch wrote before them, not only what was stored.
    const first = buildElement({ stixIds: [`malware--${randomUUID()}`] });
    const pairs = [
      buildElement({ standardId: first.standardId }),
      buildElement({ stixIds: [first.standardId] }),
      buildElement({ standardId: first.stixIds[0] }),
    ];
    for (const second of pairs) {
      const both = store.commit({
        upserts: [first, second].map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      await expect(both).rejects.toBeInstanceOf(VersionConflictError);
      await expect(both).rejects.toMatchObject({ elements: [second.internalId] });
      expect(allKeyRows()).toBe(0);
    }
    await create(first);
    await expect(create(pairs[0] as StoredElement)).rejects.toBeInstanceOf(VersionConflictError);
    await create(buildElement());
    expect(allKeyRows()).toBe(tableKeys(first).length + 1);
  });
});
