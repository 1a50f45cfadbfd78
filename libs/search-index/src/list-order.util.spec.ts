import { listOrder } from './list-order.util';

describe('listOrder', () => {
  it('keeps the order asked for', () => {
    expect(listOrder({ orderBy: 'name', orderMode: 'asc', search: 'apt' })).toEqual({
      orderBy: 'name',
      orderMode: 'asc',
    });
    expect(listOrder({ orderBy: 'created' })).toEqual({ orderBy: 'created' });
  });

  it('orders a search without an order by relevance, best first unless asked otherwise', () => {
    expect(listOrder({ search: 'cozy bear' })).toEqual({ orderBy: '_score', orderMode: 'desc' });
    expect(listOrder({ search: 'cozy bear', orderBy: null, orderMode: null })).toEqual({
      orderBy: '_score',
      orderMode: 'desc',
    });
    expect(listOrder({ search: 'cozy', orderMode: 'asc' })).toEqual({
      orderBy: '_score',
      orderMode: 'asc',
    });
  });

  it('leaves a list without words in insertion order', () => {
    expect(listOrder({})).toEqual({});
    expect(listOrder({ search: '', orderMode: 'desc' })).toEqual({ orderMode: 'desc' });
  });
});
