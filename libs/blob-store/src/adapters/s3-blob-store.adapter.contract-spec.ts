import { randomUUID } from 'node:crypto';
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { requireTestService } from '@lib/testing';
import { describeBlobStoreContract } from '../testing/blob-store.contract';
import { S3BlobStore } from './s3-blob-store.adapter';

// A bucket per test, so that runs never see each other's blobs; parts of 5 MiB (S3's minimum)
// so that the 20 MB case goes through a multipart upload.
describeBlobStoreContract('s3', async () => {
  const endpoint = await requireTestService('s3');
  const config = {
    endpoint,
    bucket: `tl-test-${randomUUID()}`,
    region: 'us-east-1',
    accessKey: 'test',
    secretKey: 'test',
    forcePathStyle: true,
    partSizeMb: 5,
  };
  const sut = new S3BlobStore(config);
  await sut.onModuleInit();
  return {
    sut,
    cleanup: async () => {
      sut.onModuleDestroy();
      await removeBucket(config);
    },
  };
});

async function removeBucket(config: {
  endpoint: string;
  bucket: string;
  region: string;
}): Promise<void> {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    for (;;) {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: config.bucket }));
      const keys = (listed.Contents ?? []).flatMap((item) => (item.Key ? [{ Key: item.Key }] : []));
      if (keys.length === 0) {
        break;
      }
      await client.send(
        new DeleteObjectsCommand({ Bucket: config.bucket, Delete: { Objects: keys } }),
      );
    }
    await client.send(new DeleteBucketCommand({ Bucket: config.bucket }));
  } finally {
    client.destroy();
  }
}
