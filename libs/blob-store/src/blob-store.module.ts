import { Global, Module } from '@nestjs/common';
import type { DynamicModule, FactoryProvider } from '@nestjs/common';
import type { BlobStoreConfig } from '@lib/config';
import { assertNever } from '@lib/kernel';
import { LocalBlobStore } from './adapters/local-blob-store.adapter';
import { BlobStore } from './blob-store.port';

/** Provides the BlobStore port with the adapter the config names. */
@Global()
@Module({})
export class BlobStoreModule {
  static forRoot(config: BlobStoreConfig): DynamicModule {
    return {
      module: BlobStoreModule,
      providers: [blobStoreProvider(config)],
      exports: [BlobStore],
    };
  }
}

function blobStoreProvider(config: BlobStoreConfig): FactoryProvider<BlobStore> {
  switch (config.driver) {
    case 'local':
      return { provide: BlobStore, useFactory: () => new LocalBlobStore(config.local) };
    case 's3':
      // Nest runs the adapter's onModuleInit (bucket creation) and onModuleDestroy hooks. The
      // adapter (and the AWS SDK it requires) is loaded only when this driver is configured.
      return {
        provide: BlobStore,
        useFactory: async () => {
          const { S3BlobStore } = await import('./adapters/s3-blob-store.adapter.js');
          return new S3BlobStore(config.s3);
        },
      };
    default:
      return assertNever(config, 'blob store driver');
  }
}
