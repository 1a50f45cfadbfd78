import { VersionConflictError } from '../../errors/entity-store.error';
import { buildElement } from '../../testing/element.factory';
import {
  commitLockKeys,
  creationIdentities,
  throwTakenIdentities,
} from './opensearch-identity.guard';
import type { IdentityHolder } from './opensearch-identity.guard';

describe('opensearch identity guard', () => {
  // An element with every kind of key, in mixed case.
  const element = buildElement({
    standardId: 'malware--AAAA',
    stixIds: ['malware--bbbb'],
    aliasIds: ['malware--cccc'],
    lookupKeys: ['hash:MD5:X'],
  });

  it('locks every key of what a batch writes and the ids it deletes', () => {
    const keys = commitLockKeys({
      upserts: [{ element, expectedVersion: 2 }],
      deletes: [{ internalId: 'GONE', expectedVersion: 3 }],
      events: [],
    });
    expect(keys.sort()).toEqual(
      [
        element.internalId,
        'malware--aaaa',
        'malware--bbbb',
        'malware--cccc',
        'hash:md5:x',
        'gone',
      ].sort(),
    );
  });

  it('locks a creation by its identities, not by the internal id no one else knows yet', () => {
    const keys = commitLockKeys({
      upserts: [{ element, expectedVersion: 0 }],
      deletes: [],
      events: [],
    });
    expect(keys.sort()).toEqual(['hash:md5:x', 'malware--aaaa', 'malware--bbbb', 'malware--cccc']);
  });

  it('tells the keys no one else may hold from the ids no one else may have as standard id', () => {
    expect(creationIdentities([element])).toEqual({
      keys: ['malware--aaaa', 'hash:md5:x'],
      ids: ['malware--bbbb'],
    });
  });

  it('names each created element another element holds the identity of', () => {
    const holder = (
      internal_id: string,
      standard_id: string,
      more: Partial<IdentityHolder> = {},
    ) => ({
      internal_id,
      standard_id,
      stix_ids: [],
      lookup_keys: [],
      ...more,
    });
    const byStandardId = buildElement({ standardId: 'malware--aaaa' });
    const byStixId = buildElement({ standardId: 'malware--bbbb' });
    const byLookupKey = buildElement({ lookupKeys: ['hash:MD5:X'] });
    const byOwnStixId = buildElement({ stixIds: ['malware--DDDD'] });
    const aliased = buildElement({ aliasIds: ['malware--eeee'], stixIds: ['malware--ffff'] });
    const holders = [
      holder('one', 'malware--AAAA'),
      holder('two', 'malware--zzzz', { stix_ids: ['malware--bbbb'] }),
      holder('three', 'file--yyyy', { lookup_keys: ['hash:md5:x'] }),
      holder('four', 'malware--dddd'),
      // Having as standard id an alias of one created, or its STIX id among others: allowed.
      holder('five', 'malware--eeee'),
      holder('six', 'malware--xxxx', { stix_ids: ['malware--ffff'] }),
      // An element's own document never counts against it.
      holder(byStandardId.internalId, 'malware--aaaa'),
    ];
    let thrown: unknown;
    try {
      throwTakenIdentities([byStandardId, byStixId, byLookupKey, byOwnStixId, aliased], holders);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VersionConflictError);
    expect((thrown as VersionConflictError).elements).toEqual(
      [byStandardId, byStixId, byLookupKey, byOwnStixId].map((e) => e.internalId),
    );
    expect(() => throwTakenIdentities([aliased], holders)).not.toThrow();
    expect(() => throwTakenIdentities([byStandardId], [])).not.toThrow();
  });
});
