import type { AccessContext } from '@lib/rbac';
import { IngestionHarness } from '../testing/ingestion-harness';
import { TLP_AMBER, TLP_GREEN, malware, tlp } from './stix-objects.fixtures';

const EMOTET = 'malware--0a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e01';
const OTHER_ID = 'malware--7d3f1c2b-9a8e-4b6c-8d5e-0f1a2b3c4d5e';
const THIRD_ID = 'malware--1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a0b';

// data-model.md §4: an element a user cannot see is never changed through that user's imports,
// whichever id (its own, its standard id, an alias) designates it.
describe('Ingestion: existing elements the importer cannot see', () => {
  let sut: IngestionHarness;
  let analyst: AccessContext;

  beforeEach(async () => {
    sut = new IngestionHarness();
    await sut.import([
      tlp(TLP_GREEN, 'green'),
      tlp(TLP_AMBER, 'amber'),
      malware(EMOTET, 'Emotet', { aliases: ['Geodo'], object_marking_refs: [TLP_AMBER] }),
    ]);
    const green = await sut.one(TLP_GREEN);
    analyst = {
      kind: 'user',
      userId: '5d1c2b3a-4f5e-4d6c-8b7a-9e0f1a2b3c4d',
      userName: 'analyst',
      capabilities: new Set(['KNOWLEDGE_KNUPDATE']),
      bypass: false,
      allowedMarkings: new Set([green.internalId]),
      organizations: 'all',
      maxConfidence: 100,
    };
  });
  afterEach(() => sut.close());

  it.each([
    ['its own STIX id', () => malware(EMOTET, 'Emotet', { description: 'changed' })],
    ['its standard id (same name)', () => malware(OTHER_ID, 'Emotet', { description: 'changed' })],
    ['an alias', () => malware(THIRD_ID, 'Geodo', { description: 'changed' })],
  ])('refuses an object that designates it by %s', async (_, object) => {
    const report = await sut.import([object()], analyst);
    expect(report).toMatchObject({ rejected: 1, created: 0, updated: 0 });
    const emotet = await sut.one(EMOTET);
    expect(emotet.attributes.description).toBeUndefined();
    expect(emotet.version).toBe(1);
  });
});
