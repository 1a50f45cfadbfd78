import { listHref, readListQuery } from './list-query.util';

describe('list query', () => {
  it('reads known values and falls back on anything else', () => {
    expect(readListQuery({ search: '  apt  ', sort: 'name', order: 'asc', first: '100' })).toEqual({
      search: 'apt',
      sort: 'name',
      order: 'asc',
      first: 100,
      after: undefined,
      offset: 0,
    });
    const odd = readListQuery({ sort: 'password', order: 'sideways', first: '9999', offset: '-3' });
    expect(odd).toMatchObject({ sort: undefined, order: 'desc', first: 25, offset: 0 });
    expect(readListQuery({ search: ['a', 'b'] }).search).toBeUndefined();
  });

  it('writes links without the defaults, with the patch applied', () => {
    const query = readListQuery({ search: 'a b', sort: 'name' });
    expect(listHref('/x', query, {})).toBe('/x?search=a+b&sort=name');
    expect(listHref('/x', query, { after: 'c1', offset: 25, sort: undefined })).toBe(
      '/x?search=a+b&after=c1&offset=25',
    );
  });
});
