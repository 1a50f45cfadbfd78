import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readBundleStream } from './read-bundle-stream.util';

const chunked = (text: string, size: number): AsyncIterable<Buffer> => {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    chunks.push(bytes.subarray(i, i + size));
  }
  return Readable.from(chunks);
};

const tricky = {
  objects: [
    {
      type: 'malware',
      id: 'malware--0a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e01',
      name: 'He said "}], {[" \\ ok',
      aliases: ['été', '日本', '😀'],
      nested: { a: [1, { b: '[' }] },
    },
    {
      type: 'indicator',
      id: 'indicator--0a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e02',
      pattern: "[file:name = 'a,b']",
    },
  ],
  type: 'bundle',
  spec_version: '2.0',
  id: 'bundle--0a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e03',
};

describe(readBundleStream.name, () => {
  it.each([1, 2, 3, 7, 64, 100_000])(
    'reads the same objects as JSON.parse with %i-byte chunks',
    async (size) => {
      const content = await readBundleStream(chunked(JSON.stringify(tricky, null, 2), size));
      expect(content).toEqual({ bundleId: tricky.id, specVersion: '2.0', objects: tricky.objects });
    },
  );

  it('reads a real bundle like JSON.parse does', async () => {
    const path = join(
      __dirname,
      '..',
      '..',
      '..',
      '..',
      '..',
      'shared',
      'data',
      'mitre-attack',
      'ics-attack-18.1.json',
    );
    const text = readFileSync(path, 'utf8');
    const content = await readBundleStream(chunked(text, 65_536));
    expect(content.objects).toEqual((JSON.parse(text) as { objects: unknown[] }).objects);
  });

  it('reads a single bare object as a one-object list', async () => {
    const object = {
      type: 'malware',
      id: 'malware--0a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e01',
      name: 'x',
      objects: [1, 2],
    };
    await expect(readBundleStream(chunked(JSON.stringify(object), 5))).resolves.toMatchObject({
      objects: [object],
    });
  });

  it('names the bad element or the truncation', async () => {
    await expect(
      readBundleStream(chunked('{"type":"bundle","objects":[{"a":1},{"b":tru}]}', 4)),
    ).rejects.toThrow(/objects\[1\] is not valid JSON/);
    await expect(
      readBundleStream(chunked('{"type":"bundle","objects":[{"a":1},', 4)),
    ).rejects.toThrow(/truncated/);
    await expect(readBundleStream(chunked('[1,2]', 4))).rejects.toThrow(/not a JSON object/);
  });
});
