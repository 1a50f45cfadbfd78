import type { StreamEventDraft } from '@lib/kernel';
import { fromStreamEntry, streamEvent, toStreamFields } from './redis-stream-fields';

const draft: StreamEventDraft = {
  type: 'create',
  scope: 'external',
  elementId: 'el-1',
  entityType: 'Malware',
  origin: { user_id: 'u-1' },
  message: 'creates a Malware `Emberleaf`',
  data: { id: 'malware--1', type: 'malware', name: 'Emberleaf' },
  context: { reason: 'test' },
};

describe('Redis stream entries', () => {
  it('reads back what was written, data included, at the time of its id', () => {
    const event = fromStreamEntry('1700000000123-4', toStreamFields(draft));
    expect(event).toEqual({
      ...draft,
      id: '1700000000123-4',
      timestamp: '2023-11-14T22:13:20.123Z',
    });
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
    expect(event).toEqual(streamEvent('1700000000123-4', draft));
  });

  it('parses the data once, when first read, and takes a new value', () => {
    const fields = toStreamFields(draft);
    const event = fromStreamEntry('1-0', fields);
    const first = event.data;
    expect(first).toEqual(draft.data);
    expect(event.data).toBe(first);
    expect({ ...event }.data).toBe(first);
    event.data = { id: 'malware--2' };
    expect(event.data).toEqual({ id: 'malware--2' });
    expect(Object.keys(event)).toContain('data');
  });

  it('leaves a draft without context without one', () => {
    const { context: _context, ...bare } = draft;
    expect('context' in fromStreamEntry('1-0', toStreamFields(bare))).toBe(false);
    expect('context' in streamEvent('1-0', bare)).toBe(false);
  });

  it('parses the context when first read too', () => {
    const event = fromStreamEntry('1-0', toStreamFields(draft));
    const descriptor = Object.getOwnPropertyDescriptor(event, 'context');
    expect(descriptor?.get).toBeDefined();
    expect(event.context).toEqual({ reason: 'test' });
    expect(Object.getOwnPropertyDescriptor(event, 'context')?.value).toEqual({ reason: 'test' });
  });
});
