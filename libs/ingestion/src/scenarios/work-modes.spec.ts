import { WorkService, workCounts } from '@lib/works';
import { IngestionHarness } from '../testing/ingestion-harness';
import { MITRE, identity, malware } from './stix-objects.fixtures';

const EMOTET = 'malware--0a8e6b9e-5f0c-4c6f-8d55-4b1a2a6c7e01';
const bundle = (objects: unknown[]) => ({
  type: 'bundle',
  id: 'bundle--2c1d6e5f-4a3b-4c2d-9e1f-0a1b2c3d4e5f',
  objects,
});

describe('Ingestion: how a run records its work', () => {
  let sut: IngestionHarness;
  beforeEach(() => {
    sut = new IngestionHarness();
  });
  afterEach(() => sut.close());

  const options = { connectorId: 'api', workName: 'one object' };

  it('records no work for a run without one, with the same counts and events', async () => {
    const objects = [identity(), malware(EMOTET, 'Emotet', { created_by_ref: MITRE })];
    const report = await sut.sut.importBundle(bundle(objects), {
      ...options,
      ctx: sut.system,
      work: 'none',
    });
    expect(report).toMatchObject({ processed: 2, created: 2, rejected: 0 });
    const counts = await sut.countByType();
    expect(counts.work).toBeUndefined();
    expect(counts).toMatchObject({ Malware: 1, Organization: 1 });
    expect(sut.events().filter((e) => e.type === 'create')).toHaveLength(2);
    const again = await sut.sut.importBundle(bundle(objects), {
      ...options,
      ctx: sut.system,
      work: 'none',
    });
    expect(again).toMatchObject({ processed: 2, unchanged: 2 });
    expect((await sut.countByType()).work).toBeUndefined();
  });

  it('continues a work created beforehand and completes it', async () => {
    const works = new WorkService(sut.store);
    const work = await works.create({ connectorId: 'api', name: 'queued bundle', userId: 'u1' });
    const report = await sut.sut.importBundle(bundle([identity()]), {
      ...options,
      ctx: sut.system,
      work: { workId: work.internalId },
    });
    expect(report.workId).toBe(work.internalId);
    const stored = await works.get(work.internalId);
    expect(workCounts(stored)).toMatchObject({ processed: 1, created: 1 });
    expect(stored.attributes.status).toBe('complete');
  });

  it('reports to a work its sender follows, which completes when everything expected came', async () => {
    const works = new WorkService(sut.store);
    const work = await works.create({ connectorId: 'api', name: 'queued bundle', userId: 'u1' });
    await works.addExpectations(work.internalId, 3);
    const author = identity();
    const first = await sut.sut.importBundle(bundle([author, author]), {
      ...options,
      ctx: sut.system,
      work: { workId: work.internalId, followed: true },
    });
    expect(first.workId).toBe(work.internalId);
    let stored = await works.get(work.internalId);
    // The same identity twice: two objects processed, one element.
    expect(workCounts(stored)).toMatchObject({ expected: 3, processed: 2 });
    expect((await sut.countByType()).Organization).toBe(1);
    expect(stored.attributes.status).toBe('progress');
    stored = await works.toProcessed(work.internalId, 'sent everything', false);
    expect(stored.attributes.status).toBe('progress');
    await sut.sut.importBundle(bundle([{ type: 'malware', id: EMOTET }]), {
      ...options,
      ctx: sut.system,
      work: { workId: work.internalId, followed: true },
    });
    stored = await works.get(work.internalId);
    expect(workCounts(stored)).toMatchObject({ expected: 3, processed: 3, rejected: 1 });
    expect(stored.attributes.status).toBe('complete');
    expect(stored.attributes.completed_number).toBe(3);
    expect((stored.attributes.errors as { message: string }[])[0]?.message).toMatch(/name/);
    expect((await sut.countByType()).work).toBe(1);
  });
});
