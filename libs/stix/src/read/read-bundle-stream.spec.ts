import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { StixBundleContent } from '../parse/stix-parse.types';
import { readBundleParts } from './read-bundle-stream.util';

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

/** The whole content, read in one part (no size reached before the end). */
async function readBundleStream(chunks: AsyncIterable<Buffer>): Promise<StixBundleContent> {
  const parts: StixBundleContent[] = [];
  for await (const part of readBundleParts(chunks, Number.POSITIVE_INFINITY)) {
    parts.push(part);
  }
  expect(parts).toHaveLength(1);
  return parts[0] as StixBundleContent;
}

describe('readBundleParts, a bundle read whole', () => {
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

describe(readBundleParts.name, () => {
  const indicator = (i: number, own = true) => ({
    type: 'indicator',
    ...(own ? { spec_version: '2.1' } : {}),
    id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  });
  const bundleId = 'bundle--0a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e03';

  /** Each part's objects' indexes (by their id's last digits), with what it says of the bundle. */
  async function partsOf(text: string, chunk: number, size: number) {
    const parts: { ids: number[]; bundleId?: string; specVersion?: string }[] = [];
    for await (const { objects, ...about } of readBundleParts(chunked(text, chunk), size)) {
      parts.push({
        ids: objects.map((o) => Number((o as { id: string }).id.slice(-12))),
        ...about,
      });
    }
    return parts;
  }

  it('gives parts of at most the size asked, in order, as they are read', async () => {
    const objects = Array.from({ length: 25 }, (_, i) => indicator(i));
    const text = JSON.stringify({ type: 'bundle', id: bundleId, spec_version: '2.0', objects });

    const parts = await partsOf(text, 64, 10);

    expect(parts.map((p) => p.ids)).toEqual(
      [0, 10, 20].map((from) => objects.slice(from, from + 10).map((_, i) => from + i)),
    );
    expect(parts.every((p) => p.bundleId === bundleId && p.specVersion === '2.0')).toBe(true);
  });

  it('gives a part before reading further', async () => {
    const objects = Array.from({ length: 25 }, (_, i) => indicator(i));
    const text = JSON.stringify({ type: 'bundle', id: bundleId, objects });
    let pulled = 0;
    async function* chunks() {
      for await (const chunk of chunked(text, 64)) {
        pulled += 1;
        yield chunk;
      }
    }
    const pulledAtPart: number[] = [];

    for await (const part of readBundleParts(chunks(), 10)) {
      pulledAtPart.push(pulled);
      expect(part.objects.length).toBeLessThanOrEqual(10);
    }

    expect(pulledAtPart[0]).toBeLessThan(pulled / 2);
  });

  it('holds everything to the end when `type` follows the objects', async () => {
    const objects = Array.from({ length: 25 }, (_, i) => indicator(i));
    const text = JSON.stringify({ objects, type: 'bundle', spec_version: '2.0', id: bundleId });

    const parts = await partsOf(text, 64, 10);

    expect(parts.map((p) => p.ids.length)).toEqual([10, 10, 5]);
    expect(parts.every((p) => p.specVersion === '2.0')).toBe(true);
  });

  it('holds objects without their own version to the end, read under the version given last', async () => {
    const objects = Array.from({ length: 30 }, (_, i) => indicator(i, i % 3 !== 0));
    const text = JSON.stringify({ type: 'bundle', id: bundleId, objects, spec_version: '2.0' });

    const parts = await partsOf(text, 64, 5);

    const early = parts.slice(0, -2).flatMap((p) => p.ids);
    expect(early.every((i) => i % 3 !== 0)).toBe(true);
    expect(early.length).toBeGreaterThan(0);
    expect(parts.at(-1)?.specVersion).toBe('2.0');
    expect(parts.flatMap((p) => p.ids).sort((a, b) => a - b)).toEqual(objects.map((_, i) => i));
    const last = parts.slice(-2).flatMap((p) => p.ids);
    expect(last).toEqual(expect.arrayContaining([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]));
  });

  it('ends with an empty part that names an empty bundle', async () => {
    const parts = await partsOf(JSON.stringify({ type: 'bundle', id: bundleId }), 4, 10);
    expect(parts).toEqual([{ ids: [], bundleId }]);
  });

  it('keeps the parts given before a bad element, then names it', async () => {
    const good = Array.from({ length: 12 }, (_, i) => JSON.stringify(indicator(i)));
    const text = `{"type":"bundle","objects":[${good.join(',')},{"b":tru}]}`;
    const given: unknown[] = [];
    const read = async () => {
      for await (const part of readBundleParts(chunked(text, 16), 5)) {
        given.push(...part.objects);
      }
    };

    await expect(read()).rejects.toThrow(/objects\[12\] is not valid JSON/);
    expect(given.length).toBeGreaterThanOrEqual(10);
  });
});
