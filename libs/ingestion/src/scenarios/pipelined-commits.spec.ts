import { EntityStore, VersionConflictError } from '@lib/entity-store';
import type { CommitResult, RelationProbe, StoredElement, WriteBatch } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { WorkService, workCounts } from '@lib/works';
import { IngestionService } from '../services/ingestion.service';
import { IngestionHarness, TEST_INGESTION_CONFIG } from '../testing/ingestion-harness';
import { MITRE, identity, malware, relationship } from './stix-objects.fixtures';

// A store whose chosen commits lose a version conflict (nothing written), as when another writer
// changed an element between the batch's reads and its commit.
class ConflictingStore extends EntityStore {
  commits = 0;

  constructor(
    private readonly inner: EntityStore,
    private readonly failing: Set<number>,
  ) {
    super();
  }

  resolve(ctx: AccessContext, keys: readonly string[]): Promise<Map<string, StoredElement[]>> {
    return this.inner.resolve(ctx, keys);
  }

  findRelations(ctx: AccessContext, probes: readonly RelationProbe[]): Promise<StoredElement[]> {
    return this.inner.findRelations(ctx, probes);
  }

  get(ctx: AccessContext, internalId: string): Promise<StoredElement | undefined> {
    return this.inner.get(ctx, internalId);
  }

  getMany(ctx: AccessContext, ids: readonly string[]): Promise<Map<string, StoredElement>> {
    return this.inner.getMany(ctx, ids);
  }

  countByType(ctx: AccessContext): Promise<Record<string, number>> {
    return this.inner.countByType(ctx);
  }

  /** The element other writers keep changing: commits holding it lose while `contended` > 0. */
  hot?: { name: string; contended: number; writtenWith?: number; losing?: number };

  /** Commits from this number on wait for `opened` (set with `hold`). */
  held?: { from: number; opened: Promise<void> };

  async commit(batch: WriteBatch): Promise<CommitResult> {
    this.commits += 1;
    if (this.held && this.commits >= this.held.from) {
      await this.held.opened;
    }
    const hot = this.hot;
    const holdsHot = hot && batch.upserts.find((u) => u.element.attributes.name === hot.name);
    if (hot && holdsHot && hot.contended > 0) {
      hot.contended -= 1;
      hot.losing = (hot.losing ?? 0) + batch.upserts.length;
      throw new VersionConflictError(holdsHot.element.internalId, holdsHot.expectedVersion);
    }
    if (this.failing.has(this.commits)) {
      const first = batch.upserts[0];
      throw new VersionConflictError(
        first?.element.internalId ?? 'none',
        first?.expectedVersion ?? 0,
      );
    }
    if (hot && holdsHot) hot.writtenWith = batch.upserts.length;
    return this.inner.commit(batch);
  }
}

const id = (i: number) => `malware--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const rel = (i: number) => `relationship--00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;

// 120 malwares and 119 relationships, each relationship pointing to the malware before it: with
// batches of 50, most batches reference elements of the batch still committing before them.
const corpus = () => [
  identity(),
  ...Array.from({ length: 120 }, (_, i) =>
    malware(id(i), `Family ${i}`, { created_by_ref: MITRE }),
  ),
  ...Array.from({ length: 119 }, (_, i) =>
    relationship(rel(i), 'variant-of', id(i + 1), id(i), { created_by_ref: MITRE }),
  ),
];

describe('Ingestion: batches prepared while the previous one commits', () => {
  let harness: IngestionHarness;
  beforeEach(() => {
    harness = new IngestionHarness();
  });
  afterEach(() => harness.close());

  const importWith = (
    failing: number[],
    store = new ConflictingStore(harness.store, new Set(failing)),
    work?: 'none',
  ) => {
    const sut = new IngestionService(store, new WorkService(store), TEST_INGESTION_CONFIG);
    return sut.importBundle(
      { type: 'bundle', id: 'bundle--1b7d3c55-2f4e-4a8b-9c1d-6e5f4a3b2c1d', objects: corpus() },
      { ctx: harness.system, connectorId: 'test', workName: 'pipelined', work },
    );
  };

  it('redoes a batch that lost a version conflict and the batch prepared behind it', async () => {
    // Commit 1 is the work's first progress; 3 and 4 are two consecutive batches.
    const report = await importWith([3, 4]);
    expect(report).toMatchObject({ processed: 240, created: 240, rejected: 0 });
    for (let i = 0; i < 120; i++) {
      await expect(harness.one(id(i))).resolves.toBeDefined();
    }
    for (let i = 0; i < 119; i++) {
      const relation = await harness.one(rel(i));
      expect(relation.toId).toBe((await harness.one(id(i))).internalId);
    }
    const counts = await harness.countByType();
    expect(counts).toMatchObject({ Malware: 120, 'variant-of': 119 });
    const creates = harness.events().filter((e) => e.type === 'create');
    expect(creates).toHaveLength(240);
  });

  it('never commits the batch queued behind one that lost: it refers to what that one made', async () => {
    // Without a recorded work (whose version each batch also checks), commit 1 is the first
    // batch: its elements are made again with other internal ids (the author, which the rest
    // refers to, is the element another writer changed). The batch behind it, prepared with the
    // first one's elements, is skipped and prepared again: had it committed, its elements would
    // have been created with a dangling author, then updated.
    const report = await importWith([1], undefined, 'none');
    expect(report).toMatchObject({ processed: 240, created: 240, updated: 0, rejected: 0 });
    const events = harness.events();
    expect(events.filter((e) => e.type === 'create')).toHaveLength(240);
    expect(events.filter((e) => e.type !== 'create')).toEqual([]);
    const author = (await harness.one(MITRE)).internalId;
    for (const i of [0, 60, 119]) {
      expect((await harness.one(id(i))).refs['created-by']).toEqual([author]);
    }
    for (let i = 0; i < 119; i++) {
      const relation = await harness.one(rel(i));
      expect(relation.refs['created-by']).toEqual([author]);
      expect(relation.toId).toBe((await harness.one(id(i))).internalId);
    }
  });

  it('gives up after repeated conflicts on the same batch, naming the element', async () => {
    // Every commit from the batch's first on loses: the rest taken apart from the elements named,
    // then the batch's nine redos (with their growing pauses), all lose.
    const losing = Array.from({ length: 40 }, (_, i) => i + 3);
    await expect(importWith(losing)).rejects.toThrow(VersionConflictError);
  }, 30_000);

  it('outlasts a run of conflicts shorter than the attempts', async () => {
    const report = await importWith([3, 4, 5, 6, 7, 8]);
    expect(report).toMatchObject({ processed: 240, created: 240 });
  }, 30_000);

  it('commits the rest of a batch as prepared, and redoes alone the draft whose element others keep changing', async () => {
    const store = new ConflictingStore(harness.store, new Set());
    store.hot = { name: 'Family 30', contended: 6 };
    const report = await importWith([], store);
    expect(report).toMatchObject({ processed: 240, created: 240, rejected: 0 });
    expect(store.hot.contended).toBe(0);
    expect(store.hot.writtenWith).toBeLessThanOrEqual(3);
    // Only the first commit held the whole batch: the rest went through as prepared, and the
    // contended draft was redone alone (with the work's counters).
    expect(store.hot.losing).toBeLessThanOrEqual(51 + 5 * 2);
    const counts = await harness.countByType();
    expect(counts).toMatchObject({ Malware: 120, 'variant-of': 119 });
    expect(harness.events().filter((e) => e.type === 'create')).toHaveLength(240);
  }, 30_000);

  it('finds everything unchanged on a second import', async () => {
    await importWith([]);
    const again = await importWith([]);
    expect(again).toMatchObject({ processed: 240, unchanged: 240, created: 0, updated: 0 });
  });
});

describe('Ingestion: the bundles of one run overlap', () => {
  let harness: IngestionHarness;
  beforeEach(() => {
    harness = new IngestionHarness();
  });
  afterEach(() => harness.close());

  const family = (i: number) => malware(id(i), `Family ${i}`, { created_by_ref: MITRE });

  it('returns from a bundle while its last batch commits; the next bundle counts once, through a lost commit', async () => {
    // Commit 1 creates the work; 2: the first bundle's counts; 3: its batch (held); 4: the second
    // bundle's first batch, carrying that bundle's counts, which loses a version conflict.
    let open = () => {};
    const store = new ConflictingStore(harness.store, new Set([4]));
    store.held = { from: 3, opened: new Promise<void>((resolve) => (open = resolve)) };
    const sut = new IngestionService(store, new WorkService(store), TEST_INGESTION_CONFIG);
    const run = await sut.openRun({ ctx: harness.system, connectorId: 'test', workName: 'two' });
    const first = [identity(), ...Array.from({ length: 30 }, (_, i) => family(i))];
    const returned = await Promise.race([
      run.addObjects(first).then(() => 'returned'),
      new Promise((resolve) => setTimeout(() => resolve('waited for the commit'), 2000)),
    ]);
    expect(returned).toBe('returned');
    expect(store.commits).toBe(3);
    const second = run.addObjects([
      ...Array.from({ length: 30 }, (_, i) => family(30 + i)),
      { type: 'malware', id: 'not-an-id' },
    ]);
    open();
    await second;
    // A bundle of nothing valid while a batch may be in flight: its counts are committed alone.
    await run.addObjects(['not even an object']);
    const report = await run.finish();
    expect(report).toMatchObject({ expected: 63, processed: 63, created: 61, rejected: 2 });
    expect(report.rejections.map((r) => r.index)).toEqual([61, 62]);
    const work = await new WorkService(harness.store).get(report.workId);
    expect(workCounts(work)).toMatchObject({ expected: 63, processed: 63, rejected: 2 });
    expect(work.attributes.errors_count).toBe(2);
    expect((await harness.countByType()).Malware).toBe(60);
  });
});
