import { IngestionHarness } from '../testing/ingestion-harness';
import { MITRE, identity, intrusionSet, malware, relationship } from './stix-objects.fixtures';

const EMOTET = 'malware--1a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e02';
const APT29 = 'intrusion-set--2a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e03';
const GHOST = 'malware--3a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e04';

describe('Ingestion: bad objects and missing references', () => {
  let sut: IngestionHarness;
  beforeEach(() => {
    sut = new IngestionHarness();
  });
  afterEach(() => sut.close());

  it('rejects a bad object alone, naming the object and the field, and stores the rest', async () => {
    const report = await sut.import([
      identity(),
      malware(EMOTET, 'Emotet', { created_by_ref: MITRE }),
      {
        ...malware('malware--4a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e05', 'Broken'),
        created: 'yesterday',
      },
      { type: 'indicator', spec_version: '2.1', id: 'not-an-id' },
      'not even an object',
    ]);
    expect(report).toMatchObject({ expected: 5, created: 2, rejected: 3 });
    expect(report.rejections.map((r) => [r.index, r.field])).toEqual([
      [2, 'created'],
      [3, expect.any(String)],
      [4, expect.any(String)],
    ]);
    expect(report.rejections[0]?.reason).toMatch(/created/);
    const work = await sut.store.get(sut.system, report.workId);
    expect((work?.attributes.errors as { source: string }[])[0]?.source).toContain(
      'malware--4a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e05',
    );
    await expect(sut.one(EMOTET)).resolves.toMatchObject({ attributes: { name: 'Emotet' } });
  });

  it('waits for references that a later bundle of the same work brings', async () => {
    const run = await sut.sut.openRun({
      ctx: sut.system,
      connectorId: 'test',
      workName: 'two bundles',
    });
    await run.addObjects([
      relationship('relationship--5a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e06', 'uses', APT29, EMOTET),
    ]);
    await run.addObjects([intrusionSet(APT29, 'APT29'), malware(EMOTET, 'Emotet')]);
    const report = await run.finish();
    expect(report).toMatchObject({ expected: 3, created: 3, rejected: 0 });
    const uses = await sut.one('relationship--5a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e06');
    expect(uses.toId).toBe((await sut.one(EMOTET)).internalId);
  });

  it('rejects a relationship whose end never comes, with the missing id, after bounded retries', async () => {
    const report = await sut.import([
      intrusionSet(APT29, 'APT29'),
      relationship('relationship--6a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e07', 'uses', APT29, GHOST),
    ]);
    expect(report).toMatchObject({ created: 1, rejected: 1 });
    expect(report.rejections[0]).toMatchObject({
      field: 'target_ref',
      reason: expect.stringContaining(GHOST),
    });
  });

  it('keeps an object whose optional reference is missing, with the reference as given', async () => {
    const report = await sut.import([
      malware(EMOTET, 'Emotet', {
        created_by_ref: 'identity--7a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e08',
      }),
    ]);
    expect(report).toMatchObject({ created: 1, rejected: 0, warnings: 1 });
    const emotet = await sut.one(EMOTET);
    expect(emotet.attributes.i_unresolved_refs).toEqual({
      'created-by': ['identity--7a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e08'],
    });
    const created = sut.events().find((e) => e.elementId === emotet.internalId);
    expect(created?.data.created_by_ref).toBe('identity--7a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e08');
  });

  it('restricts an object whose marking is unknown to users who see everything', async () => {
    await sut.import([
      malware(EMOTET, 'Emotet', {
        object_marking_refs: ['marking-definition--8a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e09'],
      }),
    ]);
    const emotet = await sut.one(EMOTET);
    const analyst = {
      ...sut.system,
      kind: 'user' as const,
      bypass: false,
      allowedMarkings: new Set<string>(),
      maxConfidence: 100,
    };
    await expect(sut.store.get(analyst, emotet.internalId)).resolves.toBeUndefined();
  });
});
