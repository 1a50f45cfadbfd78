import { sleep } from '@lib/kernel';
import { WorkService, workCounts } from '@lib/works';
import { KnowledgeBundleService } from '../services/knowledge-bundle.service';
import { KnowledgeHarness } from '../testing/knowledge-harness';
import { userContext } from './knowledge.fixtures';

const MALWARE = 'malware--6a2f7c1e-0b3d-4e5f-8a9b-1c2d3e4f5a6b';

describe('KnowledgeBundleService (real queue and worker)', () => {
  let h: KnowledgeHarness;
  beforeEach(async () => {
    h = await KnowledgeHarness.start({ worker: true });
  });
  afterEach(() => h.close());

  it('enqueues a bundle that the worker imports into the work whose id it returned', async () => {
    const workId = await h.get(KnowledgeBundleService).push(h.system, {
      connectorId: 'connector-test',
      bundle: {
        type: 'bundle',
        id: 'bundle--0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
        objects: [
          { type: 'malware', spec_version: '2.1', id: MALWARE, name: 'Emotet', is_family: true },
        ],
      },
    });
    const works = h.get(WorkService);
    for (let i = 0; i < 100 && (await works.get(workId)).attributes.status !== 'complete'; i++) {
      await sleep(50);
    }
    expect(workCounts(await works.get(workId))).toMatchObject({ processed: 1, created: 1 });
    expect((await h.one(MALWARE)).attributes.name).toBe('Emotet');
  });

  it('refuses non-bundles and callers without the connector API capability', async () => {
    const sut = h.get(KnowledgeBundleService);
    await expect(
      sut.push(h.system, { connectorId: 'c', bundle: '{"type":"malware"}' }),
    ).rejects.toMatchObject({
      details: { field: 'bundle' },
    });
    await expect(
      sut.push(h.system, { connectorId: 'c', bundle: 'not json' }),
    ).rejects.toMatchObject({
      details: { field: 'bundle' },
    });
    await expect(
      sut.push(userContext([]), { connectorId: 'c', bundle: { type: 'bundle', objects: [] } }),
    ).rejects.toMatchObject({ category: 'forbidden' });
  });
});
