import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readBundleFileParts } from './bundle-files.util';

// `threatloom import` reads .json and .json.gz files streamed; gzip is told by its magic bytes.

describe(readBundleFileParts.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-bundle-files-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const readAll = async (file: string, size = 1000) => {
    const parts: unknown[][] = [];
    for await (const part of readBundleFileParts(file, size)) {
      parts.push(part.objects);
    }
    return parts;
  };

  // Several MiB of text once unpacked: the objects span many gunzip chunks.
  const bundle = () => ({
    type: 'bundle',
    id: 'bundle--6f3c5a52-2a0e-4d53-9d7d-0f3e8c1d2b4a',
    objects: Array.from({ length: 3000 }, (_, i) => ({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      name: `indicator ${i} ${'é'.repeat(400)}`,
      pattern: `[ipv4-addr:value = '10.0.${i % 256}.${i % 200}']`,
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00.000Z',
    })),
  });

  it('reads a gzipped bundle, whatever its name, with every object whole', async () => {
    const content = bundle();
    const file = join(dir, 'no-extension');
    writeFileSync(file, gzipSync(JSON.stringify(content)));

    const parts = await readAll(file);

    expect(parts.flat()).toEqual(content.objects);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(1000);
    expect(parts.length).toBeGreaterThanOrEqual(3);
  });

  it('reads a plain bundle alike', async () => {
    const content = bundle();
    const file = join(dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(content));

    expect((await readAll(file)).flat()).toEqual(content.objects);
  });

  it('names a file whose gzip stream is damaged', async () => {
    const packed = gzipSync(JSON.stringify(bundle()));
    packed.fill(0x41, 100, 200);
    const file = join(dir, 'damaged.json.gz');
    writeFileSync(file, packed);

    const read = readAll(file);
    await expect(read).rejects.toMatchObject({ code: 'IMPORT_BAD_FILE' });
    await expect(read).rejects.toThrow(`${file}: not a valid gzip file`);
  });

  it('gives the parts read before a damaged object, then names the file and the object', async () => {
    const content = bundle();
    const text = JSON.stringify(content);
    const file = join(dir, 'damaged.json');
    writeFileSync(file, text.replace('"indicator--00000000-0000-4000-8000-000000002500"', 'tru'));
    const given: unknown[] = [];

    const read = (async () => {
      for await (const part of readBundleFileParts(file, 1000)) {
        given.push(...part.objects);
      }
    })();

    await expect(read).rejects.toThrow(`${file}: not a valid STIX bundle: objects[2500]`);
    // As many as the reads before the damaged one held: the file's first objects, in order.
    expect(given.length).toBeGreaterThanOrEqual(1000);
    expect(given).toEqual(content.objects.slice(0, given.length));
  });
});
