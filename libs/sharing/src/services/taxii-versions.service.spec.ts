import type { EntityStore, StoredElement } from '@lib/entity-store';
import type { EventStream } from '@lib/event-stream';
import type { StreamEvent } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import {
  TaxiiVersionsService,
  checkVersionMatch,
  needsHistory,
  selectVersions,
} from './taxii-versions.service';

const version = (modified: string) => ({
  stix: { id: 'malware--1', modified },
  dateAdded: modified,
  version: modified,
});
const HISTORY = [
  version('2024-01-01T00:00:00.000Z'),
  version('2024-02-01T00:00:00.000Z'),
  version('2024-03-01T00:00:00.000Z'),
];
const picked = (match?: string[]) => selectVersions(HISTORY, match).map((v) => v.version);

describe('TAXII match[version]', () => {
  it('designates the last version by default, and first, all or given timestamps', () => {
    expect(picked()).toEqual(['2024-03-01T00:00:00.000Z']);
    expect(picked(['last'])).toEqual(['2024-03-01T00:00:00.000Z']);
    expect(picked(['first'])).toEqual(['2024-01-01T00:00:00.000Z']);
    expect(picked(['all'])).toHaveLength(3);
    expect(picked(['first', 'last'])).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
    ]);
    // Timestamps compare as instants, whatever their precision.
    expect(picked(['2024-02-01T00:00:00Z', '2030-01-01T00:00:00Z'])).toEqual([
      '2024-02-01T00:00:00.000Z',
    ]);
    expect(selectVersions([], ['first'])).toEqual([]);
  });

  it('needs the history only for more than the last version', () => {
    expect(needsHistory(undefined)).toBe(false);
    expect(needsHistory(['last'])).toBe(false);
    expect(needsHistory(['first'])).toBe(true);
    expect(needsHistory(['2024-02-01T00:00:00Z'])).toBe(true);
  });

  it('rejects values that are neither keywords nor timestamps with a 400', () => {
    expect(() => checkVersionMatch(['all', '2024-02-01T00:00:00Z'])).not.toThrow();
    expect(() => checkVersionMatch(['newest'])).toThrow(
      expect.objectContaining({ httpStatus: 400, message: expect.stringContaining('newest') }),
    );
  });
});

describe('TaxiiVersionsService.history', () => {
  const ELEMENT: StoredElement = {
    internalId: 'el-1',
    standardId: 'malware--1',
    entityType: 'Malware',
    baseType: 'ENTITY',
    stixIds: [],
    aliasIds: [],
    lookupKeys: [],
    attributes: {},
    refs: {},
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-05-01T00:00:01.000Z',
    version: 5,
  };
  const AMBER = 'marking-definition--amber';
  let seq = 0;
  const event = (
    type: StreamEvent['type'],
    modified: string,
    extra: Record<string, unknown> = {},
  ): StreamEvent => ({
    id: `${Date.parse(modified) + 1000}-${(seq += 1)}`,
    timestamp: new Date(Date.parse(modified) + 1000).toISOString(),
    type,
    scope: 'external',
    elementId: 'el-1',
    entityType: 'Malware',
    origin: {},
    message: type,
    data: { id: 'malware--1', type: 'malware', modified, ...extra },
  });
  const service = (events: StreamEvent[]) =>
    new TaxiiVersionsService(
      { readElement: jest.fn(() => Promise.resolve(events)) } as unknown as EventStream,
      {
        resolve: jest.fn((_ctx: AccessContext, ids: string[]) =>
          Promise.resolve(
            new Map(ids.map((id) => [id, id === AMBER ? [{ internalId: 'amber-internal' }] : []])),
          ),
        ),
      } as unknown as EntityStore,
    );
  const reader = (markings: string[] | 'all'): AccessContext => ({
    ...systemContext('test'),
    bypass: markings === 'all',
    allowedMarkings: markings === 'all' ? 'all' : new Set(markings),
  });
  const current = { id: 'malware--1', type: 'malware', modified: '2024-05-01T00:00:00.000Z' };
  const keepAll = (stix: Record<string, unknown>) => stix;

  it('keeps one version per modified since the last delete, the current one last', async () => {
    const events = [
      event('create', '2023-01-01T00:00:00.000Z', { name: 'before the delete' }),
      event('delete', '2023-01-01T00:00:00.000Z'),
      event('create', '2024-01-01T00:00:00.000Z', { name: 'a' }),
      event('update', '2024-01-01T00:00:00.000Z', { name: 'a, same version' }),
      event('update', '2024-03-01T00:00:00.000Z', { name: 'b' }),
      event('update', '2024-05-01T00:00:00.000Z', { name: 'stale copy of current' }),
      event('update', '2024-09-01T00:00:00.000Z', { name: 'newer than the store' }),
    ];
    const versions = await service(events).history(reader('all'), ELEMENT, current, keepAll);
    expect(versions.map((v) => [v.version, v.stix.name])).toEqual([
      ['2024-01-01T00:00:00.000Z', 'a, same version'],
      ['2024-03-01T00:00:00.000Z', 'b'],
      ['2024-05-01T00:00:00.000Z', undefined],
    ]);
    // First seen is the date added of a version; the current one is the element's update time.
    expect(versions[0]?.dateAdded).toBe(events[2]?.timestamp);
    expect(versions[2]?.dateAdded).toBe(ELEMENT.updatedAt);
  });

  it('hides older versions whose markings the reader lacks or that the collection rejects', async () => {
    const events = [
      event('create', '2024-01-01T00:00:00.000Z', { object_marking_refs: [AMBER] }),
      event('update', '2024-02-01T00:00:00.000Z', { name: 'filtered out' }),
      event('update', '2024-03-01T00:00:00.000Z', {
        object_marking_refs: ['marking-definition--gone'],
      }),
      event('update', '2024-04-01T00:00:00.000Z', {}),
    ];
    const keep = (stix: Record<string, unknown>) =>
      stix.name === 'filtered out' ? undefined : stix;
    const versions = (markings: string[]) =>
      service(events)
        .history(reader(markings), ELEMENT, current, keep)
        .then((list) => list.map((v) => v.version.slice(0, 7)));
    expect(await versions([])).toEqual(['2024-04', '2024-05']);
    expect(await versions(['amber-internal'])).toEqual(['2024-01', '2024-04', '2024-05']);
  });
});
