import { FAST_PATHS } from './field-rules.constants';

// Every fast path must be sound: what it accepts, its zod schema accepts too (zod alone rejects).
const SAMPLES: unknown[] = [
  undefined,
  null,
  '',
  'text',
  0,
  1,
  50,
  100,
  101,
  -1,
  1.5,
  Number.NaN,
  true,
  false,
  [],
  ['a'],
  ['a', 1],
  {},
  [{}],
  [{ source_name: 'mitre-attack', external_id: 'T1', url: 'https://x', description: null }],
  [{ source_name: 'x', hashes: { 'SHA-256': 'ab' } }],
  [{ source_name: 1 }],
  [{ source_name: 'x', url: 3 }],
  [{ kill_chain_name: 'mitre-attack', phase_name: 'impact' }],
  [{ kill_chain_name: 'mitre-attack' }],
  [{ kill_chain_name: 'k', phase_name: 'p', x_opencti_order: 1 }],
  [null],
  [['nested']],
];

describe('FAST_PATHS', () => {
  it.each(Object.entries(FAST_PATHS))('%s accepts only what its schema accepts', (_name, path) => {
    const unsound = SAMPLES.filter(
      (value) => path.accepts(value) && !path.schema.safeParse(value).success,
    );

    expect(unsound).toEqual([]);
    expect(SAMPLES.some((value) => path.accepts(value))).toBe(true);
  });
});
