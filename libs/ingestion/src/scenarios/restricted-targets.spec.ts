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

// data-model.md §4.3: outside the platform organization, creations are granted to the creator's.
describe('Ingestion: organization grants of a creator outside the platform organization', () => {
  let sut: IngestionHarness;
  const org = 'b3c1f0e2-7a4d-4e58-9f61-2d3c4b5a6e7f';
  const member: AccessContext = {
    kind: 'user',
    userId: '8c7b6a59-4e3d-4c2b-9a18-0f1e2d3c4b5a',
    userName: 'partner analyst',
    capabilities: new Set(['KNOWLEDGE_KNUPDATE']),
    bypass: false,
    allowedMarkings: new Set(),
    organizations: new Set([org, 'identity--2f0e9c1d-3b4a-5c6d-8e7f-9a0b1c2d3e4f']),
    maxConfidence: 100,
  };

  beforeEach(() => {
    sut = new IngestionHarness();
  });
  afterEach(() => sut.close());

  it('grants what he creates to his organizations, by internal id, and he reads it back', async () => {
    const report = await sut.import([malware(EMOTET, 'Emotet')], member);
    expect(report).toMatchObject({ created: 1 });
    const emotet = await sut.one(EMOTET);
    expect(emotet.refs.granted).toEqual([org]);
    await expect(sut.store.get(member, emotet.internalId)).resolves.toBeDefined();
  });

  it('leaves creations inside the platform organization ungranted', async () => {
    await sut.import([malware(EMOTET, 'Emotet')], { ...member, organizations: 'all' });
    expect((await sut.one(EMOTET)).refs.granted ?? []).toEqual([]);
  });
});
