import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '../blob-store.port';
import type { BlobMeta } from '../blob-store.types';

/** What a BlobStore adapter's test runner provides (an empty store each time). */
export type BlobStoreHarness = {
  sut: BlobStore;
  cleanup(): Promise<void>;
};

const meta = (
  contentType = 'application/json',
  metadata: Record<string, string> = {},
): BlobMeta => ({
  contentType,
  metadata,
});

async function readAll(body: Readable): Promise<{ bytes: Buffer; chunks: number }> {
  const parts: Buffer[] = [];
  for await (const chunk of body) {
    parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  }
  return { bytes: Buffer.concat(parts), chunks: parts.length };
}

/** A lazily generated stream of `mb` MiB of pseudo-random bytes and the hash it will have. */
function generated(mb: number): { stream: Readable; digest: () => string } {
  const hash = createHash('sha256');
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced === mb) {
        this.push(null);
        return;
      }
      const chunk = Buffer.alloc(1024 * 1024, produced * 31 + 7);
      chunk.writeUInt32BE(produced, 0);
      produced += 1;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

function failingAfter(bytes: number): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.alloc(bytes, 1));
        return;
      }
      this.destroy(new Error('source broke'));
    },
  });
}

const INVALID_KEYS = [
  '',
  '/leading',
  'a//b',
  'trailing/',
  'a/../b',
  '..',
  '.',
  'a/./b',
  'back\\slash',
  'nul\0',
];

/** The behaviour every BlobStore adapter must show; run it from each adapter's contract-spec. */
export function describeBlobStoreContract(
  name: string,
  make: () => Promise<BlobStoreHarness>,
): void {
  describe(`BlobStore contract: ${name}`, () => {
    let harness: BlobStoreHarness;
    let sut: BlobStore;

    beforeEach(async () => {
      harness = await make();
      sut = harness.sut;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('round-trips bytes and metadata, from a buffer or a stream', async () => {
      const bytes = Buffer.from('{"type":"bundle","objects":[]}');
      const stored = await sut.put(
        'import/global/bundle.json',
        bytes,
        meta('application/json', {
          version: '1',
          filename: 'bundle file é.json',
        }),
      );
      expect(stored).toEqual({
        key: 'import/global/bundle.json',
        size: bytes.length,
        contentType: 'application/json',
        metadata: { version: '1', filename: 'bundle file é.json' },
        lastModified: expect.any(String) as unknown,
      });
      expect(new Date(stored.lastModified).toISOString()).toBe(stored.lastModified);
      const { info, body } = await sut.get('import/global/bundle.json');
      expect(info).toEqual(stored);
      expect((await readAll(body)).bytes.equals(bytes)).toBe(true);
      expect(await sut.stat('import/global/bundle.json')).toEqual(stored);

      await sut.put('streamed.txt', Readable.from(['hello ', 'world']), meta('text/plain'));
      expect((await readAll((await sut.get('streamed.txt')).body)).bytes.toString()).toBe(
        'hello world',
      );
      await sut.put('empty', Buffer.alloc(0), meta('application/octet-stream'));
      expect(await sut.stat('empty')).toMatchObject({ size: 0 });
    });

    it('reports an absent blob: stat undefined, get BLOB_NOT_FOUND', async () => {
      expect(await sut.stat('nope')).toBeUndefined();
      await expect(sut.get('nope/deeper')).rejects.toMatchObject({
        code: 'BLOB_NOT_FOUND',
        category: 'not_found',
      });
    });

    it('overwrites a blob whole, metadata included', async () => {
      await sut.put('k', Buffer.from('first version'), meta('text/plain', { a: '1' }));
      await sut.put('k', Buffer.from('v2'), meta('text/csv', { b: '2' }));
      const { info, body } = await sut.get('k');
      expect(info).toMatchObject({ size: 2, contentType: 'text/csv', metadata: { b: '2' } });
      expect((await readAll(body)).bytes.toString()).toBe('v2');
      expect((await sut.list('')).map((blob) => blob.key)).toEqual(['k']);
    });

    it('deletes idempotently', async () => {
      await sut.put('dir/k', Buffer.from('x'), meta());
      await sut.delete('dir/k');
      expect(await sut.stat('dir/k')).toBeUndefined();
      await expect(sut.get('dir/k')).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
      await sut.delete('dir/k');
      await sut.delete('never/existed');
      expect(await sut.list('')).toEqual([]);
    });

    it('lists by prefix in key (byte) order, with after and limit', async () => {
      const keys = ['z', 'é', 'a/c/d', 'a0', 'b/x', 'a', 'a-b', 'a/b', 'a b/c'];
      for (const key of keys) {
        await sut.put(key, Buffer.from(key), meta('text/plain'));
      }
      const all = ['a', 'a b/c', 'a-b', 'a/b', 'a/c/d', 'a0', 'b/x', 'z', 'é'];
      const keysOf = async (prefix: string, options?: { after?: string; limit?: number }) =>
        (await sut.list(prefix, options)).map((blob) => blob.key);
      expect(await keysOf('')).toEqual(all);
      expect(await keysOf('a/')).toEqual(['a/b', 'a/c/d']);
      expect(await keysOf('a')).toEqual(['a', 'a b/c', 'a-b', 'a/b', 'a/c/d', 'a0']);
      expect(await keysOf('a/c')).toEqual(['a/c/d']);
      expect(await keysOf('nothing/')).toEqual([]);
      expect(await keysOf('', { limit: 3 })).toEqual(all.slice(0, 3));
      expect(await keysOf('', { after: 'a-b', limit: 3 })).toEqual(['a/b', 'a/c/d', 'a0']);
      expect(await keysOf('a', { after: 'a/b' })).toEqual(['a/c/d', 'a0']);
      expect(await keysOf('', { after: 'a/' })).toEqual(['a/b', 'a/c/d', 'a0', 'b/x', 'z', 'é']);
      expect(await keysOf('', { after: 'zz' })).toEqual(['é']);
      const [first] = await sut.list('b/');
      expect(first).toEqual(await sut.stat('b/x'));
    });

    it('pages through a listing without gaps or repeats', async () => {
      const keys = Array.from(
        { length: 23 },
        (_, i) => `p/${String(i % 5)}/${String(i).padStart(2, '0')}`,
      );
      for (const key of keys) {
        await sut.put(key, Buffer.from('x'), meta());
      }
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await sut.list('p/', { after, limit: 4 });
        if (page.length === 0) {
          break;
        }
        seen.push(...page.map((blob) => blob.key));
        after = page.at(-1)?.key;
      }
      expect(seen).toEqual([...keys].sort());
    });

    it('keeps keys with spaces, unicode and URL-special characters exactly', async () => {
      const keys = ['reports/2024 Q1/rapport été.pdf', 'odd/a+b=c&d?e#f', 'odd/%20', "odd/~!*()'"];
      for (const key of keys) {
        await sut.put(key, Buffer.from(key), meta('application/pdf'));
        expect((await readAll((await sut.get(key)).body)).bytes.toString()).toBe(key);
      }
      expect((await sut.list('')).map((blob) => blob.key)).toEqual(
        [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
      );
    });

    it('rejects invalid keys and prefixes with BLOB_INVALID_KEY', async () => {
      const invalid = { code: 'BLOB_INVALID_KEY', category: 'validation' };
      for (const key of INVALID_KEYS) {
        await expect(sut.put(key, Buffer.from('x'), meta())).rejects.toMatchObject(invalid);
        await expect(sut.get(key)).rejects.toMatchObject(invalid);
        await expect(sut.stat(key)).rejects.toMatchObject(invalid);
        await expect(sut.delete(key)).rejects.toMatchObject(invalid);
      }
      for (const prefix of ['/x', 'a//', 'a/../', 'back\\']) {
        await expect(sut.list(prefix)).rejects.toMatchObject(invalid);
      }
      expect(await sut.list('')).toEqual([]);
    });

    it('rejects metadata that not every store can keep', async () => {
      const invalid = { code: 'BLOB_INVALID_META', category: 'validation' };
      await expect(
        sut.put('k', Buffer.from('x'), meta('text/plain', { 'Bad Key': 'v' })),
      ).rejects.toMatchObject(invalid);
      await expect(sut.put('k', Buffer.from('x'), meta(''))).rejects.toMatchObject(invalid);
      await expect(
        sut.put('k', Buffer.from('x'), meta('text/plain', { big: 'x'.repeat(3000) })),
      ).rejects.toMatchObject(invalid);
      expect(await sut.stat('k')).toBeUndefined();
    });

    it('streams a 20 MB blob in and out without holding it whole', async () => {
      const source = generated(20);
      const stored = await sut.put(
        'exports/big.bin',
        source.stream,
        meta('application/octet-stream'),
      );
      expect(stored.size).toBe(20 * 1024 * 1024);
      const { body } = await sut.get('exports/big.bin');
      const hash = createHash('sha256');
      let chunks = 0;
      let largest = 0;
      for await (const chunk of body) {
        const buffer = chunk as Buffer;
        hash.update(buffer);
        chunks += 1;
        largest = Math.max(largest, buffer.length);
      }
      expect(hash.digest('hex')).toBe(source.digest());
      expect(chunks).toBeGreaterThan(1);
      expect(largest).toBeLessThan(20 * 1024 * 1024);
    });

    it('leaves the previous blob intact when a put fails midway', async () => {
      await sut.put('k', Buffer.from('good'), meta('text/plain'));
      await expect(sut.put('k', failingAfter(64 * 1024), meta('text/plain'))).rejects.toThrow(
        'source broke',
      );
      await expect(sut.put('new', failingAfter(10), meta('text/plain'))).rejects.toThrow(
        'source broke',
      );
      const { info, body } = await sut.get('k');
      expect(info.size).toBe(4);
      expect((await readAll(body)).bytes.toString()).toBe('good');
      expect((await sut.list('')).map((blob) => blob.key)).toEqual(['k']);
    });

    it('ends concurrent overwrites with one whole version', async () => {
      const versions = Array.from({ length: 6 }, (_, i) => Buffer.alloc(1000 + i, i));
      await Promise.all(versions.map((bytes) => sut.put('race', bytes, meta())));
      const { info, body } = await sut.get('race');
      const { bytes } = await readAll(body);
      expect(versions.some((version) => version.equals(bytes))).toBe(true);
      expect(info.size).toBe(bytes.length);
    });
  });
}
