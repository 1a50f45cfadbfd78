import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readBundleFile } from './bundle-files.util';

// `threatloom import` reads .json and .json.gz files streamed; gzip is told by its magic bytes.

describe('readBundleFile', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-bundle-files-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

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

    const read = await readBundleFile(file);

    expect(read.objects).toEqual(content.objects);
  });

  it('reads a plain bundle alike', async () => {
    const content = bundle();
    const file = join(dir, 'bundle.json');
    writeFileSync(file, JSON.stringify(content));

    expect((await readBundleFile(file)).objects).toEqual(content.objects);
  });

  it('names a file whose gzip stream is damaged', async () => {
    const packed = gzipSync(JSON.stringify(bundle()));
    packed.fill(0x41, 100, 200);
    const file = join(dir, 'damaged.json.gz');
    writeFileSync(file, packed);

    const read = readBundleFile(file);
    await expect(read).rejects.toMatchObject({ code: 'IMPORT_BAD_FILE' });
    await expect(read).rejects.toThrow(`${file}: not a valid gzip file`);
  });
});
