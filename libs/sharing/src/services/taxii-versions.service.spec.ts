import { checkVersionMatch, needsHistory, selectVersions } from './taxii-versions.service';

const version = (modified: string) => ({
  stix: { id: 'malware--1', modified },
  dateAdded: modified,
  version: modified,
});
const HISTORY = [
  version('2024-01-01T00:00:00.000Z'),
  version('2024-02-01T00:00:00.000Z'),
  version('2024-03-01T00:00:00.000Z'),
];
const picked = (match?: string[]) => selectVersions(HISTORY, match).map((v) => v.version);

describe('TAXII match[version]', () => {
  it('designates the last version by default, and first, all or given timestamps', () => {
    expect(picked()).toEqual(['2024-03-01T00:00:00.000Z']);
    expect(picked(['last'])).toEqual(['2024-03-01T00:00:00.000Z']);
    expect(picked(['first'])).toEqual(['2024-01-01T00:00:00.000Z']);
    expect(picked(['all'])).toHaveLength(3);
    expect(picked(['first', 'last'])).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
    ]);
    // Timestamps compare as instants, whatever their precision.
    expect(picked(['2024-02-01T00:00:00Z', '2030-01-01T00:00:00Z'])).toEqual([
      '2024-02-01T00:00:00.000Z',
    ]);
    expect(selectVersions([], ['first'])).toEqual([]);
  });

  it('needs the history only for more than the last version', () => {
    expect(needsHistory(undefined)).toBe(false);
    expect(needsHistory(['last'])).toBe(false);
    expect(needsHistory(['first'])).toBe(true);
    expect(needsHistory(['2024-02-01T00:00:00Z'])).toBe(true);
  });

  it('rejects values that are neither keywords nor timestamps with a 400', () => {
    expect(() => checkVersionMatch(['all', '2024-02-01T00:00:00Z'])).not.toThrow();
    expect(() => checkVersionMatch(['newest'])).toThrow(
      expect.objectContaining({ httpStatus: 400, message: expect.stringContaining('newest') }),
    );
  });
});
