import { generateStandardId } from '@lib/stix';
import { IngestionHarness } from '../testing/ingestion-harness';
import {
  MITRE,
  TLP_GREEN,
  identity,
  intrusionSet,
  malware,
  relationship,
  tlp,
} from './stix-objects.fixtures';

const EMOTET = 'malware--0a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e01';
const APT28 = 'intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c';
const USES = 'relationship--6b9a5f0e-1c3d-4e5f-8a7b-9c0d1e2f3a4b';

const bundle = () => [
  tlp(TLP_GREEN, 'green'),
  relationship(USES, 'uses', APT28, EMOTET, {
    created_by_ref: MITRE,
    object_marking_refs: [TLP_GREEN],
  }),
  malware(EMOTET, 'Emotet', {
    aliases: ['Geodo'],
    labels: ['banking', 'Loader'],
    created_by_ref: MITRE,
    external_references: [{ source_name: 'cert', url: 'https://example.org/emotet' }],
  }),
  intrusionSet(APT28, 'APT28', {
    created_by_ref: MITRE,
    object_marking_refs: [TLP_GREEN],
    x_custom_property: { nested: [1, 2] },
  }),
  identity(),
];

describe('Ingestion: import and idempotency', () => {
  let sut: IngestionHarness;
  beforeEach(() => {
    sut = new IngestionHarness();
  });
  afterEach(() => sut.close());

  it('stores every object under its OpenCTI standard id, refs resolved whatever the input order', async () => {
    const report = await sut.import(bundle());
    expect(report).toMatchObject({
      expected: 5,
      processed: 5,
      created: 5,
      updated: 0,
      unchanged: 0,
      rejected: 0,
    });
    const emotet = await sut.one(EMOTET);
    expect(emotet.standardId).toBe('malware--36297121-bf18-56e1-b200-d39c9f9f5cee');
    expect(emotet.stixIds).toContain(EMOTET);
    expect(emotet.aliasIds).toContain('malware--5a3e9d48-110e-53e8-89fa-1afbf3f7d7a8');
    const apt28 = await sut.one(APT28);
    expect(apt28.standardId).toBe('intrusion-set--f743ab1d-b2f2-58f8-975f-0993511c0b9d');
    expect(apt28.attributes.x_custom_property).toEqual({ nested: [1, 2] });
    const uses = await sut.one(USES);
    expect(uses.standardId).toBe('relationship--e95f5a93-f9c8-590f-80a5-7f39944a82b0');
    expect([uses.fromId, uses.toId]).toEqual([apt28.internalId, emotet.internalId]);
    const green = await sut.one(TLP_GREEN);
    expect(uses.refs['object-marking']).toEqual([green.internalId]);
    expect(report.embeddedCreated).toBe(3);
    const loader = await sut.one(generateStandardId('Label', { value: 'loader' }));
    expect(loader.attributes.value).toBe('loader');
    expect(emotet.refs['object-label']).toContain(loader.internalId);
    expect(emotet.refs['object-label']).toHaveLength(2);
  });

  it('emits exactly one create event per new element, with its STIX data', async () => {
    await sut.import(bundle());
    const events = sut.events();
    const creates = events.filter((e) => e.type === 'create');
    expect(creates).toHaveLength(events.length);
    expect(new Set(creates.map((e) => e.elementId)).size).toBe(creates.length);
    const emotet = await sut.one(EMOTET);
    const data = creates.find((e) => e.elementId === emotet.internalId)?.data as Record<
      string,
      unknown
    >;
    expect(data).toMatchObject({
      id: emotet.standardId,
      type: 'malware',
      name: 'Emotet',
      labels: ['banking', 'loader'],
      created_by_ref: expect.stringMatching(/^identity--/),
    });
    expect(data.external_references).toEqual([
      { source_name: 'cert', url: 'https://example.org/emotet' },
    ]);
  });

  it('changes nothing and emits nothing when the same bundle comes again', async () => {
    await sut.import(bundle());
    const before = sut.events().length;
    const counts = await sut.countByType();
    const again = await sut.import(bundle());
    expect(again).toMatchObject({
      expected: 5,
      processed: 5,
      created: 0,
      updated: 0,
      unchanged: 5,
      rejected: 0,
    });
    expect(sut.events()).toHaveLength(before);
    const after = await sut.countByType();
    expect({ ...after, work: 0 }).toEqual({ ...counts, work: 0 });
  });

  it('records the work with its counts and completion', async () => {
    const report = await sut.import(bundle());
    const work = await sut.store.get(sut.system, report.workId);
    expect(work?.attributes).toMatchObject({
      status: 'complete',
      import_expected_number: 5,
      import_processed_number: 5,
      counts: { created: 5, updated: 0, unchanged: 0, rejected: 0 },
    });
  });
});
