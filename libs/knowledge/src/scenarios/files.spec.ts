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
    const { file: uploaded } = await sut.upload(h.system, report.standardId, {
      fileName: 'notes.txt',
      mimeType: 'text/plain',
      body: Readable.from(['hello ', 'world']),
    });
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
    const { file: uploaded } = await sut.upload(h.system, secret.internalId, {
      fileName: 'a.bin',
      mimeType: 'application/octet-stream',
      body: Buffer.from('x'),
    });
    const user = userContext([meta.green]);
    await expect(sut.download(user, uploaded.id)).rejects.toMatchObject({ category: 'forbidden' });
    await expect(sut.list(user, secret.internalId)).rejects.toMatchObject({
      category: 'forbidden',
    });
    await expect(
      sut.upload(h.system, secret.internalId, {
        fileName: '../evil',
        mimeType: 'text/plain',
        body: Buffer.from('x'),
      }),
    ).rejects.toMatchObject({ details: { field: 'fileName' } });
    await expect(sut.download(h.system, 'elsewhere/x')).rejects.toMatchObject({
      details: { field: 'fileId' },
    });
  });

  it('removes the files of a deleted element', async () => {
    const malware = await create.create(h.system, 'Malware', { name: 'Emotet' });
    const { file: uploaded } = await sut.upload(h.system, malware.internalId, text0('a.txt'));
    const { file: exported } = await sut.uploadExport(
      h.system,
      malware.internalId,
      text0('e.json'),
    );
    await h.get(KnowledgeDeleteService).delete(h.system, malware.internalId);
    await expect(sut.download(h.system, uploaded.id)).rejects.toMatchObject({
      category: 'not_found',
    });
    await expect(sut.download(h.system, exported.id)).rejects.toMatchObject({
      category: 'not_found',
    });
    expect(await h.blobKeys(`import/Malware/${malware.internalId}/`)).toEqual([]);
    expect(await h.blobKeys(`export/Malware/${malware.internalId}/`)).toEqual([]);
  });

  it('keeps global imports and exports apart, each behind its capability', async () => {
    const malware = await create.create(h.system, 'Malware', { name: 'Emotet' });
    const { file: global } = await sut.uploadGlobal(h.system, text0('feed.csv'));
    const { file: exported } = await sut.uploadExport(h.system, malware.internalId, text0('e.txt'));
    expect(global.id).toBe('import/global/feed.csv');
    expect(exported.id).toBe(`export/Malware/${malware.internalId}/e.txt`);
    expect((await sut.listGlobal(h.system)).map((f) => f.id)).toEqual([global.id]);
    expect((await sut.listExports(h.system, malware.internalId)).map((f) => f.id)).toEqual([
      exported.id,
    ]);
    // Exports are not among the element's uploaded files.
    expect(await sut.list(h.system, malware.internalId)).toEqual([]);
    const reader = userContext([meta.green], ['KNOWLEDGE']);
    expect(await sut.listExports(reader, malware.internalId)).toEqual([]);
    await expect(sut.download(reader, exported.id)).rejects.toMatchObject({
      category: 'forbidden',
    });
    expect(await text((await sut.download(reader, global.id)).body)).toBe('x');
    await expect(sut.uploadGlobal(reader, text0('other.txt'))).rejects.toMatchObject({
      category: 'forbidden',
    });
  });

  it('hides a file from who may not see its markings', async () => {
    const { file } = await sut.uploadGlobal(h.system, {
      ...text0('amber.txt'),
      markings: [meta.amber.standardId],
    });
    expect(file.metaData.file_markings).toEqual([meta.amber.internalId]);
    const greenOnly = userContext([meta.green], ['KNOWLEDGE']);
    expect(await sut.listGlobal(greenOnly)).toEqual([]);
    await expect(sut.download(greenOnly, file.id)).rejects.toMatchObject({
      category: 'not_found',
    });
    const amber = userContext([meta.green, meta.amber], ['KNOWLEDGE']);
    expect((await sut.listGlobal(amber)).map((f) => f.id)).toEqual([file.id]);
    await expect(
      sut.uploadGlobal(h.system, { ...text0('bad.txt'), markings: [meta.author.internalId] }),
    ).rejects.toMatchObject({ details: { field: 'fileMarkings' } });
  });
});

function text0(fileName: string) {
  return { fileName, mimeType: 'text/plain', body: Buffer.from('x') };
}
