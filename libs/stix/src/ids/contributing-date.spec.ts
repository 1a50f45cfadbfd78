import { toContributingDate } from './contributing-date.util';

const sut = toContributingDate;

describe(toContributingDate.name, () => {
  it.each<[unknown, string]>([
    ['2024-01-02T03:04:05.678Z', '2024-01-02T03:04:05.678Z'],
    ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05.000Z'],
    ['2024-01-02T03:04:05.123456Z', '2024-01-02T03:04:05.123Z'],
    ['2024-01-02T05:04:05+02:00', '2024-01-02T03:04:05.000Z'],
    ['2024-01-02T03:04:05', '2024-01-02T03:04:05.000Z'],
    ['2024-01-02 03:04:05', '2024-01-02T03:04:05.000Z'],
    ['2024-01-02', '2024-01-02T00:00:00.000Z'],
    [new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), '2024-01-02T03:04:05.000Z'],
    [0, '1970-01-01T00:00:00.000Z'],
  ])('hashes %p as %s', (value, expected) => {
    expect(sut(value)).toBe(expected);
  });

  it.each([['not a date'], [new Date(Number.NaN)], [{}], [true]])('refuses %p', (value) => {
    expect(() => sut(value)).toThrow(
      expect.objectContaining({ code: 'STIX_ID_INVALID_DATE' }) as Error,
    );
  });
});
