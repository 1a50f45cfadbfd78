import { KnowledgeCreateService } from '../services/knowledge-create.service';
import { KnowledgeDeleteService } from '../services/knowledge-delete.service';
import { KnowledgeHarness } from '../testing/knowledge-harness';
import { createMetaObjects, userContext } from './knowledge.fixtures';
import type { MetaObjects } from './knowledge.fixtures';

describe('KnowledgeDeleteService (real SQLite store)', () => {
  let h: KnowledgeHarness;
  let create: KnowledgeCreateService;
  let sut: KnowledgeDeleteService;
  let meta: MetaObjects;
  beforeEach(async () => {
    h = await KnowledgeHarness.start();
    create = h.get(KnowledgeCreateService);
    sut = h.get(KnowledgeDeleteService);
    meta = await createMetaObjects(h, h.system);
  });
  afterEach(() => h.close());

  it('deletes an element, its relationships (and theirs), and the refs others hold to them', async () => {
    const malware = await create.create(h.system, 'Malware', { name: 'Emotet' });
    const sector = await create.create(h.system, 'Identity', { type: 'Sector', name: 'Finance' });
    const targets = await create.createRelationship(h.system, {
      relationship_type: 'targets',
      fromId: malware.internalId,
      toId: sector.internalId,
    });
    const sighting = await create.createSighting(h.system, {
      fromId: targets.internalId,
      toId: sector.internalId,
    });
    const report = await create.create(h.system, 'Report', {
      name: 'Weekly',
      published: '2024-03-01T00:00:00.000Z',
      objects: [malware.internalId, sector.internalId, targets.internalId],
    });
    const events = h.events().length;

    expect(await sut.delete(h.system, malware.standardId)).toBe(malware.internalId);

    for (const gone of [malware, targets, sighting]) {
      expect(await h.exists(gone.internalId)).toBe(false);
    }
    expect(await h.exists(sector.internalId)).toBe(true);
    const after = await h.one(report.internalId);
    expect(after.refs.object).toEqual([sector.internalId]);
    const emitted = h.events().slice(events);
    expect(
      emitted
        .filter((e) => e.type === 'delete')
        .map((e) => e.elementId)
        .sort(),
    ).toEqual([malware.internalId, targets.internalId, sighting.internalId].sort());
    expect(emitted.filter((e) => e.type === 'update').map((e) => e.elementId)).toEqual([
      report.internalId,
    ]);
  });

  it('deleting a label removes it from the elements carrying it', async () => {
    const malware = await create.create(h.system, 'Malware', {
      name: 'Emotet',
      objectLabel: [meta.label.internalId],
    });
    await sut.delete(h.system, meta.label.internalId);
    expect((await h.one(malware.internalId)).refs['object-label']).toBeUndefined();
  });

  it('refuses invisible elements and callers without the delete capability', async () => {
    const secret = await create.create(h.system, 'Malware', {
      name: 'Secret',
      objectMarking: [meta.amber.internalId],
    });
    const user = userContext([meta.green]);
    await expect(sut.delete(user, secret.internalId)).rejects.toMatchObject({
      category: 'forbidden',
    });
    const open = await create.create(h.system, 'Malware', { name: 'Open' });
    const updater = { ...user, capabilities: new Set(['KNOWLEDGE_KNUPDATE'] as const) };
    await expect(sut.delete(updater, open.internalId)).rejects.toMatchObject({
      category: 'forbidden',
      code: 'KNOWLEDGE_MISSING_CAPABILITY',
    });
    expect(await h.exists(secret.internalId)).toBe(true);
  });
});
