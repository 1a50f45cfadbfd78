import { VersionConflictError } from '@lib/entity-store';
import type { WriteBatch } from '@lib/entity-store';
import { WORK_ENTITY_TYPE } from '@lib/works';
import type { HarnessStore } from './ingestion-harness';
import { IngestionHarness } from './ingestion-harness';
import {
  MITRE,
  identity,
  intrusionSet,
  malware,
  relationship,
} from '../scenarios/stix-objects.fixtures';

// Workers consuming one queue meet the same objects at the same time: each run reads before the
// others commit, so each would create them. The store refuses the later creations and each run
// redoes what it lost (with what refers to it) against the element stored. Within one process the
// runs take turns instead, and none loses. Run on every store.

const uuid = (prefix: string, i: number) =>
  `${prefix}--${String(i).padStart(8, '0')}-4f50-4617-8293-a4b5c6d7e8f9`;

/** Intrusion sets, malware and `uses` relationships (reversed: the same, in another order). */
function bundle(count: number, reversed: boolean): unknown[] {
  const objects: unknown[] = [identity()];
  for (let i = 0; i < count; i++) {
    objects.push(
      intrusionSet(uuid('intrusion-set', i), `Set ${i}`, { created_by_ref: MITRE }),
      malware(uuid('malware', i), `Tool ${i}`, { created_by_ref: MITRE }),
      relationship(uuid('relationship', i), 'uses', uuid('intrusion-set', i), uuid('malware', i)),
    );
  }
  return reversed ? [objects[0], ...objects.slice(1).reverse()] : objects;
}

/** Whether a commit writes knowledge (works opened in the same millisecond retry their id). */
const writesKnowledge = (batch: WriteBatch) =>
  batch.upserts.some((u) => u.element.entityType !== WORK_ENTITY_TYPE);

/** Declares the scenario's test on `store`. */
export function describeConcurrentRuns(store: HarnessStore): void {
  describe(`Ingestion on ${store}: runs side by side`, () => {
    let sut: IngestionHarness;
    beforeEach(() => {
      sut = new IngestionHarness(undefined, store);
    });
    afterEach(() => sut.close());

    it('stores each object once when three processes import the same objects together', async () => {
      const count = 120;
      const reports = await Promise.all([
        sut.import(bundle(count, false), undefined, { apart: true }),
        sut.import(bundle(count, true), undefined, { apart: true }),
        sut.import(bundle(count, false), undefined, { apart: true }),
      ]);
      for (const report of reports) {
        expect(report.rejected).toBe(0);
      }
      // Every object was created by exactly one run.
      const created = reports.reduce((sum, report) => sum + report.created, 0);
      expect(created).toBe(1 + count * 3);
      expect(await sut.countByType()).toMatchObject({
        'Intrusion-Set': count,
        Malware: count,
        uses: count,
      });
      for (let i = 0; i < count; i += 17) {
        const uses = await sut.one(uuid('relationship', i));
        expect(uses.fromId).toBe((await sut.one(uuid('intrusion-set', i))).internalId);
        expect(uses.toId).toBe((await sut.one(uuid('malware', i))).internalId);
      }
    });

    it('lets the runs of one process take turns, none losing a commit to another', async () => {
      const commit = sut.store.commit.bind(sut.store);
      let conflicts = 0;
      jest.spyOn(sut.store, 'commit').mockImplementation((batch) =>
        commit(batch).catch((error: unknown) => {
          if (error instanceof VersionConflictError && writesKnowledge(batch)) conflicts += 1;
          throw error;
        }),
      );
      const count = 60;
      const reports = await Promise.all([
        sut.import(bundle(count, false)),
        sut.import(bundle(count, true)),
        sut.import(bundle(count, false)),
      ]);
      expect(reports.reduce((sum, report) => sum + report.created, 0)).toBe(1 + count * 3);
      expect(reports.map((report) => report.rejected)).toEqual([0, 0, 0]);
      expect(conflicts).toBe(0);
    });

    it('gives the turn on when a run fails with a batch prepared, so the next run imports', async () => {
      const commit = sut.store.commit.bind(sut.store);
      let knowledgeCommits = 0;
      jest.spyOn(sut.store, 'commit').mockImplementation((batch) => {
        // The second batch of the first run fails (the store went away) while its third is
        // prepared: that run ends, and the one after it must not wait for it.
        if (writesKnowledge(batch) && ++knowledgeCommits === 2) {
          return Promise.reject(new Error('store unavailable'));
        }
        return commit(batch);
      });
      await expect(sut.import(bundle(60, false))).rejects.toThrow('store unavailable');
      const report = await sut.import(bundle(60, true));
      expect(report.rejected).toBe(0);
      expect(await sut.countByType()).toMatchObject({ 'Intrusion-Set': 60, Malware: 60, uses: 60 });
    });
  });
}
