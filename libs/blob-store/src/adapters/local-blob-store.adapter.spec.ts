import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalBlobStore } from './local-blob-store.adapter';

const meta = { contentType: 'text/plain', metadata: {} };

async function text(body: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of body) {
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts).toString();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

describe(LocalBlobStore.name, () => {
  let dir: string;
  let sut: LocalBlobStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-local-blob-'));
    sut = new LocalBlobStore({ dir });
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one data file and one sidecar per blob, with no temp file left', async () => {
    await sut.put('a/b', Buffer.from('one'), meta);
    await sut.put('a/b', Buffer.from('two'), meta);
    await sut.put('a', Buffer.from('a file next to the a/ directory'), meta);
    await expect(sut.put('a/b', Readable.from([Buffer.from('x'), 42]), meta)).rejects.toMatchObject(
      { code: 'BLOB_INVALID_BODY' },
    );
    const files = filesUnder(dir);
    expect(files.filter((name) => name.startsWith('m_'))).toEqual(['m_a', 'm_b']);
    expect(files.filter((name) => name.startsWith('b_'))).toHaveLength(2);
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    await sut.delete('a/b');
    await sut.delete('a');
    expect(filesUnder(dir)).toEqual([]);
  });

  it('lets an open reader finish the version it opened while the blob is overwritten', async () => {
    await sut.put('k', Buffer.from('old content'), meta);
    const { body } = await sut.get('k');
    await sut.put('k', Buffer.from('new content'), meta);
    expect(await text(body)).toBe('old content');
    expect(await text((await sut.get('k')).body)).toBe('new content');
  });

  it('rejects a key segment too long for a file name', async () => {
    await expect(sut.put(`a/${'x'.repeat(201)}`, Buffer.from('x'), meta)).rejects.toMatchObject({
      code: 'BLOB_INVALID_KEY',
    });
  });
});
