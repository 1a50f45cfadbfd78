import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBlobStoreContract } from '../testing/blob-store.contract';
import { LocalBlobStore } from './local-blob-store.adapter';

describeBlobStoreContract('local', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-blob-store-'));
  return Promise.resolve({
    sut: new LocalBlobStore({ dir }),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
