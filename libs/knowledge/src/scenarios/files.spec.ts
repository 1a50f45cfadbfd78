import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { KnowledgeCreateService } from '../services/knowledge-create.service';
import { KnowledgeDeleteService } from '../services/knowledge-delete.service';
import { KnowledgeFilesService } from '../services/knowledge-files.service';
import { KnowledgeHarness } from '../testing/knowledge-harness';
import { createMetaObjects, userContext } from './knowledge.fixtures';
import type { MetaObjects } from './knowledge.fixtures';

describe('KnowledgeFilesService (real local blob store)', () => {
  let h: KnowledgeHarness;
  let create: KnowledgeCreateService;
  let sut: KnowledgeFilesService;
  let meta: MetaObjects;
  beforeEach(async () => {
    h = await KnowledgeHarness.start();
    create = h.get(KnowledgeCreateService);
    sut = h.get(KnowledgeFilesService);
    meta = await createMetaObjects(h, h.system);
  });
  afterEach(() => h.close());

  it('uploads, lists and downloads a file of an element', async () => {
    const report = await create.create(h.system, 'Report', {
      name: 'Weekly',
      published: '2024-03-01T00:00:00.000Z',
      objects: [meta.author.internalId],
    });
    const uploaded = await sut.upload(
      h.system,
      report.standardId,
      'notes.txt',
      'text/plain',
      Readable.from(['hello ', 'world']),
    );
    expect(uploaded).toMatchObject({
      id: `import/Report/${report.internalId}/notes.txt`,
      name: 'notes.txt',
      size: 11,
      uploadStatus: 'complete',
      metaData: { mimetype: 'text/plain', entity_id: report.internalId },
    });
    expect((await sut.list(h.system, report.internalId)).map((f) => f.name)).toEqual(['notes.txt']);
    const file = await sut.download(h.system, uploaded.id);
    expect(await text(file.body)).toBe('hello world');
    await sut.remove(h.system, uploaded.id);
    expect(await sut.list(h.system, report.internalId)).toEqual([]);
  });

  it('checks access on the owning element and refuses path-like names', async () => {
    const secret = await create.create(h.system, 'Malware', {
      name: 'Secret',
      objectMarking: [meta.amber.internalId],
    });
    const uploaded = await sut.upload(
      h.system,
      secret.internalId,
      'a.bin',
      'application/octet-stream',
      Buffer.from('x'),
    );
    const user = userContext([meta.green]);
    await expect(sut.download(user, uploaded.id)).rejects.toMatchObject({ category: 'forbidden' });
    await expect(sut.list(user, secret.internalId)).rejects.toMatchObject({
      category: 'forbidden',
    });
    await expect(
      sut.upload(h.system, secret.internalId, '../evil', 'text/plain', Buffer.from('x')),
    ).rejects.toMatchObject({ details: { field: 'fileName' } });
    await expect(sut.download(h.system, 'export/x')).rejects.toMatchObject({
      details: { field: 'fileId' },
    });
  });

  it('removes the files of a deleted element', async () => {
    const malware = await create.create(h.system, 'Malware', { name: 'Emotet' });
    const uploaded = await sut.upload(
      h.system,
      malware.internalId,
      'a.txt',
      'text/plain',
      Buffer.from('x'),
    );
    await h.get(KnowledgeDeleteService).delete(h.system, malware.internalId);
    await expect(sut.download(h.system, uploaded.id)).rejects.toMatchObject({
      category: 'not_found',
    });
    expect(await h.blobKeys(`import/Malware/${malware.internalId}/`)).toEqual([]);
  });
});
