import { buildElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { externalReferencesOf, propertiesOf } from './element-properties.util';

const ref = (internalId: string, attributes: Record<string, unknown>) =>
  buildElement({ internalId, entityType: 'External-Reference', attributes });

describe('element properties', () => {
  it('lists the other readable attributes by label, internal ones left out', () => {
    const element = buildElement({
      attributes: { name: 'APT29', x_mitre_version: '4.0', i_score: 3, aliases: ['Cozy Bear'] },
    });
    expect(propertiesOf(element)).toEqual([
      { label: 'Aliases', value: 'Cozy Bear' },
      { label: 'Version', value: '4.0' },
    ]);
  });

  it('names external references by source and id, in the element order, unreadable ones out', () => {
    const found = new Map<string, StoredElement>([
      [
        'r2',
        ref('r2', {
          source_name: 'mitre-attack',
          external_id: 'G0016',
          url: 'https://a.example/G0016',
        }),
      ],
      ['r1', ref('r1', { source_name: 'Vendor report', url: 'https://b.example/r' })],
      ['r4', ref('r4', { source_name: 'CVE-2024-1', external_id: 'CVE-2024-1' })],
    ]);
    const element = buildElement({ refs: { 'external-reference': ['r1', 'r2', 'r3', 'r4'] } });
    expect(externalReferencesOf(element, found)).toEqual([
      { name: 'Vendor report', url: 'https://b.example/r' },
      { name: 'mitre-attack (G0016)', url: 'https://a.example/G0016' },
      { name: 'CVE-2024-1', url: undefined },
    ]);
  });
});
