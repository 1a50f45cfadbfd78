import { randomUUID } from 'node:crypto';
import type { StreamEvent, StreamEventDraft } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import type { EntityStore } from '../entity-store.port';
import type { StoredElement } from '../element.types';
import { headOf } from '../element-head.util';
import { CommitSkippedError, VersionConflictError } from '../errors/entity-store.error';
import { buildElement } from './element.factory';
import { describeAccessRules } from './entity-store-access.contract';

export type EntityStoreFixture = {
  sut: EntityStore;
  /** Events committed so far, oldest first (read through the event stream of the same storage). */
  readEvents(): Promise<StreamEvent[]>;
  cleanup(): Promise<void>;
};

function eventFor(
  element: StoredElement,
  type: StreamEventDraft['type'] = 'create',
): StreamEventDraft {
  return {
    type,
    scope: 'external',
    elementId: element.internalId,
    entityType: element.entityType,
    origin: { user_id: 'test' },
    message: `${type} ${element.internalId}`,
    data: { id: element.standardId, type: 'malware' },
  };
}

/** The behaviour every EntityStore adapter must have; run by each adapter's contract spec. */
export function describeEntityStoreContract(
  name: string,
  make: () => Promise<EntityStoreFixture>,
): void {
  describe(`EntityStore contract: ${name}`, () => {
    let fx: EntityStoreFixture;
    const system = systemContext('contract');
    beforeEach(async () => {
      fx = await make();
    });
    afterEach(async () => {
      await fx.cleanup();
    });
    describeAccessRules(() => fx.sut, system);

    it('creates an element and reads it back by internal id', async () => {
      const element = buildElement({
        attributes: { name: 'Emotet', aliases: ['Geodo'], x_custom: { a: 1 } },
      });
      await fx.sut.commit({ upserts: [{ element, expectedVersion: 0 }], deletes: [], events: [] });
      await expect(fx.sut.get(system, element.internalId)).resolves.toEqual(element);
    });

    it('resolves every id form, case-insensitively, in one call', async () => {
      const element = buildElement({
        standardId: 'malware--36297121-bf18-56e1-b200-d39c9f9f5cee',
        stixIds: ['malware--0a3c4d5e-0000-4000-8000-000000000001'],
        aliasIds: ['malware--5a3e9d48-110e-53e8-89fa-1afbf3f7d7a8'],
        lookupKeys: ['hash:SHA-256:abcd'],
      });
      await fx.sut.commit({ upserts: [{ element, expectedVersion: 0 }], deletes: [], events: [] });
      const keys = [
        element.internalId.toUpperCase(),
        'MALWARE--36297121-BF18-56E1-B200-D39C9F9F5CEE',
        'malware--0a3c4d5e-0000-4000-8000-000000000001',
        'malware--5a3e9d48-110e-53e8-89fa-1afbf3f7d7a8',
        'hash:sha-256:ABCD',
        'malware--00000000-0000-4000-8000-000000000000',
      ];
      const found = await fx.sut.resolve(system, keys);
      for (const key of keys.slice(0, 5)) {
        expect(found.get(key)?.map((e) => e.internalId)).toEqual([element.internalId]);
      }
      expect(found.has(keys[5] as string)).toBe(false);
    });

    it('resolves heads (ids, type, keys, version) by every id form, no documents', async () => {
      const element = buildElement({
        entityType: 'Intrusion-Set',
        stixIds: ['intrusion-set--0a3c4d5e-0000-4000-8000-000000000002'],
        aliasIds: ['intrusion-set--5a3e9d48-110e-53e8-89fa-1afbf3f7d7a9'],
        attributes: { name: 'APT-H', description: 'x'.repeat(10_000) },
      });
      const other = buildElement({ entityType: 'Malware' });
      await fx.sut.commit({
        upserts: [element, other].map((e) => ({ element: e, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      const keys = [
        element.internalId,
        element.standardId.toUpperCase(),
        'intrusion-set--0a3c4d5e-0000-4000-8000-000000000002',
        'intrusion-set--5a3e9d48-110e-53e8-89fa-1afbf3f7d7a9',
        other.standardId,
        'intrusion-set--00000000-0000-4000-8000-000000000000',
      ];
      const found = await fx.sut.resolveHeads(system, keys);
      for (const key of keys.slice(0, 4)) {
        expect(found.get(key)).toEqual([headOf(element)]);
      }
      expect(found.get(other.standardId)).toEqual([headOf(other)]);
      expect(found.has(keys[5] as string)).toBe(false);
      expect(Object.keys(found.get(element.internalId)?.[0] ?? {}).sort()).toEqual([
        'aliasIds',
        'baseType',
        'entityType',
        'internalId',
        'lookupKeys',
        'standardId',
        'stixIds',
        'version',
      ]);
    });

    it('resolves more keys in one call than an engine query takes', async () => {
      // Search engines refuse a terms query of more than 65,536 terms by default.
      const [a, b] = [buildElement(), buildElement()];
      await fx.sut.commit({
        upserts: [a, b].map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      const absent = Array.from({ length: 70_000 }, (_, i) => `indicator--absent-${i}`);
      const keys = [a.standardId, ...absent, b.standardId, a.internalId];
      const found = await fx.sut.resolve(system, keys);
      expect([...found.keys()].sort()).toEqual([a.standardId, b.standardId, a.internalId].sort());
      expect(found.get(a.standardId)?.map((e) => e.internalId)).toEqual([a.internalId]);
      expect(found.get(b.standardId)?.map((e) => e.internalId)).toEqual([b.internalId]);
    });

    it('creates and then updates more elements in one batch than an engine query returns', async () => {
      // Search engines return at most 10,000 hits per query and take at most 65,536 terms.
      const created = Array.from({ length: 16_000 }, () => buildElement());
      await fx.sut.commit({
        upserts: created.map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      const updated = created.map((e) => ({
        ...e,
        attributes: { ...e.attributes, x: 1 },
        version: 2,
      }));
      await fx.sut.commit({
        upserts: updated.map((element) => ({ element, expectedVersion: 1 })),
        deletes: [],
        events: [],
      });
      const last = updated.at(-1) as StoredElement;
      await expect(fx.sut.get(system, last.internalId)).resolves.toEqual(last);
      const again = created.slice(0, 1).map((element) => ({ element, expectedVersion: 1 }));
      await expect(
        fx.sut.commit({ upserts: again, deletes: [], events: [] }),
      ).rejects.toBeInstanceOf(VersionConflictError);
    });

    it('returns every element sharing a key', async () => {
      const shared = 'intrusion-set--11111111-1111-5111-8111-111111111111';
      const a = buildElement({ entityType: 'Intrusion-Set', aliasIds: [shared] });
      const b = buildElement({ entityType: 'Intrusion-Set', aliasIds: [shared] });
      await fx.sut.commit({
        upserts: [a, b].map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      const found = await fx.sut.resolve(system, [shared]);
      expect(
        found
          .get(shared)
          ?.map((e) => e.internalId)
          .sort(),
      ).toEqual([a.internalId, b.internalId].sort());
    });

    it('updates with the expected version and replaces keys and refs', async () => {
      const element = buildElement({ stixIds: ['malware--aaaaaaaa-0000-4000-8000-000000000001'] });
      await fx.sut.commit({ upserts: [{ element, expectedVersion: 0 }], deletes: [], events: [] });
      const next: StoredElement = {
        ...element,
        stixIds: ['malware--aaaaaaaa-0000-4000-8000-000000000002'],
        attributes: { ...element.attributes, description: 'updated' },
        refs: { 'object-label': ['label-1'] },
        version: 2,
      };
      await fx.sut.commit({
        upserts: [{ element: next, expectedVersion: 1 }],
        deletes: [],
        events: [],
      });
      await expect(fx.sut.get(system, element.internalId)).resolves.toEqual(next);
      const found = await fx.sut.resolve(system, [
        'malware--aaaaaaaa-0000-4000-8000-000000000001',
        'malware--aaaaaaaa-0000-4000-8000-000000000002',
      ]);
      expect([...found.keys()]).toEqual(['malware--aaaaaaaa-0000-4000-8000-000000000002']);
    });

    it('rejects a stale version and writes nothing of the batch', async () => {
      const element = buildElement();
      await fx.sut.commit({ upserts: [{ element, expectedVersion: 0 }], deletes: [], events: [] });
      const bystander = buildElement();
      const stale = { ...element, attributes: { name: 'stale' }, version: 2 };
      await expect(
        fx.sut.commit({
          upserts: [
            { element: bystander, expectedVersion: 0 },
            { element: stale, expectedVersion: 7 },
          ],
          deletes: [],
          events: [eventFor(bystander)],
        }),
      ).rejects.toBeInstanceOf(VersionConflictError);
      await expect(fx.sut.get(system, bystander.internalId)).resolves.toBeUndefined();
      await expect(fx.sut.get(system, element.internalId)).resolves.toEqual(element);
      await expect(fx.readEvents()).resolves.toEqual([]);
    });

    it('refuses to create an element that exists', async () => {
      const element = buildElement();
      await fx.sut.commit({ upserts: [{ element, expectedVersion: 0 }], deletes: [], events: [] });
      await expect(
        fx.sut.commit({ upserts: [{ element, expectedVersion: 0 }], deletes: [], events: [] }),
      ).rejects.toBeInstanceOf(VersionConflictError);
    });

    it('stores exclusive creations, and refuses one whose element exists with its batch', async () => {
      const [first, second, bystander] = [buildElement(), buildElement(), buildElement()];
      await fx.sut.commit({
        upserts: [first, second].map((element) => ({
          element,
          expectedVersion: 0,
          exclusive: true as const,
        })),
        deletes: [],
        events: [],
      });
      await expect(fx.sut.get(system, first.internalId)).resolves.toEqual(first);
      await expect(fx.sut.get(system, second.internalId)).resolves.toEqual(second);
      const again = fx.sut.commit({
        upserts: [
          { element: bystander, expectedVersion: 0 },
          { element: { ...second, version: 2 }, expectedVersion: 0, exclusive: true },
        ],
        deletes: [],
        events: [eventFor(bystander)],
      });
      await expect(again).rejects.toBeInstanceOf(VersionConflictError);
      await expect(fx.sut.get(system, bystander.internalId)).resolves.toBeUndefined();
      await expect(fx.sut.get(system, second.internalId)).resolves.toEqual(second);
      await expect(fx.readEvents()).resolves.toEqual([]);
    });

    it('refuses to create an element whose identity another element holds, naming it', async () => {
      const stored = buildElement({
        stixIds: ['malware--aaaaaaaa-0000-4000-8000-00000000000a'],
        lookupKeys: ['hash:SHA-256:ABC'],
      });
      await fx.sut.commit({
        upserts: [{ element: stored, expectedVersion: 0 }],
        deletes: [],
        events: [],
      });
      const twins = [
        buildElement({ standardId: stored.standardId.toUpperCase() }),
        buildElement({ standardId: 'malware--aaaaaaaa-0000-4000-8000-00000000000a' }),
        buildElement({ lookupKeys: ['hash:sha-256:abc'] }),
        buildElement({ stixIds: [stored.standardId] }),
      ];
      for (const twin of twins) {
        const bystander = buildElement();
        const refused = fx.sut.commit({
          upserts: [
            { element: bystander, expectedVersion: 0 },
            { element: twin, expectedVersion: 0 },
          ],
          deletes: [],
          events: [eventFor(bystander)],
        });
        await expect(refused).rejects.toBeInstanceOf(VersionConflictError);
        await expect(refused).rejects.toMatchObject({ elements: [twin.internalId] });
        await expect(fx.sut.get(system, bystander.internalId)).resolves.toBeUndefined();
      }
      // Aliases are no identity (a live element may have as alias the name a revoked one is
      // identified by), nor is a STIX id both have among their others.
      const sharing = buildElement({
        aliasIds: ['malware--bbbbbbbb-0000-4000-8000-00000000000b', stored.standardId],
        stixIds: ['malware--aaaaaaaa-0000-4000-8000-00000000000a'],
      });
      const alike = buildElement({ aliasIds: ['malware--bbbbbbbb-0000-4000-8000-00000000000b'] });
      await fx.sut.commit({
        upserts: [
          { element: sharing, expectedVersion: 0 },
          { element: alike, expectedVersion: 0 },
        ],
        deletes: [],
        events: [],
      });
      await expect(fx.sut.get(system, alike.internalId)).resolves.toEqual(alike);
      await expect(fx.readEvents()).resolves.toEqual([]);
    });

    it('deletes an element with its keys', async () => {
      const element = buildElement();
      await fx.sut.commit({ upserts: [{ element, expectedVersion: 0 }], deletes: [], events: [] });
      await fx.sut.commit({
        upserts: [],
        deletes: [{ internalId: element.internalId, expectedVersion: 1 }],
        events: [eventFor(element, 'delete')],
      });
      await expect(fx.sut.get(system, element.internalId)).resolves.toBeUndefined();
      await expect(fx.sut.resolve(system, [element.standardId])).resolves.toEqual(new Map());
    });

    it('commits events with the data, in order, with increasing ids', async () => {
      const elements = [buildElement(), buildElement(), buildElement()];
      const result = await fx.sut.commit({
        upserts: elements.map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: elements.map((element) => eventFor(element)),
      });
      expect(result.events.map((e) => e.elementId)).toEqual(elements.map((e) => e.internalId));
      const stored = await fx.readEvents();
      expect(stored.map((e) => e.id)).toEqual(result.events.map((e) => e.id));
      const seqs = stored.map((e) => Number(e.id.split('-')[1]));
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    });

    it('applies a commit queued after another only if that one committed', async () => {
      const [stale, kept, dropped, next] = [
        buildElement(),
        buildElement(),
        buildElement(),
        buildElement(),
      ];
      await fx.sut.commit({
        upserts: [{ element: stale, expectedVersion: 0 }],
        deletes: [],
        events: [],
      });
      const first = fx.sut.commit({
        upserts: [{ element: kept, expectedVersion: 0 }],
        deletes: [],
        events: [eventFor(kept)],
      });
      const second = fx.sut.commit({
        upserts: [{ element: next, expectedVersion: 0 }],
        deletes: [],
        events: [eventFor(next)],
        after: first,
      });
      await expect(second).resolves.toBeDefined();
      const failing = fx.sut.commit({
        upserts: [{ element: { ...stale, version: 3 }, expectedVersion: 2, replaced: stale }],
        deletes: [],
        events: [],
      });
      const skipped = fx.sut.commit({
        upserts: [{ element: dropped, expectedVersion: 0 }],
        deletes: [],
        events: [eventFor(dropped)],
        after: failing,
      });
      await expect(failing).rejects.toBeInstanceOf(VersionConflictError);
      await expect(skipped).rejects.toBeInstanceOf(CommitSkippedError);
      const found = await fx.sut.getMany(
        system,
        [kept, next, dropped].map((e) => e.internalId),
      );
      expect([...found.keys()].sort()).toEqual([kept.internalId, next.internalId].sort());
      const events = await fx.readEvents();
      expect(events.map((e) => e.elementId)).toEqual([kept.internalId, next.internalId]);
    });

    it('finds relationships by type and ends', async () => {
      const from = buildElement({ entityType: 'Intrusion-Set' });
      const to = buildElement();
      const uses = buildElement({
        entityType: 'uses',
        baseType: 'RELATION',
        standardId: `relationship--${randomUUID()}`,
        fromId: from.internalId,
        fromType: 'Intrusion-Set',
        toId: to.internalId,
        toType: 'Malware',
        attributes: { relationship_type: 'uses' },
      });
      await fx.sut.commit({
        upserts: [from, to, uses].map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      const found = await fx.sut.findRelations(system, [
        { entityType: 'uses', fromId: from.internalId, toId: to.internalId },
        { entityType: 'targets', fromId: from.internalId, toId: to.internalId },
        { entityType: 'uses', fromId: to.internalId, toId: from.internalId },
      ]);
      expect(found).toEqual([uses]);
    });
  });
}
