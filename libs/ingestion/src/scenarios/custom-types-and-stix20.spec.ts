import { IngestionHarness } from '../testing/ingestion-harness';
import { MITRE, identity, relationship } from './stix-objects.fixtures';

const STRATEGY = 'x-mitre-detection-strategy--0d1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const PATTERN = 'attack-pattern--1d1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';

describe('Ingestion: custom types, unmodelled relationships, STIX 2.0', () => {
  let sut: IngestionHarness;
  beforeEach(() => {
    sut = new IngestionHarness();
  });
  afterEach(() => sut.close());

  it('keeps custom types and properties, and exports them', async () => {
    const custom = {
      type: 'x-mitre-detection-strategy',
      spec_version: '2.1',
      id: STRATEGY,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      name: 'Detect it',
      x_mitre_analytic_refs: ['x-mitre-analytic--2d1c2d3e-4f50-4617-8293-a4b5c6d7e8f9'],
      created_by_ref: MITRE,
    };
    const report = await sut.import([identity(), custom]);
    expect(report).toMatchObject({ created: 2, rejected: 0 });
    const stored = await sut.one(STRATEGY);
    expect(stored).toMatchObject({
      entityType: 'x-mitre-detection-strategy',
      standardId: STRATEGY,
    });
    expect(stored.attributes.x_mitre_analytic_refs).toEqual(custom.x_mitre_analytic_refs);
    const data = sut.events().find((e) => e.elementId === stored.internalId)?.data;
    expect(data).toMatchObject({
      type: 'x-mitre-detection-strategy',
      id: STRATEGY,
      name: 'Detect it',
      x_mitre_analytic_refs: custom.x_mitre_analytic_refs,
    });
  });

  it('stores and flags a relationship outside the relationship model', async () => {
    const pattern = {
      type: 'attack-pattern',
      spec_version: '2.1',
      id: PATTERN,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      name: 'Phishing',
    };
    const strategy = {
      type: 'x-mitre-detection-strategy',
      spec_version: '2.1',
      id: STRATEGY,
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      name: 'Detect it',
    };
    const detects = relationship(
      'relationship--3d1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
      'detects',
      STRATEGY,
      PATTERN,
    );
    const revoked = relationship(
      'relationship--4d1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
      'revoked-by',
      PATTERN,
      STRATEGY,
    );
    const report = await sut.import([pattern, strategy, detects, revoked]);
    expect(report).toMatchObject({ created: 4, rejected: 0 });
    expect((await sut.one(detects.id)).attributes.i_outside_model).toBe(true);
    expect((await sut.one(revoked.id)).attributes.i_outside_model).toBeUndefined();
  });

  it('upgrades STIX 2.0 objects to 2.1', async () => {
    const report = await sut.sut.importBundle(
      {
        type: 'bundle',
        id: 'bundle--5d1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
        spec_version: '2.0',
        objects: [
          {
            type: 'malware',
            id: 'malware--6d1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
            created: '2018-01-01T00:00:00.000Z',
            modified: '2018-01-01T00:00:00.000Z',
            name: 'Old',
            labels: ['ransomware'],
          },
          {
            type: 'indicator',
            id: 'indicator--7d1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
            created: '2018-01-01T00:00:00.000Z',
            modified: '2018-01-01T00:00:00.000Z',
            pattern: "[domain-name:value='evil.example']",
            valid_from: '2018-01-01T00:00:00Z',
            labels: ['malicious-activity'],
          },
        ],
      },
      { ctx: sut.system, connectorId: 'test', workName: 'stix 2.0' },
    );
    expect(report).toMatchObject({ created: 2, rejected: 0 });
    expect(
      (await sut.one('malware--6d1c2d3e-4f50-4617-8293-a4b5c6d7e8f9')).attributes,
    ).toMatchObject({ malware_types: ['ransomware'], is_family: true });
    const indicator = await sut.one('indicator--7d1c2d3e-4f50-4617-8293-a4b5c6d7e8f9');
    expect(indicator.attributes).toMatchObject({
      pattern: "[domain-name:value = 'evil.example']",
      pattern_type: 'stix',
      indicator_types: ['malicious-activity'],
    });
  });
});
