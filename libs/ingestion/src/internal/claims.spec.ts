import { ClaimRegistry } from './claims';

describe('ClaimRegistry', () => {
  it('tells another id of the same author from the id an element was written under', () => {
    const claims = new ClaimRegistry();
    claims.claim('e1', 'mitre', 'intrusion-set--a');
    expect(claims.heldByAnotherObject('e1', 'mitre', 'intrusion-set--b')).toBe(true);
    expect(claims.heldByAnotherObject('e1', 'mitre', 'intrusion-set--a')).toBe(false);
    expect(claims.heldByAnotherObject('e1', 'other', 'intrusion-set--b')).toBe(false);
    expect(claims.heldByAnotherObject('e2', 'mitre', 'intrusion-set--b')).toBe(false);
  });

  it('keeps the first claim of an element', () => {
    const claims = new ClaimRegistry();
    claims.claim('e1', undefined, 'x--a');
    claims.claim('e1', undefined, 'x--b');
    expect(claims.heldByAnotherObject('e1', undefined, 'x--b')).toBe(true);
  });

  it('forgets the oldest claims first once full, round after round', () => {
    const claims = new ClaimRegistry(3);
    for (let i = 0; i < 10; i++) {
      claims.claim(`e${i}`, 'a', `x--${i}`);
    }
    const held = (i: number) => claims.heldByAnotherObject(`e${i}`, 'a', 'x--other');
    expect([0, 1, 2, 3, 4, 5, 6].map(held)).toEqual(Array(7).fill(false));
    expect([7, 8, 9].map(held)).toEqual([true, true, true]);
  });
});
