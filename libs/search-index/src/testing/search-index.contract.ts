import { randomUUID } from 'node:crypto';
import { emptyFilterGroup } from '@lib/kernel';
import type { FilterGroup } from '@lib/kernel';
import { analystContext, systemContext } from '@lib/rbac';
import { buildElement } from '@lib/entity-store';
import type { EntityStore, StoredElement } from '@lib/entity-store';
import type { SearchIndex } from '../search-index.port';
import { InvalidQueryError } from '../errors/search-index.error';

export type SearchIndexFixture = { store: EntityStore; sut: SearchIndex; cleanup(): Promise<void> };

const GREEN = randomUUID();
const RED = randomUUID();

function seed(): StoredElement[] {
  const emotet = buildElement({
    attributes: {
      name: 'Emotet',
      aliases: ['Geodo', 'Heodo'],
      confidence: 80,
      description: 'Banking trojan turned loader',
    },
    refs: { 'object-marking': [GREEN], 'object-label': ['label-banking'] },
  });
  const trickbot = buildElement({
    attributes: { name: 'TrickBot', confidence: 60, description: 'Modular banking malware' },
    refs: { 'object-marking': [RED] },
  });
  const apt28 = buildElement({
    entityType: 'Intrusion-Set',
    attributes: { name: 'APT28', aliases: ['Sofacy'], confidence: 90 },
  });
  const ip = buildElement({
    entityType: 'IPv4-Addr',
    standardId: `ipv4-addr--${randomUUID()}`,
    attributes: { value: '198.51.100.7' },
  });
  const analytic = buildElement({
    entityType: 'x-mitre-analytic',
    standardId: `x-mitre-analytic--${randomUUID()}`,
    attributes: { name: 'Suspicious logon' },
  });
  const uses = buildElement({
    entityType: 'uses',
    baseType: 'RELATION',
    standardId: `relationship--${randomUUID()}`,
    fromId: apt28.internalId,
    fromType: 'Intrusion-Set',
    toId: emotet.internalId,
    toType: 'Malware',
    attributes: { relationship_type: 'uses', confidence: 70 },
  });
  return [emotet, trickbot, apt28, ip, analytic, uses];
}

const filters = (...list: FilterGroup['filters']): FilterGroup => ({
  ...emptyFilterGroup(),
  filters: list,
});

/** The behaviour every SearchIndex adapter must have. */
export function describeSearchIndexContract(
  name: string,
  make: () => Promise<SearchIndexFixture>,
): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let fx: SearchIndexFixture;
    let all: StoredElement[];
    const system = systemContext('contract');
    const names = (items: StoredElement[]) =>
      items.map((e) => e.attributes.name ?? e.attributes.value ?? e.entityType);

    beforeEach(async () => {
      fx = await make();
      all = seed();
      await fx.store.commit({
        upserts: all.map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    it('lists by concrete and abstract types, custom types included', async () => {
      const sdo = await fx.sut.search(system, { types: ['Stix-Domain-Object'], first: 50 });
      expect(names(sdo.items)).toEqual(['Emotet', 'TrickBot', 'APT28']);
      const core = await fx.sut.search(system, { types: ['Stix-Core-Object'], first: 50 });
      expect(core.pageInfo.globalCount).toBe(5);
      const custom = await fx.sut.search(system, { types: ['Stix-Custom-Object'], first: 50 });
      expect(names(custom.items)).toEqual(['Suspicious logon']);
      const rels = await fx.sut.search(system, { types: ['stix-core-relationship'], first: 50 });
      expect(rels.items.map((e) => e.entityType)).toEqual(['uses']);
    });

    it('finds by words, prefixes and aliases', async () => {
      const byAlias = await fx.sut.search(system, { search: 'geod', first: 10 });
      expect(names(byAlias.items)).toEqual(['Emotet']);
      const byWords = await fx.sut.search(system, { search: 'banking malware', first: 10 });
      expect(names(byWords.items)).toEqual(['TrickBot']);
      // Dotted values: an address by its first octets, or whole.
      for (const search of ['198.51.100', '198.51.100.7']) {
        const found = await fx.sut.search(system, { search, first: 10 });
        expect(names(found.items)).toEqual(['198.51.100.7']);
      }
      await expect(fx.sut.count(system, { search: '"); DROP TABLE elements; --' })).resolves.toBe(
        0,
      );
    });

    it('filters attributes, arrays, refs, ids and relationship ends', async () => {
      const [emotet, , apt28] = all as [StoredElement, StoredElement, StoredElement];
      const count = (f: FilterGroup) => fx.sut.count(system, { filters: f });
      await expect(count(filters({ key: ['name'], values: ['APT28'] }))).resolves.toBe(1);
      await expect(count(filters({ key: ['aliases'], values: ['Geodo'] }))).resolves.toBe(1);
      await expect(
        count(filters({ key: ['confidence'], values: [70], operator: 'gte' })),
      ).resolves.toBe(3);
      await expect(
        count(filters({ key: ['objectLabel'], values: ['label-banking'] })),
      ).resolves.toBe(1);
      await expect(
        count(filters({ key: ['objectMarking'], values: [], operator: 'nil' })),
      ).resolves.toBe(4);
      await expect(
        count(filters({ key: ['ids'], values: [emotet.standardId.toUpperCase()] })),
      ).resolves.toBe(1);
      await expect(
        count(filters({ key: ['ids'], values: [emotet.internalId, apt28.internalId] })),
      ).resolves.toBe(2);
      await expect(
        count(filters({ key: ['ids'], values: [emotet.internalId], operator: 'not_eq' })),
      ).resolves.toBe(all.length - 1);
      await expect(count(filters({ key: ['fromId'], values: [apt28.internalId] }))).resolves.toBe(
        1,
      );
      await expect(
        count(filters({ key: ['name'], values: ['Emo'], operator: 'starts_with' })),
      ).resolves.toBe(1);
      await expect(
        count(filters({ key: ['description'], values: [], operator: 'nil' })),
      ).resolves.toBe(4);
      const orGroup: FilterGroup = {
        mode: 'or',
        filters: [
          { key: ['name'], values: ['APT28'] },
          { key: ['name'], values: ['Emotet'] },
        ],
        filterGroups: [],
      };
      await expect(count(orGroup)).resolves.toBe(2);
      const nested: FilterGroup = {
        mode: 'and',
        filters: [{ key: ['entity_type'], values: ['Malware'] }],
        filterGroups: [orGroup],
      };
      await expect(count(nested)).resolves.toBe(1);
    });

    it('filters by relationships: regardingOf, connectedToId, elementId', async () => {
      const [emotet, trickbot, apt28] = all as [StoredElement, StoredElement, StoredElement];
      const count = (f: FilterGroup) => fx.sut.count(system, { filters: f });
      const regarding = (id: string, types?: string[]) =>
        filters({
          key: ['regardingOf'],
          values: [
            { key: 'id', values: [id] },
            ...(types ? [{ key: 'relationship_type', values: types }] : []),
          ] as unknown as string[],
        });
      const idsOf = async (f: FilterGroup) =>
        (await fx.sut.search(system, { filters: f, first: 10 })).items.map((e) => e.internalId);
      await expect(idsOf(regarding(apt28.internalId))).resolves.toEqual([emotet.internalId]);
      await expect(idsOf(regarding(emotet.internalId, ['uses']))).resolves.toEqual([
        apt28.internalId,
      ]);
      await expect(count(regarding(emotet.internalId, ['targets']))).resolves.toBe(0);
      await expect(
        idsOf(filters({ key: ['connectedToId'], values: [emotet.internalId] })),
      ).resolves.toEqual([apt28.internalId]);
      await expect(
        count(filters({ key: ['connectedToId'], values: [trickbot.internalId] })),
      ).resolves.toBe(0);
      await expect(
        count(filters({ key: ['elementId'], values: [emotet.internalId] })),
      ).resolves.toBe(1);
    });

    it('applies markings inside the query, counts included', async () => {
      const green = await fx.sut.search(analystContext([GREEN]), { types: ['Malware'], first: 10 });
      expect(names(green.items)).toEqual(['Emotet']);
      expect(green.pageInfo.globalCount).toBe(1);
      await expect(fx.sut.count(analystContext([]), { types: ['Malware'] })).resolves.toBe(0);
      await expect(fx.sut.count(system, { types: ['Malware'] })).resolves.toBe(2);
    });

    it('pages with cursors in a stable order, ascending and descending', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await fx.sut.search(system, {
          first: 2,
          after,
          orderBy: 'name',
          orderMode: 'desc',
        });
        seen.push(...page.items.map((e) => e.internalId));
        expect(page.pageInfo.globalCount).toBe(6);
        if (!page.pageInfo.hasNextPage) {
          break;
        }
        after = page.pageInfo.endCursor ?? undefined;
      }
      expect(new Set(seen).size).toBe(6);
      const sorted = await fx.sut.search(system, {
        types: ['Stix-Domain-Object'],
        first: 10,
        orderBy: 'name',
      });
      expect(names(sorted.items)).toEqual(['APT28', 'Emotet', 'TrickBot']);
    });

    it('orders by relevance: the best match first descending, last ascending, across pages', async () => {
      const mentioned = buildElement({
        attributes: {
          name: 'Quillfeather',
          description:
            'A downloader seen in phishing waves against logistics firms, delivered by macro ' +
            'documents and archives, which drops further tooling; one report ties it to kestrel.',
        },
      });
      const named = buildElement({
        attributes: { name: 'Kestrel', description: 'Kestrel loader' },
      });
      await fx.store.commit({
        upserts: [mentioned, named].map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      const byScore = (orderMode: 'asc' | 'desc', first: number, after?: string | null) =>
        fx.sut.search(system, {
          search: 'kestrel',
          first,
          orderBy: '_score',
          orderMode,
          ...(after ? { after } : {}),
        });
      expect(names((await byScore('desc', 10)).items)).toEqual(['Kestrel', 'Quillfeather']);
      expect(names((await byScore('asc', 10)).items)).toEqual(['Quillfeather', 'Kestrel']);
      const first = await byScore('desc', 1);
      const second = await byScore('desc', 1, first.pageInfo.endCursor);
      expect(names([...first.items, ...second.items])).toEqual(['Kestrel', 'Quillfeather']);
    });

    it('pages by an attribute most elements lack, those first ascending and last descending', async () => {
      for (const orderMode of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let after: string | undefined;
        do {
          const page = await fx.sut.search(system, {
            first: 1,
            after,
            orderBy: 'value',
            orderMode,
          });
          seen.push(...page.items.map((e) => e.internalId));
          after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined;
        } while (after);
        expect(new Set(seen).size).toBe(6);
        // The one element with a value (the IP address) comes after those without, ascending.
        const ip = all.find((e) => e.attributes.value !== undefined) as StoredElement;
        expect(seen.indexOf(ip.internalId)).toBe(orderMode === 'asc' ? 5 : 0);
      }
    });

    it('rejects bad queries with a clear error', async () => {
      await expect(
        fx.sut.search(system, { first: 10, after: 'not-a-cursor' }),
      ).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(
        fx.sut.search(system, { first: 10, orderBy: "name'); --" }),
      ).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(
        fx.sut.count(system, { filters: filters({ key: ["x') OR 1=1 --"], values: ['a'] }) }),
      ).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(fx.sut.search(system, { first: 100_000 })).rejects.toBeInstanceOf(
        InvalidQueryError,
      );
    });
  });
}
