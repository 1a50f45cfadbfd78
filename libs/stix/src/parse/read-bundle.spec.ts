import { AppError } from '@lib/kernel';
import { readBundle } from './read-bundle.util';
import { STIX_INVALID_BUNDLE, StixInvalidBundleError } from './stix-parse.error';

const MALWARE = {
  type: 'malware',
  spec_version: '2.1',
  id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
  name: 'X',
  is_family: true,
};

const thrown = (input: unknown): unknown => {
  try {
    readBundle(input);
  } catch (error) {
    return error;
  }
  throw new Error('readBundle did not throw');
};

describe(readBundle.name, () => {
  const sut = readBundle;

  it('reads a STIX 2.1 bundle (no spec_version) and keeps the objects untouched', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--6ba4a4e4-9b4c-4d0f-8a0f-2d6bd3ed6f36',
      objects: [MALWARE],
    };

    const content = sut(bundle);

    expect(content).toEqual({ bundleId: bundle.id, objects: [MALWARE] });
    expect(content.objects[0]).toBe(MALWARE);
  });

  it('reads the spec_version of a STIX 2.0 bundle', () => {
    const content = sut({ type: 'bundle', id: 'bundle--1', spec_version: '2.0', objects: [] });

    expect(content).toEqual({ bundleId: 'bundle--1', specVersion: '2.0', objects: [] });
  });

  it('reads a bundle without objects as empty', () => {
    expect(sut({ type: 'bundle' })).toEqual({ objects: [] });
  });

  it('returns a single bare object as a one-object list', () => {
    expect(sut(MALWARE)).toEqual({ objects: [MALWARE] });
  });

  it.each([
    ['a string', '{"type":"bundle"}', 'expected a JSON object, got a string'],
    ['null', null, 'expected a JSON object, got null'],
    ['an array', [MALWARE], 'expected a JSON object, got an array'],
    ['an object without type', { objects: [] }, '`type` is missing'],
    [
      'a bundle whose objects is not an array',
      { type: 'bundle', objects: {} },
      'objects must be an array, got an object',
    ],
    [
      'a bundle with a numeric id',
      { type: 'bundle', id: 7, objects: [] },
      'bundle id must be a string',
    ],
    [
      'a bundle of an unknown version',
      { type: 'bundle', spec_version: '2.2' },
      'spec_version must be "2.0" or "2.1"',
    ],
  ])('rejects %s, saying what is wrong', (_case, input, message) => {
    const error = thrown(input);

    expect(error).toBeInstanceOf(StixInvalidBundleError);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: STIX_INVALID_BUNDLE,
      category: 'validation',
      message: expect.stringContaining(message) as unknown,
    });
  });
});
