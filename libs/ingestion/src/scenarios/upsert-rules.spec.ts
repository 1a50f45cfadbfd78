import { IngestionHarness } from '../testing/ingestion-harness';
import { TLP_AMBER, TLP_GREEN, malware, tlp } from './stix-objects.fixtures';

const M = 'malware--9c1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

describe('Ingestion: upsert rules (data-model.md §3.8)', () => {
  let sut: IngestionHarness;
  beforeEach(async () => {
    sut = new IngestionHarness();
    await sut.import([tlp(TLP_GREEN, 'green'), tlp(TLP_AMBER, 'amber')]);
  });
  afterEach(() => sut.close());

  it('does not let lower confidence change a value, but lets it fill a gap', async () => {
    await sut.import([malware(M, 'Emotet', { confidence: 80, description: 'trusted' })]);
    await sut.import([
      malware(M, 'Emotet', { confidence: 20, description: 'rumour', malware_types: ['trojan'] }),
    ]);
    const emotet = await sut.one(M);
    expect(emotet.attributes).toMatchObject({
      description: 'trusted',
      confidence: 80,
      malware_types: ['trojan'],
    });
    await sut.import([malware(M, 'Emotet', { confidence: 90, description: 'newer' })]);
    expect((await sut.one(M)).attributes).toMatchObject({ description: 'newer', confidence: 90 });
  });

  it('at equal confidence lets the newer STIX version win, whatever the order copies arrive in', async () => {
    const older = malware(M, 'Emotet', {
      confidence: 70,
      description: 'first report',
      modified: '2024-01-01T00:00:00.000Z',
    });
    const newer = malware(M, 'Emotet', {
      confidence: 70,
      description: 'revised report',
      modified: '2024-03-01T00:00:00.000Z',
    });
    await sut.import([older]);
    await sut.import([newer]);
    const revised = await sut.one(M);
    expect(revised.attributes.description).toBe('revised report');
    // The older copy again (another worker, a replayed message): nothing changes, no new version.
    await sut.import([older]);
    const again = await sut.one(M);
    expect(again.attributes.description).toBe('revised report');
    expect(again.version).toBe(revised.version);
    // A higher confidence still wins, even from an older version.
    await sut.import([{ ...older, confidence: 90 }]);
    expect((await sut.one(M)).attributes.description).toBe('first report');
  });

  it('adds labels and aliases whatever the confidence and never removes any', async () => {
    await sut.import([malware(M, 'Emotet', { confidence: 80, labels: ['a'], aliases: ['Geodo'] })]);
    await sut.import([
      malware(M, 'Emotet', {
        confidence: 10,
        labels: ['b'],
        aliases: ['geodo', 'Heodo', 'emotet'],
      }),
    ]);
    const emotet = await sut.one(M);
    expect(emotet.refs['object-label']).toHaveLength(2);
    expect(emotet.attributes.aliases).toEqual(['Geodo', 'Heodo']);
  });

  it('lets a synchronized state replace values, labels and markings, removals included', async () => {
    await sut.import([
      malware(M, 'Emotet', {
        confidence: 90,
        description: 'local',
        labels: ['a', 'b'],
        object_marking_refs: [TLP_AMBER],
      }),
    ]);
    await sut.import(
      [malware(M, 'Emotet', { confidence: 10, labels: ['b'], object_marking_refs: [TLP_GREEN] })],
      undefined,
      { synchronized: true },
    );
    const emotet = await sut.one(M);
    expect(emotet.attributes.description).toBeUndefined();
    expect(emotet.attributes.confidence).toBe(10);
    expect(emotet.refs['object-label']).toHaveLength(1);
    expect(emotet.refs['object-marking']).toEqual([(await sut.one(TLP_GREEN)).internalId]);
    expect(emotet.attributes.creator_id).toBeDefined();
  });

  it('replaces a marking by a higher one of the same type, and ignores a lower one', async () => {
    await sut.import([malware(M, 'Emotet', { object_marking_refs: [TLP_GREEN] })]);
    const green = (await sut.one(TLP_GREEN)).internalId;
    const amber = (await sut.one(TLP_AMBER)).internalId;
    await sut.import([malware(M, 'Emotet', { object_marking_refs: [TLP_AMBER] })]);
    expect((await sut.one(M)).refs['object-marking']).toEqual([amber]);
    await sut.import([malware(M, 'Emotet', { object_marking_refs: [TLP_GREEN] })]);
    expect((await sut.one(M)).refs['object-marking']).toEqual([amber]);
    expect(green).not.toBe(amber);
  });

  it('keeps the oldest created and the newest modified, with an update event carrying patches', async () => {
    await sut.import([
      malware(M, 'Emotet', {
        created: '2020-01-01T00:00:00.000Z',
        modified: '2020-01-01T00:00:00.000Z',
      }),
    ]);
    await sut.import([
      malware(M, 'Emotet', {
        created: '2021-01-01T00:00:00.000Z',
        modified: '2023-01-01T00:00:00.000Z',
      }),
    ]);
    const emotet = await sut.one(M);
    expect(emotet.attributes).toMatchObject({
      created: '2020-01-01T00:00:00.000Z',
      modified: '2023-01-01T00:00:00.000Z',
    });
    const update = sut
      .events()
      .find((e) => e.type === 'update' && e.elementId === emotet.internalId);
    expect(update?.context?.patch).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/modified', value: '2023-01-01T00:00:00.000Z' },
      ]),
    );
    expect(update?.context?.reverse_patch).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/modified', value: '2020-01-01T00:00:00.000Z' },
      ]),
    );
  });
});
