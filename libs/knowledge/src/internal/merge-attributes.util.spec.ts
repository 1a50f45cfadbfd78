import { buildElement } from '@lib/entity-store';
import { mergeAttributes, mergeRefs } from './merge-attributes.util';

describe(mergeAttributes.name, () => {
  it('unions lists, fills gaps, merges dictionaries, and turns source names into aliases', () => {
    const target = buildElement({
      entityType: 'Malware',
      attributes: {
        name: 'Emotet',
        aliases: ['Geodo'],
        description: 'kept',
        malware_types: ['trojan'],
      },
    });
    const source = buildElement({
      entityType: 'Malware',
      attributes: {
        name: 'Heodo',
        description: 'lost',
        malware_types: ['bot'],
        first_seen: '2020-01-01T00:00:00.000Z',
      },
    });
    expect(mergeAttributes(target, [source])).toEqual({
      name: 'Emotet',
      aliases: ['Geodo', 'Heodo'],
      description: 'kept',
      malware_types: ['trojan', 'bot'],
      first_seen: '2020-01-01T00:00:00.000Z',
    });
  });

  it('merges hashes key by key (the target wins) and keeps file names as additional names', () => {
    const target = buildElement({
      entityType: 'StixFile',
      attributes: { name: 'a.exe', hashes: { MD5: '1' } },
    });
    const source = buildElement({
      entityType: 'StixFile',
      attributes: { name: 'b.exe', hashes: { MD5: '2', 'SHA-256': '3' } },
    });
    expect(mergeAttributes(target, [source])).toEqual({
      name: 'a.exe',
      hashes: { MD5: '1', 'SHA-256': '3' },
      x_opencti_additional_names: ['b.exe'],
    });
  });
});

describe(mergeRefs.name, () => {
  it('unions refs, re-pointing sources to the target and dropping self-references', () => {
    const target = buildElement({
      entityType: 'Malware',
      attributes: { name: 'T' },
      refs: { object: ['x'] },
    });
    const source = buildElement({
      entityType: 'Malware',
      attributes: { name: 'S' },
      refs: { object: ['x', 'y', 's2'] },
    });
    const replace = new Map([['s2', target.internalId]]);
    expect(mergeRefs(target, [source], replace)).toEqual({ object: ['x', 'y'] });
  });
});
