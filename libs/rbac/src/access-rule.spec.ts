import { memberAccessRight, restrictedMemberIds, rightAtLeast } from './access-rule.util';
import type { AccessContext } from './access-context.types';

const reader = (over: Partial<AccessContext> = {}): AccessContext => ({
  kind: 'user',
  userId: 'u1',
  userName: 'analyst',
  capabilities: new Set(),
  bypass: false,
  allowedMarkings: new Set(),
  organizations: new Set(),
  maxConfidence: 100,
  principals: new Set(['g1']),
  ...over,
});

describe('memberAccessRight', () => {
  it('gives the highest right the members list grants one of the reader ids', () => {
    const members = JSON.stringify([
      { id: 'u1', access_right: 'view' },
      { id: 'g1', access_right: 'edit' },
      { id: 'someone-else', access_right: 'admin' },
    ]);
    expect(memberAccessRight(reader(), { restricted_members: members })).toBe('edit');
  });

  it('refuses, without throwing, when the stored members list is unreadable', () => {
    const attributes = { restricted_members: '[{"id": "u1", "access_right": "admin"' };
    expect(() => memberAccessRight(reader(), attributes)).not.toThrow();
    const right = memberAccessRight(reader(), attributes);
    expect(right).toBe('none');
    expect(rightAtLeast(right, 'edit')).toBe(false);
    expect(rightAtLeast(right, 'view')).toBe(false);
  });

  it('leaves capabilities to decide when there is no members list, and lets BYPASS through', () => {
    expect(memberAccessRight(reader(), {})).toBe('admin');
    expect(memberAccessRight(reader(), { restricted_members: '[]' })).toBe('admin');
    const members = [{ id: 'someone-else', access_right: 'view' }];
    expect(memberAccessRight(reader({ bypass: true }), { restricted_members: members })).toBe(
      'admin',
    );
    expect(memberAccessRight(reader(), { restricted_members: members })).toBe('none');
  });
});

describe('restrictedMemberIds', () => {
  it('reads a list or its JSON text, and an unreadable text as restricted to nobody', () => {
    expect(restrictedMemberIds([{ id: 'a' }, { id: '' }, null, { id: 3 }])).toEqual(['a']);
    expect(restrictedMemberIds('[{"id":"a","access_right":"edit"}]')).toEqual(['a']);
    expect(restrictedMemberIds('{not json')).toEqual(['(unreadable)']);
    expect(restrictedMemberIds(undefined)).toEqual([]);
  });
});
