import { AppError } from '@lib/kernel';
import { checked, field, fields, problemOf, wholeNumber } from './admin-form.util';
import { postedValues, valuesOf } from './collection-kinds.service';
import type { Feed } from '@lib/sharing';

describe('admin form reading', () => {
  it('reads text, repeated and checkbox fields, ignoring anything not a string', () => {
    const body = { name: '  Ann  ', groups: ['g1', '', 'g2'], one: 'x', odd: { a: 1 }, on: '1' };
    expect(field(body, 'name')).toBe('Ann');
    expect(field(body, 'name', false)).toBe('  Ann  ');
    expect(field(body, 'odd')).toBe('');
    expect(fields(body, 'groups')).toEqual(['g1', 'g2']);
    expect(fields(body, 'one')).toEqual(['x']);
    expect(fields(body, 'missing')).toEqual([]);
    expect(checked(body, 'on')).toBe(true);
    expect(checked(body, 'off')).toBe(false);
  });

  it('reads a whole number in bounds, blank as undefined, anything else as a validation error', () => {
    expect(wholeNumber({ n: '42' }, 'n', 'N', 0, 100)).toBe(42);
    expect(wholeNumber({ n: '' }, 'n', 'N', 0, 100)).toBeUndefined();
    for (const bad of ['101', '-1', '4.5', 'ten']) {
      expect(() => wholeNumber({ n: bad }, 'n', 'N', 0, 100)).toThrow(
        'N must be a whole number from 0 to 100',
      );
    }
  });

  it('turns validation and conflict errors into form problems, with policy violations listed', () => {
    const policy = new AppError({
      code: 'ACCESS_PASSWORD_POLICY',
      category: 'validation',
      message: 'The password breaks the password policy: a; b',
      details: { violations: ['a', 'b'] },
    });
    expect(problemOf(policy)).toEqual({
      message: 'The password breaks the password policy:',
      reasons: ['a', 'b'],
      status: 400,
    });
    const taken = new AppError({ code: 'X', category: 'conflict', message: 'Taken' });
    expect(problemOf(taken)).toEqual({ message: 'Taken', reasons: [], status: 409 });
    const forbidden = new AppError({ code: 'F', category: 'forbidden', message: 'No' });
    expect(() => problemOf(forbidden)).toThrow(forbidden);
    expect(() => problemOf(new Error('boom'))).toThrow('boom');
  });
});

describe('collection form values', () => {
  it('shows a stored feed in the form and reads the same values back from a post', () => {
    const feed = {
      id: 'f',
      name: 'Blocklist',
      description: '',
      filters: '',
      public: true,
      includeHeader: false,
      format: 'txt',
      separator: ';',
      rollingTime: 60,
      types: ['IPv4-Addr', 'Domain-Name'],
      attributes: [{ attribute: 'value', mappings: [] }],
    } as unknown as Feed;
    const shown = valuesOf('feeds', feed);
    expect(shown).toMatchObject({
      feed_public: true,
      include_header: false,
      feed_types: 'IPv4-Addr, Domain-Name',
      feed_attributes: 'value',
      rolling_time: '60',
    });
    const posted = postedValues('feeds', {
      name: 'Blocklist',
      feed_public: '1',
      separator: ';',
      format: 'txt',
      rolling_time: '60',
      feed_types: 'IPv4-Addr, Domain-Name',
      feed_attributes: 'value',
    });
    expect(posted).toMatchObject({ ...shown, description: '', filters: '' });
  });
});
