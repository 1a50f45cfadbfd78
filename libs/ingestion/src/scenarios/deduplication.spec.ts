import { IngestionHarness } from '../testing/ingestion-harness';
import {
  MITRE,
  OTHER_AUTHOR,
  identity,
  intrusionSet,
  malware,
  relationship,
} from './stix-objects.fixtures';

const A = 'intrusion-set--0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const B = 'intrusion-set--1b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const M1 = 'malware--2b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const M2 = 'malware--3b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

describe('Ingestion: de-duplication', () => {
  let sut: IngestionHarness;
  beforeEach(() => {
    sut = new IngestionHarness();
  });
  afterEach(() => sut.close());

  it('merges an object of another source that names an existing one by an alias', async () => {
    await sut.import([
      identity(),
      malware(M1, 'Emotet', { aliases: ['Geodo'], created_by_ref: MITRE }),
    ]);
    const report = await sut.import([
      identity(OTHER_AUTHOR, 'Other'),
      malware(M2, 'Geodo', { created_by_ref: OTHER_AUTHOR, description: 'seen by another vendor' }),
    ]);
    expect(report).toMatchObject({ created: 1, updated: 1 });
    const merged = await sut.one(M2);
    expect(merged.internalId).toBe((await sut.one(M1)).internalId);
    expect(merged.stixIds).toEqual(expect.arrayContaining([M1, M2]));
    expect(merged.attributes.description).toBe('seen by another vendor');
  });

  it('keeps two objects one source publishes under two ids, even when aliases collide', async () => {
    const report = await sut.import([
      identity(),
      intrusionSet(A, 'Ember Bear', { aliases: ['UAC-0056'], created_by_ref: MITRE }),
      intrusionSet(B, 'Saint Bear', { aliases: ['UAC-0056'], created_by_ref: MITRE }),
    ]);
    expect(report).toMatchObject({ created: 3, updated: 0 });
    expect((await sut.one(A)).internalId).not.toBe((await sut.one(B)).internalId);
    const again = await sut.import([
      identity(),
      intrusionSet(A, 'Ember Bear', { aliases: ['UAC-0056'], created_by_ref: MITRE }),
      intrusionSet(B, 'Saint Bear', { aliases: ['UAC-0056'], created_by_ref: MITRE }),
    ]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('keeps two same-named objects of one source apart, the second under its own id', async () => {
    await sut.import([
      identity(),
      malware(M1, 'Twin', { created_by_ref: MITRE }),
      malware(M2, 'Twin', { created_by_ref: MITRE }),
    ]);
    const first = await sut.one(M1);
    const second = await sut.one(M2);
    expect(first.standardId).not.toBe(second.standardId);
    expect(second.standardId).toBe(M2);
  });

  it('folds a relationship with the same type and ends within the time window', async () => {
    await sut.import([intrusionSet(A, 'APT28'), malware(M1, 'Emotet')]);
    await sut.import([
      relationship('relationship--4b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', 'uses', A, M1, {
        start_time: '2024-01-01T00:00:00.000Z',
      }),
    ]);
    const near = await sut.import([
      relationship('relationship--5b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', 'uses', A, M1, {
        start_time: '2024-01-20T00:00:00.000Z',
      }),
    ]);
    const far = await sut.import([
      relationship('relationship--6b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', 'uses', A, M1, {
        start_time: '2024-06-01T00:00:00.000Z',
      }),
    ]);
    expect(near).toMatchObject({ created: 0, updated: 1 });
    expect(far).toMatchObject({ created: 1 });
    expect((await sut.countByType()).uses).toBe(2);
  });

  it('matches hashed observables by any common hash', async () => {
    const file = (id: string, hashes: Record<string, string>) => ({
      type: 'file',
      spec_version: '2.1',
      id,
      hashes,
    });
    await sut.import([
      file('file--7b1c2d3e-4f50-5617-8293-a4b5c6d7e8f9', {
        MD5: 'D41D8CD98F00B204E9800998ECF8427E',
      }),
    ]);
    const report = await sut.import([
      file('file--8b1c2d3e-4f50-5617-8293-a4b5c6d7e8f9', {
        md5: 'd41d8cd98f00b204e9800998ecf8427e',
        'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      }),
    ]);
    expect(report).toMatchObject({ created: 0, updated: 1 });
    const file1 = await sut.one('file--02fff920-f614-527c-81d1-6353633a6d21');
    expect(file1.attributes.hashes).toEqual({
      MD5: 'd41d8cd98f00b204e9800998ecf8427e',
      'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
  });

  it('never folds a revoked object into a live one by name or alias, nor the reverse', async () => {
    const report = await sut.import([
      identity(),
      intrusionSet(A, 'Patchwork', { aliases: ['MONSOON'], created_by_ref: MITRE }),
      intrusionSet(B, 'MONSOON', { revoked: true }),
      relationship('relationship--7b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', 'revoked-by', B, A),
    ]);
    expect(report).toMatchObject({ created: 4, rejected: 0 });
    const live = await sut.one(A);
    expect(live.attributes.revoked).toBeUndefined();
    expect((await sut.one(B)).attributes.revoked).toBe(true);
    const later = await sut.import([
      intrusionSet('intrusion-set--8b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', 'MONSOON', {
        created_by_ref: OTHER_AUTHOR,
      }),
    ]);
    expect(later).toMatchObject({ updated: 1 });
    expect((await sut.one('intrusion-set--8b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9')).internalId).toBe(
      live.internalId,
    );
  });
});
