import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { requireTestService } from '@lib/testing';
import { S3BlobStore } from './adapters/s3-blob-store.adapter';
import { BlobStoreModule } from './blob-store.module';
import { BlobStore } from './blob-store.port';

describe(`${BlobStoreModule.name} (s3 driver)`, () => {
  it('provides the S3 adapter and creates its bucket at init', async () => {
    const endpoint = await requireTestService('s3');
    const moduleRef = await Test.createTestingModule({
      imports: [
        BlobStoreModule.forRoot({
          driver: 's3',
          s3: {
            endpoint,
            bucket: `tl-test-${randomUUID()}`,
            region: 'us-east-1',
            accessKey: 'test',
            secretKey: 'test',
            forcePathStyle: true,
            partSizeMb: 5,
          },
        }),
      ],
    }).compile();
    const app = await moduleRef.init();
    const sut = app.get(BlobStore);
    expect(sut).toBeInstanceOf(S3BlobStore);
    await sut.put('k', Buffer.from('x'), { contentType: 'text/plain', metadata: {} });
    expect(await sut.stat('k')).toMatchObject({ size: 1 });
    await sut.delete('k');
    await app.close();
  });
});
