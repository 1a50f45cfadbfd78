import { generateStandardId } from '@lib/stix';
import { KnowledgeCreateService } from '../services/knowledge-create.service';
import { KnowledgeEditService } from '../services/knowledge-edit.service';
import { KnowledgeHarness } from '../testing/knowledge-harness';
import { createMetaObjects, userContext } from './knowledge.fixtures';
import type { MetaObjects } from './knowledge.fixtures';

describe('KnowledgeEditService (real SQLite store)', () => {
  let h: KnowledgeHarness;
  let create: KnowledgeCreateService;
  let sut: KnowledgeEditService;
  let meta: MetaObjects;
  beforeEach(async () => {
    h = await KnowledgeHarness.start();
    create = h.get(KnowledgeCreateService);
    sut = h.get(KnowledgeEditService);
    meta = await createMetaObjects(h, h.system);
  });
  afterEach(() => h.close());

  it('patches attributes (replace, add, remove) with one update event carrying the patch', async () => {
    const malware = await create.create(h.system, 'Malware', {
      name: 'Emotet',
      aliases: ['Geodo'],
    });
    const events = h.events().length;
    const after = await sut.fieldPatch(h.system, malware.internalId, [
      { key: 'description', value: ['banking trojan'] },
      { key: 'aliases', value: ['Heodo'], operation: 'add' },
      { key: 'confidence', value: ['75'] },
    ]);
    expect(after.attributes).toMatchObject({
      description: 'banking trojan',
      aliases: ['Geodo', 'Heodo'],
      confidence: 75,
    });
    expect(after.version).toBe(malware.version + 1);
    expect(after.attributes.modified).not.toBe(malware.attributes.modified);
    const removed = await sut.fieldPatch(h.system, malware.standardId, [
      { key: 'aliases', value: ['Geodo'], operation: 'remove' },
    ]);
    expect(removed.attributes.aliases).toEqual(['Heodo']);
    const updates = h.events().slice(events);
    expect(updates.map((e) => e.type)).toEqual(['update', 'update']);
    expect(updates[0]?.context?.patch).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'add', path: '/description', value: 'banking trojan' }),
      ]),
    );
    expect((await h.one(malware.internalId)).attributes.aliases).toEqual(['Heodo']);
  });

  it('recomputes the standard id when a contributing field changes', async () => {
    const malware = await create.create(h.system, 'Malware', { name: 'Emotet' });
    const renamed = await sut.fieldPatch(h.system, malware.internalId, [
      { key: 'name', value: ['Geodo'] },
    ]);
    expect(renamed.standardId).toBe(generateStandardId('Malware', { name: 'Geodo' }));
    expect(await h.exists(malware.standardId)).toBe(false);
    const ip = await create.createObservable(h.system, {
      type: 'IPv4-Addr',
      IPv4Addr: { value: '10.0.0.1' },
    });
    const moved = await sut.fieldPatch(h.system, ip.internalId, [
      { key: 'value', value: ['10.0.0.2'] },
    ]);
    expect(moved.standardId).toBe(generateStandardId('IPv4-Addr', { value: '10.0.0.2' }));
    // Observables keep their previous standard id (data-model.md §3.8).
    expect(moved.stixIds).toContain(ip.standardId);
    expect((await h.one(ip.standardId)).internalId).toBe(ip.internalId);
  });

  it('refuses a rename onto an id another element holds, unknown keys and bad values', async () => {
    const a = await create.create(h.system, 'Malware', { name: 'A' });
    await create.create(h.system, 'Malware', { name: 'B' });
    await expect(
      sut.fieldPatch(h.system, a.internalId, [{ key: 'name', value: ['B'] }]),
    ).rejects.toMatchObject({
      category: 'conflict',
    });
    await expect(
      sut.fieldPatch(h.system, a.internalId, [{ key: 'colour', value: ['red'] }]),
    ).rejects.toMatchObject({ category: 'validation', details: { field: 'colour' } });
    await expect(
      sut.fieldPatch(h.system, a.internalId, [{ key: 'confidence', value: ['high'] }]),
    ).rejects.toMatchObject({ category: 'validation', details: { field: 'confidence' } });
  });

  it('adds and removes refs: labels, external references, kill chain phases, author, container objects', async () => {
    const malware = await create.create(h.system, 'Malware', { name: 'Emotet' });
    await sut.relationAdd(h.system, malware.internalId, {
      toId: meta.label.internalId,
      relationship_type: 'object-label',
    });
    await sut.relationAdd(h.system, malware.internalId, {
      toId: meta.reference.standardId,
      relationship_type: 'external-reference',
    });
    await sut.relationAdd(h.system, malware.internalId, {
      toId: meta.phase.internalId,
      relationship_type: 'kill-chain-phase',
    });
    let after = await sut.fieldPatch(h.system, malware.internalId, [
      { key: 'createdBy', value: [meta.author.internalId] },
    ]);
    expect(after.refs).toMatchObject({
      'object-label': [meta.label.internalId],
      'external-reference': [meta.reference.internalId],
      'kill-chain-phase': [meta.phase.internalId],
      'created-by': [meta.author.internalId],
    });
    after = await sut.fieldPatch(h.system, malware.internalId, [{ key: 'createdBy', value: [] }]);
    expect(after.refs['created-by']).toBeUndefined();
    after = await sut.relationDelete(
      h.system,
      malware.internalId,
      meta.label.internalId,
      'object-label',
    );
    expect(after.refs['object-label']).toBeUndefined();
    const other = await create.create(h.system, 'Malware', { name: 'Qakbot' });
    const report = await create.create(h.system, 'Report', {
      name: 'R',
      published: '2024-01-01T00:00:00.000Z',
      objects: [other.internalId],
    });
    const filled = await sut.relationAdd(h.system, report.internalId, {
      toId: malware.internalId,
      relationship_type: 'object',
    });
    expect(filled.refs.object).toEqual([other.internalId, malware.internalId]);
    await sut.relationDelete(h.system, report.internalId, malware.standardId, 'object');
    const emptied = await sut.relationDelete(
      h.system,
      report.internalId,
      other.internalId,
      'object',
    );
    expect(emptied.refs.object).toBeUndefined();
    await expect(
      sut.relationAdd(h.system, malware.internalId, {
        toId: meta.label.internalId,
        relationship_type: 'object',
      }),
    ).rejects.toMatchObject({ details: { field: 'relationship_type' } });
  });

  it('lets a higher marking replace a lower one of the same type, and ignores a lower one', async () => {
    const malware = await create.create(h.system, 'Malware', {
      name: 'Emotet',
      objectMarking: [meta.green.internalId],
    });
    const amber = await sut.relationAdd(h.system, malware.internalId, {
      toId: meta.amber.internalId,
      relationship_type: 'object-marking',
    });
    expect(amber.refs['object-marking']).toEqual([meta.amber.internalId]);
    const still = await sut.relationAdd(h.system, malware.internalId, {
      toId: meta.green.internalId,
      relationship_type: 'object-marking',
    });
    expect(still.refs['object-marking']).toEqual([meta.amber.internalId]);
    expect(still.version).toBe(amber.version);
  });

  it('refuses edits of elements the caller cannot see', async () => {
    const secret = await create.create(h.system, 'Malware', {
      name: 'Secret',
      objectMarking: [meta.amber.internalId],
    });
    const user = userContext([meta.green]);
    await expect(
      sut.fieldPatch(user, secret.internalId, [{ key: 'description', value: ['x'] }]),
    ).rejects.toMatchObject({ category: 'forbidden' });
    await expect(
      sut.fieldPatch(user, 'malware--00000000-0000-4000-8000-000000000000', []),
    ).rejects.toMatchObject({
      category: 'not_found',
    });
  });

  it('retries on version conflicts so that concurrent edits all land', async () => {
    const malware = await create.create(h.system, 'Malware', { name: 'Emotet' });
    await Promise.all(
      ['A', 'B', 'C', 'D'].map((alias) =>
        sut.fieldPatch(h.system, malware.internalId, [
          { key: 'aliases', value: [alias], operation: 'add' },
        ]),
      ),
    );
    const after = await h.one(malware.internalId);
    expect([...(after.attributes.aliases as string[])].sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(after.version).toBe(malware.version + 4);
  });

  it('recomputes a relationship id when its start time changes', async () => {
    const malware = await create.create(h.system, 'Malware', { name: 'Emotet' });
    const sector = await create.create(h.system, 'Identity', { type: 'Sector', name: 'Finance' });
    const rel = await create.createRelationship(h.system, {
      relationship_type: 'targets',
      fromId: malware.internalId,
      toId: sector.internalId,
    });
    const moved = await sut.fieldPatch(h.system, rel.internalId, [
      { key: 'start_time', value: ['2020-01-01T00:00:00.000Z'] },
    ]);
    expect(moved.standardId).toBe(
      generateStandardId('targets', {
        relationship_type: 'targets',
        source_ref: malware.standardId,
        target_ref: sector.standardId,
        start_time: '2020-01-01T00:00:00.000Z',
      }),
    );
  });

  it('adds several refs of one type at once (relationsAdd)', async () => {
    const a = await create.create(h.system, 'Malware', { name: 'A' });
    const b = await create.create(h.system, 'Tool', { name: 'B' });
    const report = await create.create(h.system, 'Report', {
      name: 'R',
      published: '2024-01-01T00:00:00.000Z',
    });
    const after = await sut.relationsAdd(h.system, report.internalId, {
      toIds: [a.internalId, b.standardId],
      relationship_type: 'object',
    });
    expect(after.refs.object).toEqual([a.internalId, b.internalId]);
  });

  it("refuses edits of elements above the caller's max confidence (data-model.md §4.6)", async () => {
    const sure = await create.create(h.system, 'Malware', { name: 'Sure', confidence: 90 });
    const doubtful = { ...userContext([meta.green]), maxConfidence: 50 };
    await expect(
      sut.fieldPatch(doubtful, sure.internalId, [{ key: 'description', value: ['x'] }]),
    ).rejects.toMatchObject({ category: 'forbidden' });
    expect((await h.one(sure.internalId)).version).toBe(sure.version);
  });

  it('shares with organizations only for callers who may restrict (KNORGARESTRICT)', async () => {
    const malware = await create.create(h.system, 'Malware', { name: 'Shared' });
    const partner = meta.author.internalId;
    const analyst = userContext([meta.green]);
    await expect(
      sut.organizationSharing(analyst, malware.internalId, [partner], true, false),
    ).rejects.toMatchObject({ category: 'forbidden' });
    expect((await h.one(malware.internalId)).version).toBe(malware.version);
    const restricter = userContext(
      [meta.green],
      ['KNOWLEDGE_KNUPDATE_KNDELETE', 'KNOWLEDGE_KNUPDATE_KNORGARESTRICT'],
    );
    const shared = await sut.organizationSharing(
      restricter,
      malware.internalId,
      [partner],
      true,
      false,
    );
    expect(shared.refs.granted).toEqual([partner]);
    const unshared = await sut.organizationSharing(
      restricter,
      malware.internalId,
      [partner],
      false,
      false,
    );
    expect(unshared.refs.granted ?? []).toEqual([]);
  });
});
