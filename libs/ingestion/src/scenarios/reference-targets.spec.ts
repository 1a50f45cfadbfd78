import { IngestionHarness } from '../testing/ingestion-harness';
import {
  MITRE,
  OTHER_AUTHOR,
  identity,
  intrusionSet,
  malware,
  relationship,
} from './stix-objects.fixtures';

const A = 'intrusion-set--4c1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const M1 = 'malware--5c1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const M2 = 'malware--6c1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const R = 'relationship--7c1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

// Objects a bundle only refers to are read as heads (ids, type, keys); what it may merge into is
// read whole, even when it was first met as a reference target.
describe('Ingestion: reference targets', () => {
  let sut: IngestionHarness;
  beforeEach(() => {
    sut = new IngestionHarness();
  });
  afterEach(() => sut.close());

  it('reads an existing target as a head, and writes the reference and its event', async () => {
    await sut.import([
      identity(),
      malware(M1, 'Emotet', { created_by_ref: MITRE, description: 'long text '.repeat(500) }),
    ]);
    const target = await sut.one(M1);
    const whole = jest.spyOn(sut.store, 'resolve');
    const heads = jest.spyOn(sut.store, 'resolveHeads');
    const report = await sut.import([
      intrusionSet(A, 'Ember Bear', { created_by_ref: MITRE }),
      relationship(R, 'uses', A, M1),
    ]);
    expect(report).toMatchObject({ created: 2, rejected: 0 });
    const askedWhole = whole.mock.calls.flatMap(([, keys]) => keys);
    const askedHeads = heads.mock.calls.flatMap(([, keys]) => keys);
    expect(askedHeads).toContain(M1);
    expect(askedWhole).not.toContain(M1);
    const stored = await sut.one(R);
    expect(stored.toId).toBe(target.internalId);
    expect(stored.toType).toBe('Malware');
    const event = sut.events().find((e) => e.data?.id === stored.standardId);
    expect(event?.data).toMatchObject({ target_ref: target.standardId });
  });

  it('merges into an element the same batch first met as a reference target', async () => {
    await sut.import([identity(), malware(M1, 'Emotet', { created_by_ref: MITRE })]);
    const target = await sut.one(M1);
    // The relationship names the malware by its standard id, the key the newcomer derives from
    // its name: read first as a head for the reference, it must be read whole for the merge.
    const report = await sut.import([
      identity(OTHER_AUTHOR, 'Other'),
      intrusionSet(A, 'Ember Bear', { created_by_ref: OTHER_AUTHOR }),
      relationship(R, 'uses', A, target.standardId, { created_by_ref: OTHER_AUTHOR }),
      malware(M2, 'Emotet', { created_by_ref: OTHER_AUTHOR, description: 'seen elsewhere' }),
    ]);
    expect(report).toMatchObject({ rejected: 0, updated: 1 });
    const merged = await sut.one(M2);
    expect(merged.internalId).toBe(target.internalId);
    expect(merged.attributes.description).toBe('seen elsewhere');
    expect((await sut.one(R)).toId).toBe(target.internalId);
    expect(await sut.countByType()).toMatchObject({ Malware: 1 });
  });
});
