import { GRAPH_PAGE_DEFAULT, GraphQueryError, readGraphQuery } from './graph-query.util';

describe('readGraphQuery', () => {
  it('defaults to the first page of the whole neighbourhood', () => {
    expect(readGraphQuery({})).toEqual({ types: [], limit: GRAPH_PAGE_DEFAULT, after: undefined });
  });

  it('reads limit, types and after', () => {
    expect(
      readGraphQuery({ limit: '20', types: 'Malware, Intrusion-Set', after: 'o:40', depth: '1' }),
    ).toEqual({ types: ['Malware', 'Intrusion-Set'], limit: 20, after: 'o:40' });
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '5001' }, 'limit'],
    [{ limit: '1.5' }, 'limit'],
    [{ limit: ['1', '2'] }, 'once'],
    [{ types: 'Malware;DROP' }, 'types'],
    [{ depth: '3' }, 'depth'],
    [{ after: '' }, 'after'],
  ])('refuses %j', (query, word) => {
    expect(() => readGraphQuery(query)).toThrow(GraphQueryError);
    expect(() => readGraphQuery(query)).toThrow(word);
  });
});
