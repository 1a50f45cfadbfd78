/**
 * The text of a bundle of `count` indicators (about 300 bytes each) followed by an element that
 * is not JSON: a large file damaged late, for the imports that read files part by part.
 */
export function bundleDamagedAfter(count: number): string {
  const indicators = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
      name: `indicator ${i} of a large file, padded to a realistic size ${'x'.repeat(120)}`,
      pattern: `[ipv4-addr:value = '10.${i >> 16}.${(i >> 8) & 255}.${i & 255}']`,
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00.000Z',
    }),
  );
  return `{"type":"bundle","objects":[${indicators.join(',')},{"type":tru}]}`;
}
