import { KnowledgeCreateService } from '../services/knowledge-create.service';
import { KnowledgeFilesService } from '../services/knowledge-files.service';
import { KnowledgeMergeService } from '../services/knowledge-merge.service';
import { KnowledgeHarness } from '../testing/knowledge-harness';
import { createMetaObjects } from './knowledge.fixtures';
import type { MetaObjects } from './knowledge.fixtures';

describe('KnowledgeMergeService (real SQLite store)', () => {
  let h: KnowledgeHarness;
  let create: KnowledgeCreateService;
  let sut: KnowledgeMergeService;
  let meta: MetaObjects;
  beforeEach(async () => {
    h = await KnowledgeHarness.start();
    create = h.get(KnowledgeCreateService);
    sut = h.get(KnowledgeMergeService);
    meta = await createMetaObjects(h, h.system);
  });
  afterEach(() => h.close());

  it('absorbs sources: ids, names, values, markings; re-points relationships and refs; one event', async () => {
    const target = await create.create(h.system, 'Malware', {
      name: 'Emotet',
      aliases: ['Geodo'],
      objectMarking: [meta.green.internalId],
    });
    const source = await create.create(h.system, 'Malware', {
      name: 'Heodo',
      description: 'banking trojan',
      malware_types: ['trojan'],
      stix_id: 'malware--3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b',
      objectMarking: [meta.amber.internalId],
      objectLabel: [meta.label.internalId],
    });
    const sector = await create.create(h.system, 'Identity', { type: 'Sector', name: 'Finance' });
    const actor = await create.create(h.system, 'Intrusion-Set', { name: 'TA542' });
    const kept = await create.createRelationship(h.system, {
      relationship_type: 'targets',
      fromId: target.internalId,
      toId: sector.internalId,
    });
    const duplicate = await create.createRelationship(h.system, {
      relationship_type: 'targets',
      fromId: source.internalId,
      toId: sector.internalId,
    });
    const uses = await create.createRelationship(h.system, {
      relationship_type: 'uses',
      fromId: actor.internalId,
      toId: source.internalId,
    });
    const report = await create.create(h.system, 'Report', {
      name: 'Weekly',
      published: '2024-03-01T00:00:00.000Z',
      objects: [source.internalId, duplicate.internalId],
    });
    const events = h.events().length;

    const merged = await sut.merge(h.system, target.internalId, [source.standardId]);

    expect(merged.internalId).toBe(target.internalId);
    expect(await h.exists(source.internalId)).toBe(false);
    expect((await h.one(source.standardId)).internalId).toBe(target.internalId);
    expect((await h.one('malware--3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b')).internalId).toBe(
      target.internalId,
    );
    expect(merged.attributes).toMatchObject({
      name: 'Emotet',
      aliases: ['Geodo', 'Heodo'],
      description: 'banking trojan',
      malware_types: ['trojan'],
    });
    expect(merged.refs['object-marking']).toEqual([meta.amber.internalId]);
    expect(merged.refs['object-label']).toEqual([meta.label.internalId]);
    expect(await h.exists(duplicate.internalId)).toBe(false);
    expect((await h.one(kept.internalId)).stixIds).toContain(duplicate.standardId);
    const moved = await h.one(uses.internalId);
    expect(moved.toId).toBe(target.internalId);
    expect(moved.standardId).not.toBe(uses.standardId);
    expect((await h.one(report.internalId)).refs.object).toEqual([
      target.internalId,
      kept.internalId,
    ]);
    const emitted = h.events().slice(events);
    expect(emitted.map((e) => e.type)).toEqual(['merge']);
    expect(emitted[0]?.context?.sources).toHaveLength(1);
  });

  it('refuses sources of another type and merging an element into itself', async () => {
    const malware = await create.create(h.system, 'Malware', { name: 'Emotet' });
    const tool = await create.create(h.system, 'Tool', { name: 'Mimikatz' });
    await expect(sut.merge(h.system, malware.internalId, [tool.internalId])).rejects.toMatchObject({
      category: 'validation',
    });
    await expect(
      sut.merge(h.system, malware.internalId, [malware.standardId]),
    ).rejects.toMatchObject({ category: 'validation' });
  });

  it("moves the sources' files to the target", async () => {
    const files = h.get(KnowledgeFilesService);
    const target = await create.create(h.system, 'Malware', { name: 'Emotet' });
    const source = await create.create(h.system, 'Malware', { name: 'Heodo' });
    const file = (fileName: string, body: string) => ({
      fileName,
      mimeType: 'text/plain',
      body: Buffer.from(body),
    });
    await files.upload(h.system, target.internalId, file('a.txt', 'target'));
    await files.upload(h.system, source.internalId, file('a.txt', 'source'));
    await files.upload(h.system, source.internalId, file('b.txt', 'b'));
    await files.uploadExport(h.system, source.internalId, file('e.json', '{}'));
    await sut.merge(h.system, target.internalId, [source.internalId]);
    const names = (await files.list(h.system, target.internalId)).map((f) => f.name);
    expect([...names].sort()).toEqual(['a.txt', `${source.internalId}-a.txt`, 'b.txt'].sort());
    expect(await h.blobKeys(`import/Malware/${source.internalId}/`)).toEqual([]);
    expect((await files.listExports(h.system, target.internalId)).map((f) => f.name)).toEqual([
      'e.json',
    ]);
  });
});
