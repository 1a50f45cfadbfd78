import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { BlobStoreModule } from './blob-store.module';
import { BlobStore } from './blob-store.port';

describe(BlobStoreModule.name, () => {
  it('provides the local adapter on the configured directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-blob-module-'));
    try {
      const app = await Test.createTestingModule({
        imports: [BlobStoreModule.forRoot({ driver: 'local', local: { dir } })],
      }).compile();
      const sut = app.get(BlobStore);
      await sut.put('a/b.txt', Buffer.from('x'), { contentType: 'text/plain', metadata: {} });
      expect((await sut.list('a/')).map((blob) => blob.key)).toEqual(['a/b.txt']);
      await app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
