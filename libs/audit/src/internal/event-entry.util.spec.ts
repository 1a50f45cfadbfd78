import type { StreamEvent } from '@lib/kernel';
import { SYSTEM_USER_ID } from '@lib/rbac';
import { elementOfEntry, entryOfElement } from './audit-element.util';
import { changesOf, entryIdOfEvent, entryOfEvent } from './event-entry.util';

const GREEN_STIX = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const lookups = {
  userNames: new Map([['user-1', 'alice']]),
  markingIds: new Map([[GREEN_STIX, 'green-internal']]),
};

function event(overrides: Partial<StreamEvent>): StreamEvent {
  return {
    id: '1733300000000-0',
    timestamp: '2026-12-04T10:00:00.000Z',
    type: 'create',
    scope: 'external',
    elementId: 'el-1',
    entityType: 'Malware',
    origin: { user_id: 'user-1' },
    message: 'creates a Malware `Emotet`',
    data: { id: 'malware--1', type: 'malware', name: 'Emotet', object_marking_refs: [GREEN_STIX] },
    ...overrides,
  };
}

describe('entryOfEvent', () => {
  it('records a creation: who, when, which element, with its markings', () => {
    const entry = entryOfEvent(event({}), lookups);
    expect(entry).toEqual({
      id: entryIdOfEvent('1733300000000-0'),
      event_type: 'mutation',
      event_scope: 'create',
      event_status: 'success',
      user_id: 'user-1',
      user_name: 'alice',
      timestamp: '2026-12-04T10:00:00.000Z',
      context_data: {
        entity_id: 'el-1',
        entity_type: 'Malware',
        entity_name: 'Emotet',
        message: 'creates a Malware `Emotet`',
      },
      markings: ['green-internal'],
    });
  });

  it('derives one stable id per event', () => {
    expect(entryIdOfEvent('1-0')).toBe(entryIdOfEvent('1-0'));
    expect(entryIdOfEvent('1-0')).not.toBe(entryIdOfEvent('1-1'));
    expect(entryIdOfEvent('1-0')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records an update with its patches and each field before and after', () => {
    const entry = entryOfEvent(
      event({
        type: 'update',
        data: { id: 'malware--1', name: 'Emotet', description: 'trojan', labels: ['a', 'b'] },
        context: {
          patch: [
            { op: 'replace', path: '/description', value: 'trojan' },
            { op: 'add', path: '/labels/1', value: 'b' },
          ],
          reverse_patch: [
            { op: 'replace', path: '/description', value: 'loader' },
            { op: 'remove', path: '/labels/1' },
          ],
        },
      }),
      lookups,
    );
    expect(entry.event_scope).toBe('update');
    expect(entry.context_data.patch).toHaveLength(2);
    expect(entry.context_data.reverse_patch).toHaveLength(2);
    expect(entry.context_data.changes).toEqual([
      { field: 'description', previous: '"loader"', new: '"trojan"' },
      { field: 'labels', previous: '["a"]', new: '["a","b"]' },
    ]);
  });

  it('records a merge with the absorbed sources', () => {
    const entry = entryOfEvent(
      event({
        type: 'merge',
        context: {
          sources: [
            { id: 'malware--2', name: 'Geodo' },
            { id: 'malware--3', value: 'x' },
          ],
        },
      }),
      lookups,
    );
    expect(entry.event_scope).toBe('merge');
    expect(entry.context_data.sources).toEqual([
      { id: 'malware--2', name: 'Geodo' },
      { id: 'malware--3', name: 'x' },
    ]);
  });

  it('records a deletion; relationships keep their ends; platform objects are admin changes', () => {
    const deleted = entryOfEvent(
      event({
        type: 'delete',
        entityType: 'uses',
        data: { id: 'relationship--1', source_ref: 'malware--1', target_ref: 'attack-pattern--1' },
      }),
      lookups,
    );
    expect(deleted.event_scope).toBe('delete');
    expect(deleted.context_data).toMatchObject({
      from_id: 'malware--1',
      to_id: 'attack-pattern--1',
    });
    const admin = entryOfEvent(event({ scope: 'internal', entityType: 'Group' }), lookups);
    expect(admin.event_access).toBe('administration');
  });

  it('names the system and unknown users, and keeps unknown markings restrictive', () => {
    const system = entryOfEvent(
      event({ origin: {}, data: { id: 'x', object_marking_refs: ['marking-definition--gone'] } }),
      lookups,
    );
    expect(system.user_id).toBe(SYSTEM_USER_ID);
    expect(system.user_name).toBe('SYSTEM');
    expect(system.markings).toEqual(['marking-definition--gone']);
    expect(entryOfEvent(event({ origin: { user_id: 'u9' } }), lookups).user_name).toBe('u9');
  });
});

describe('changesOf', () => {
  it('names the attributes changed inside an extension, not the whole extension', () => {
    const ext = 'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba';
    const after = { modified: 't2', extensions: { [ext]: { updated_at: 't2', score: 5 } } };
    expect(
      changesOf(after, [
        { op: 'replace', path: '/modified', value: 't1' },
        { op: 'replace', path: `/extensions/${ext}/updated_at`, value: 't1' },
      ]),
    ).toEqual([
      { field: 'updated_at', previous: '"t1"', new: '"t2"' },
      { field: 'modified', previous: '"t1"', new: '"t2"' },
    ]);
  });

  it('answers no change for a patch that does not apply', () => {
    expect(changesOf({ a: 1 }, [{ op: 'remove', path: '/missing/deep' }])).toEqual([]);
  });
});

describe('entry elements', () => {
  it('round-trips an entry through its stored element', () => {
    const input = entryOfEvent(event({}), lookups);
    const element = elementOfEntry(input);
    expect(element.entityType).toBe('Activity');
    expect(element.createdAt).toBe('2026-12-04T10:00:00.000Z');
    expect(element.refs['object-marking']).toEqual(['green-internal']);
    expect(element.attributes).toMatchObject({
      context_entity_id: 'el-1',
      context_entity_type: 'Malware',
      name: 'Emotet',
    });
    const { markings, id, ...rest } = input;
    expect(entryOfElement(element)).toEqual({
      ...rest,
      id,
      event_access: null,
      markings: [...(markings ?? [])],
    });
  });
});
