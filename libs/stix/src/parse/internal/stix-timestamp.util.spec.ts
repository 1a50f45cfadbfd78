import { timestampKind } from './stix-timestamp.util';

describe(timestampKind.name, () => {
  const sut = timestampKind;

  it.each([
    '2017-01-20T00:00:00.000Z',
    '2017-01-20T00:00:00Z',
    '2016-05-12T08:17:27.123456Z',
    '2020-02-29T23:59:59Z',
    '2016-12-31T23:59:60Z',
    '5138-11-16T09:46:40.000Z',
  ])('reads %s as a STIX timestamp', (value) => {
    expect(sut(value)).toBe('stix');
  });

  it.each([
    '2020-05-01T10:00:00+02:00',
    '2020-05-01T10:00:00.5-0500',
    '2020-05-01T10:00Z',
    '2020-05-01t10:00:00z',
    '2020-05-01 10:00:00Z',
    '2020-05-01T10:00:00',
    '2020-05-01',
  ])('reads %s as a lenient ISO 8601 date', (value) => {
    expect(sut(value)).toBe('lenient');
  });

  it.each([
    '',
    'yesterday',
    '2020-13-01T00:00:00Z',
    '2019-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2020-04-31T00:00:00Z',
    '2020-01-00T00:00:00Z',
    '2020-01-01T24:00:00Z',
    '2020-01-01T10:60:00Z',
    '2020-01-01T10:00:61Z',
    '20200101T000000Z',
    '2020-01-01T00:00:00.Z',
  ])('rejects %j', (value) => {
    expect(sut(value)).toBe('invalid');
  });
});
