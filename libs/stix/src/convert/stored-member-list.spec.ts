import { storedMemberList, UNREADABLE_MEMBER } from './stored-member-list.util';

describe('storedMemberList', () => {
  it('parses the stored JSON text and passes any other value through', () => {
    const list = [{ id: 'identity--1', access_right: 'edit' }];
    expect(storedMemberList(JSON.stringify(list))).toEqual(list);
    expect(storedMemberList(list)).toBe(list);
    expect(storedMemberList(undefined)).toBeUndefined();
  });

  it('reads text that does not parse as one member nobody is', () => {
    expect(storedMemberList('[{"id":')).toEqual([{ id: UNREADABLE_MEMBER, access_right: 'view' }]);
  });
});
