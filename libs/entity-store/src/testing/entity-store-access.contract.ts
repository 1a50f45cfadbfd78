import { randomUUID } from 'node:crypto';
import { analystContext } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import type { EntityStore } from '../entity-store.port';
import { buildElement } from './element.factory';

// The EntityStore contract's access rules: markings, organization grants and authorized members
// applied inside every read (run within describeEntityStoreContract).

/** Access tests over the store `sut()` gives (set up fresh before each test by the caller). */
export function describeAccessRules(sut: () => EntityStore, system: AccessContext): void {
  describe('access rules', () => {
    it('hides elements whose markings are not all allowed, inside every read', async () => {
      const green = randomUUID();
      const red = randomUUID();
      const open = buildElement();
      const greenOnly = buildElement({ refs: { 'object-marking': [green] } });
      const greenRed = buildElement({ refs: { 'object-marking': [green, red] } });
      await sut().commit({
        upserts: [open, greenOnly, greenRed].map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      const analyst = analystContext([green]);
      const ids = [open, greenOnly, greenRed].map((e) => e.internalId);
      expect([...(await sut().getMany(analyst, ids)).keys()].sort()).toEqual(
        [open.internalId, greenOnly.internalId].sort(),
      );
      await expect(sut().get(analyst, greenRed.internalId)).resolves.toBeUndefined();
      await expect(sut().resolve(analyst, [greenRed.standardId])).resolves.toEqual(new Map());
      await expect(sut().countByType(analyst)).resolves.toEqual({ Malware: 2 });
      await expect(sut().countByType(analystContext([]))).resolves.toEqual({ Malware: 1 });
      await expect(sut().countByType(system)).resolves.toEqual({ Malware: 3 });
    });

    it('hides restricted types not granted to the reader organizations, inside every read', async () => {
      const mine = randomUUID();
      const theirs = randomUUID();
      const granted = buildElement({ refs: { granted: [mine] } });
      const other = buildElement({ refs: { granted: [theirs] } });
      const ungranted = buildElement();
      const custom = buildElement({ entityType: 'x-custom-thing' });
      const sector = buildElement({ entityType: 'Sector' });
      const all = [granted, other, ungranted, custom, sector];
      await sut().commit({
        upserts: all.map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      const member = analystContext([], new Set([mine]));
      const ids = all.map((e) => e.internalId);
      expect([...(await sut().getMany(member, ids)).keys()].sort()).toEqual(
        [granted.internalId, sector.internalId].sort(),
      );
      await expect(sut().resolve(member, [other.standardId])).resolves.toEqual(new Map());
      await expect(sut().countByType(member)).resolves.toEqual({ Malware: 1, Sector: 1 });
      await expect(sut().countByType(analystContext([]))).resolves.toEqual({
        Malware: 3,
        Sector: 1,
        'x-custom-thing': 1,
      });
    });

    it('shows an element with authorized members to them only, over organization grants', async () => {
      const group = randomUUID();
      const org = randomUUID();
      const members = (ids: string[]) => ids.map((id) => ({ id, access_right: 'view' }));
      const forGroup = buildElement({
        entityType: 'Report',
        attributes: { name: 'for the group', restricted_members: members([group]) },
      });
      const forAll = buildElement({
        entityType: 'Report',
        attributes: { name: 'for all', restricted_members: JSON.stringify(members(['ALL'])) },
      });
      const open = buildElement({ entityType: 'Report', refs: { granted: [org] } });
      await sut().commit({
        upserts: [forGroup, forAll, open].map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      const ids = [forGroup, forAll, open].map((e) => e.internalId);
      // Outside the platform organization, in another organization, but a member of the group.
      const member = {
        ...analystContext([], new Set([randomUUID()])),
        principals: new Set([group]),
      };
      const stranger = analystContext([], new Set([org]));
      expect([...(await sut().getMany(member, ids)).keys()].sort()).toEqual(
        [forGroup.internalId, forAll.internalId].sort(),
      );
      expect([...(await sut().getMany(stranger, ids)).keys()].sort()).toEqual(
        [forAll.internalId, open.internalId].sort(),
      );
      await expect(sut().countByType(stranger)).resolves.toEqual({ Report: 2 });
      await expect(sut().resolve(stranger, [forGroup.standardId])).resolves.toEqual(new Map());
    });
  });
}
