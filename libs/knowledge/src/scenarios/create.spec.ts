import { generateStandardId } from '@lib/stix';
import { KnowledgeCreateService } from '../services/knowledge-create.service';
import { KnowledgeHarness } from '../testing/knowledge-harness';
import { createMetaObjects, userContext } from './knowledge.fixtures';
import type { MetaObjects } from './knowledge.fixtures';

describe('KnowledgeCreateService (real SQLite store)', () => {
  let h: KnowledgeHarness;
  let sut: KnowledgeCreateService;
  let meta: MetaObjects;
  beforeEach(async () => {
    h = await KnowledgeHarness.start();
    sut = h.get(KnowledgeCreateService);
    meta = await createMetaObjects(h, h.system);
  });
  afterEach(() => h.close());

  it('creates a malware with its refs, standard id as pycti computes it', async () => {
    const malware = await sut.create(h.system, 'Malware', {
      name: 'Emotet',
      description: 'banking trojan',
      is_family: true,
      aliases: ['Geodo'],
      createdBy: meta.author.internalId,
      objectMarking: [meta.green.standardId],
      objectLabel: [meta.label.internalId],
      externalReferences: [meta.reference.internalId],
      killChainPhases: [meta.phase.internalId],
      stix_id: null,
      confidence: null,
    });
    expect(malware.standardId).toBe(generateStandardId('Malware', { name: 'Emotet' }));
    expect(malware.attributes).toMatchObject({ name: 'Emotet', description: 'banking trojan' });
    expect(malware.refs).toMatchObject({
      'created-by': [meta.author.internalId],
      'object-marking': [meta.green.internalId],
      'object-label': [meta.label.internalId],
      'external-reference': [meta.reference.internalId],
      'kill-chain-phase': [meta.phase.internalId],
    });
  });

  it('returns the same element, unchanged and without event, for the same input twice', async () => {
    const input = { name: 'Emotet', objectMarking: [meta.green.internalId] };
    const first = await sut.create(h.system, 'Malware', input);
    const events = h.events().length;
    const second = await sut.create(h.system, 'Malware', input);
    expect(second.internalId).toBe(first.internalId);
    expect(second.version).toBe(first.version);
    expect(h.events()).toHaveLength(events);
  });

  it('keeps a given stix_id and finds the element by it', async () => {
    const stixId = 'malware--2c5b7a3e-1f20-4c8a-9d4e-6b7f8a9c0d1e';
    const malware = await sut.create(h.system, 'Malware', { name: 'Qakbot', stix_id: stixId });
    expect(malware.stixIds).toContain(stixId);
    expect((await h.one(stixId)).internalId).toBe(malware.internalId);
  });

  it('creates observables from pycti-shaped inputs (typed sub-input, hashes as a list)', async () => {
    const ip = await sut.createObservable(h.system, {
      type: 'IPv4-Addr',
      IPv4Addr: { value: '198.51.100.7' },
      x_opencti_score: 70,
      objectLabel: [meta.label.internalId],
    });
    expect(ip.entityType).toBe('IPv4-Addr');
    expect(ip.standardId).toBe(generateStandardId('IPv4-Addr', { value: '198.51.100.7' }));
    expect(ip.attributes.x_opencti_score).toBe(70);
    const file = await sut.create(h.system, 'Stix-Cyber-Observable', {
      type: 'File',
      StixFile: {
        name: 'evil.exe',
        hashes: [{ algorithm: 'SHA-256', hash: 'A'.repeat(64) }],
      },
    });
    expect(file.entityType).toBe('StixFile');
    expect(file.attributes.hashes).toEqual({ 'SHA-256': 'a'.repeat(64) });
  });

  it('creates relationships and sightings between elements given by any id', async () => {
    const malware = await sut.create(h.system, 'Malware', { name: 'Emotet' });
    const target = await sut.create(h.system, 'Identity', { type: 'Sector', name: 'Finance' });
    const rel = await sut.createRelationship(h.system, {
      relationship_type: 'targets',
      fromId: malware.standardId,
      toId: target.internalId,
      start_time: '2024-01-01T00:00:00.000Z',
      killChainPhases: [meta.phase.internalId],
    });
    expect(rel).toMatchObject({
      entityType: 'targets',
      fromId: malware.internalId,
      toId: target.internalId,
    });
    const again = await sut.createRelationship(h.system, {
      relationship_type: 'targets',
      fromId: malware.internalId,
      toId: target.standardId,
      start_time: '2024-01-01T00:00:00.000Z',
    });
    expect(again.internalId).toBe(rel.internalId);
    const sighting = await sut.createSighting(h.system, {
      fromId: malware.internalId,
      toId: target.internalId,
      first_seen: '2024-02-01T00:00:00.000Z',
      last_seen: '2024-02-02T00:00:00.000Z',
      attribute_count: 3,
    });
    expect(sighting).toMatchObject({
      entityType: 'stix-sighting-relationship',
      fromId: malware.internalId,
    });
  });

  it('creates a report empty (as pycti does before adding objects), then with objects', async () => {
    const empty = await sut.create(h.system, 'Report', {
      name: 'Empty',
      published: '2024-03-01T00:00:00.000Z',
    });
    expect(empty.refs.object).toBeUndefined();
    const malware = await sut.create(h.system, 'Malware', { name: 'Emotet' });
    const report = await sut.create(h.system, 'Report', {
      name: 'Weekly',
      published: '2024-03-01T00:00:00.000Z',
      report_types: ['threat-report'],
      objects: [malware.internalId],
    });
    expect(report.refs.object).toEqual([malware.internalId]);
  });

  it('rejects bad input naming the field', async () => {
    await expect(sut.create(h.system, 'Malware', { description: 'no name' })).rejects.toMatchObject(
      {
        category: 'validation',
      },
    );
    await expect(
      sut.create(h.system, 'Malware', {
        name: 'X',
        createdBy: 'identity--00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toMatchObject({ category: 'validation', details: { field: 'createdBy' } });
    await expect(
      sut.create(h.system, 'Malware', { name: 'X', objectMarking: [meta.label.internalId] }),
    ).rejects.toMatchObject({ details: { field: 'objectMarking' } });
    await expect(
      sut.create(h.system, 'Indicator', { name: 'bad', pattern_type: 'stix', pattern: 42 }),
    ).rejects.toMatchObject({ category: 'validation', details: { field: 'pattern' } });
    await expect(
      sut.createRelationship(h.system, { relationship_type: 'eats', fromId: 'a', toId: 'b' }),
    ).rejects.toMatchObject({ details: { field: 'relationship_type' } });
  });

  it('refuses refs to markings the caller cannot see, and users without the capability', async () => {
    const user = userContext([meta.green]);
    await expect(
      sut.create(user, 'Malware', { name: 'X', objectMarking: [meta.amber.internalId] }),
    ).rejects.toMatchObject({ details: { field: 'objectMarking' } });
    const reader = { ...user, capabilities: new Set(['KNOWLEDGE'] as const) };
    await expect(sut.create(reader, 'Malware', { name: 'X' })).rejects.toMatchObject({
      category: 'forbidden',
    });
  });

  it('does not upsert into an existing element the caller cannot see', async () => {
    const secret = await sut.create(h.system, 'Malware', {
      name: 'Secret',
      objectMarking: [meta.amber.internalId],
    });
    const user = userContext([meta.green]);
    await expect(
      sut.create(user, 'Malware', { name: 'Secret', description: 'overwrite' }),
    ).rejects.toMatchObject({ category: 'forbidden' });
    const after = await h.one(secret.internalId);
    expect(after.version).toBe(secret.version);
    expect(after.attributes.description).toBeUndefined();
  });

  it('creates an indicator based on the observable when asked (createIndicator)', async () => {
    const domain = await sut.createObservable(h.system, {
      type: 'Domain-Name',
      DomainName: { value: 'evil.example' },
      createIndicator: true,
      x_opencti_score: 80,
    });
    const pattern = "[domain-name:value = 'evil.example']";
    const indicatorId = generateStandardId('Indicator', { pattern, pattern_type: 'stix' });
    const indicator = await h.one(indicatorId);
    expect(indicator.attributes).toMatchObject({
      pattern,
      x_opencti_main_observable_type: 'Domain-Name',
      x_opencti_score: 80,
    });
    const basedOn = await h.store.findRelations(h.system, [
      { entityType: 'based-on', fromId: indicator.internalId, toId: domain.internalId },
    ]);
    expect(basedOn).toHaveLength(1);
  });
});
