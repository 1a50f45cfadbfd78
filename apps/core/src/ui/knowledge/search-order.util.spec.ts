import { buildElement } from '@lib/entity-store';
import { groupInOrder, namedFirst } from './search-order.util';

const element = (entityType: string, attributes: Record<string, unknown>) =>
  buildElement({ entityType, standardId: `${entityType.toLowerCase()}--x`, attributes });

describe('search order', () => {
  const goldMax = element('Malware', { name: 'GoldMax', description: 'Used by APT29.' });
  const apt29 = element('Intrusion-Set', { name: 'APT29', aliases: ['Cozy Bear', 'NOBELIUM'] });
  const technique = element('Attack-Pattern', { name: 'Phishing', x_mitre_id: 'T1566' });
  const ip = element('IPv4-Addr', { value: '198.51.100.7' });

  it('puts what the words name first, by name, alias, ATT&CK id or value, whatever the case', () => {
    const ranked = [goldMax, technique, ip, apt29];
    expect(namedFirst(ranked, 'APT29')).toEqual([apt29, goldMax, technique, ip]);
    expect(namedFirst(ranked, '  nobelium ')).toEqual([apt29, goldMax, technique, ip]);
    expect(namedFirst(ranked, 't1566')).toEqual([technique, goldMax, ip, apt29]);
    expect(namedFirst(ranked, '198.51.100.7')).toEqual([ip, goldMax, technique, apt29]);
  });

  it('keeps the index order when nothing is named exactly (a part of a name is not a name)', () => {
    const ranked = [goldMax, apt29, technique];
    expect(namedFirst(ranked, 'APT')).toEqual(ranked);
    expect(namedFirst(ranked, 'Cozy')).toEqual(ranked);
  });

  it('groups in the order of each group first item, not by size', () => {
    const items = ['b1', 'a1', 'a2', 'a3', 'b2', 'c1'];
    expect(groupInOrder(items, (item) => item[0] ?? '')).toEqual([
      ['b1', 'b2'],
      ['a1', 'a2', 'a3'],
      ['c1'],
    ]);
  });
});
