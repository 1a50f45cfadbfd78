import { buildElement } from '@lib/entity-store';
import { labelOf, nameOf } from './element-rows.service';

describe('element labels', () => {
  it('puts the ATT&CK id before the name in lists, not in the name an edit form shows', () => {
    const technique = buildElement({
      entityType: 'Attack-Pattern',
      attributes: { name: 'Cloud Accounts', x_mitre_id: 'T1078.004' },
    });
    expect(labelOf(technique)).toBe('[T1078.004] Cloud Accounts');
    expect(nameOf(technique)).toBe('Cloud Accounts');
  });

  it('is the name alone without an ATT&CK id, the value for an observable', () => {
    const set = buildElement({ entityType: 'Intrusion-Set', attributes: { name: 'APT29' } });
    const ip = buildElement({ entityType: 'IPv4-Addr', attributes: { value: '198.51.100.7' } });
    expect(labelOf(set)).toBe('APT29');
    expect(labelOf(ip)).toBe('198.51.100.7');
  });
});
