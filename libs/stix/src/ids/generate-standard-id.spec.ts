import { AppError } from '@lib/kernel';
import { BOOTSTRAP_MARKINGS } from '../model/bootstrap-markings.constants';
import { generateStandardId } from './generate-standard-id.util';

const sut = generateStandardId;

const APT28 = 'intrusion-set--f743ab1d-b2f2-58f8-975f-0993511c0b9d';
const EMOTET = 'malware--36297121-bf18-56e1-b200-d39c9f9f5cee';
const IPV4 = 'ipv4-addr--0198f97b-e65d-5025-87e5-58bc39d4bdb4';
const INDICATOR = 'indicator--274128a4-2ad4-50b5-ae7b-b0dea1fa9861';

describe(generateStandardId.name, () => {
  describe('worked examples of data-model.md §3.7', () => {
    it.each<[string, string, Record<string, unknown>, string]>([
      ['Malware Emotet', 'Malware', { name: 'Emotet', aliases: ['Geodo'] }, EMOTET],
      ['IPv4 1.2.3.4', 'IPv4-Addr', { value: '1.2.3.4' }, IPV4],
      ['Intrusion-Set APT28', 'Intrusion-Set', { name: 'APT28' }, APT28],
      [
        'APT28 uses Emotet',
        'uses',
        { relationship_type: 'uses', source_ref: APT28, target_ref: EMOTET },
        'relationship--e95f5a93-f9c8-590f-80a5-7f39944a82b0',
      ],
      [
        'APT28 uses Emotet since 2024-01-01',
        'uses',
        {
          relationship_type: 'uses',
          source_ref: APT28,
          target_ref: EMOTET,
          start_time: '2024-01-01T00:00:00.000Z',
        },
        'relationship--ae541664-59e2-5ed0-a18c-2a4ad638dcae',
      ],
      [
        'Threat-Actor-Group APT28',
        'Threat-Actor-Group',
        { name: 'APT28' },
        'threat-actor--90bd2396-8173-5dd4-92ad-31f3786e636d',
      ],
      [
        'Organization ACME Corp',
        'Organization',
        { name: 'ACME Corp', identity_class: 'organization' },
        'identity--542072da-8b33-50bf-810b-d9cfd2a0bc69',
      ],
      [
        'Sector Energy',
        'Sector',
        { name: 'Energy', identity_class: 'class' },
        'identity--166544e2-ba1f-5a6c-89cf-a63d0c01e91c',
      ],
      [
        'Country France',
        'Country',
        { name: 'France', x_opencti_location_type: 'Country' },
        'location--b8d0549f-de06-5ebd-a6e9-d31a581dba5d',
      ],
      [
        'Indicator on 1.2.3.4',
        'Indicator',
        { pattern: "[ipv4-addr:value = '1.2.3.4']" },
        INDICATOR,
      ],
      [
        'Indicator based-on IPv4',
        'based-on',
        { relationship_type: 'based-on', source_ref: INDICATOR, target_ref: IPV4 },
        'relationship--a787645d-9c70-51d7-b74a-91f3c0a88d3f',
      ],
      [
        'StixFile by MD5',
        'StixFile',
        { hashes: { MD5: 'd41d8cd98f00b204e9800998ecf8427e' } },
        'file--02fff920-f614-527c-81d1-6353633a6d21',
      ],
      [
        'Label malicious',
        'Label',
        { value: 'malicious' },
        'label--cd0487f9-da15-527e-98b7-e4fe90ffef52',
      ],
      [
        'Kill chain mitre-attack/execution',
        'Kill-Chain-Phase',
        { kill_chain_name: 'mitre-attack', phase_name: 'execution' },
        'kill-chain-phase--59a25637-983b-58e3-9b65-c46debf88307',
      ],
      [
        'Attack-Pattern T1059',
        'Attack-Pattern',
        { name: 'Command and Scripting Interpreter', x_mitre_id: 'T1059' },
        'attack-pattern--bab942ff-7c9c-5062-9e92-3392bfb2fd74',
      ],
    ])('%s', (_label, entityType, data, expected) => {
      expect(sut(entityType, data)).toBe(expected);
    });
  });

  describe('platform test vectors (identifier-test.js)', () => {
    it.each<[string, string, Record<string, unknown>, string]>([
      [
        'Malware "malware"',
        'Malware',
        { name: 'malware' },
        'malware--92ddf766-b27c-5159-8f46-27002bba2f04',
      ],
      [
        'Attack-Pattern "attack"',
        'Attack-Pattern',
        { name: 'attack' },
        'attack-pattern--25f21617-8de8-5d5e-8cd4-b7e88547ba76',
      ],
      [
        'Threat-Actor-Group "CARD04"',
        'Threat-Actor-Group',
        { name: 'CARD04' },
        'threat-actor--6d458783-df3b-5398-8e30-282655ad7b94',
      ],
      [
        'Threat-Actor-Individual "CARD04"',
        'Threat-Actor-Individual',
        { name: 'CARD04' },
        'threat-actor--af15b6ae-a3dd-54d3-8fa0-3adfe0391d01',
      ],
      [
        'Individual "julien"',
        'Individual',
        { name: 'julien', identity_class: 'Individual' },
        'identity--d969b177-497f-598d-8428-b128c8f5f819',
      ],
      [
        'Report "Report" published 2022-11-25T19:00:05.000Z',
        'Report',
        { name: 'Report', published: '2022-11-25T19:00:05.000Z' },
        'report--761c6602-975f-5e5e-b220-7a2d41f33ce4',
      ],
      [
        'based-on from_id → to_id',
        'based-on',
        { relationship_type: 'based-on', source_ref: 'from_id', target_ref: 'to_id' },
        'relationship--0b11fa67-da01-5d34-9864-67d4d71c3740',
      ],
      [
        'sighting from_id → to_id',
        'stix-sighting-relationship',
        { sighting_of_ref: 'from_id', where_sighted_refs: ['to_id'] },
        'sighting--161901df-21bb-527a-b96b-354119279fe2',
      ],
      [
        'Vulnerability alias "CVE-2019-12345"',
        'Vulnerability',
        { name: 'CVE-2019-12345' },
        'vulnerability--f140924c-f52e-5b3a-b8bb-37a97cee7063',
      ],
    ])('%s', (_label, entityType, data, expected) => {
      expect(sut(entityType, data)).toBe(expected);
    });
  });

  describe('markings', () => {
    it.each(BOOTSTRAP_MARKINGS.map((m) => [m.definition, m] as const))(
      'gives bootstrap marking %s its §4.1 id',
      (_definition, marking) => {
        const data = { definition_type: marking.definitionType, definition: marking.definition };
        expect(sut('Marking-Definition', data)).toBe(marking.standardId);
      },
    );

    it('maps the legacy TLP:WHITE to the TLP:CLEAR id', () => {
      const data = { definition_type: 'TLP', definition: 'TLP:WHITE' };
      expect(sut('Marking-Definition', data)).toBe(
        'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
      );
    });

    it('upper-cases definition and type before hashing and matching static ids', () => {
      expect(sut('Marking-Definition', { definition_type: 'tlp', definition: 'tlp:red' })).toBe(
        'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
      );
      expect(sut('Marking-Definition', { definition_type: 'pap', definition: 'pap:red' })).toBe(
        sut('Marking-Definition', { definition_type: 'PAP', definition: 'PAP:RED' }),
      );
    });
  });

  describe('missing elements', () => {
    it.each<[string, Record<string, unknown>]>([
      ['Malware', {}],
      ['Malware', { name: '  ' }],
      ['Report', { description: 'x' }],
      ['Incident', { created: '2024-01-01T00:00:00.000Z' }],
      ['Marking-Definition', { definition: 'TLP:RED' }],
      ['uses', { relationship_type: 'uses', source_ref: APT28 }],
      ['stix-sighting-relationship', { sighting_of_ref: INDICATOR }],
      ['StixFile', { hashes: { TLSH: 'abc' } }],
    ])('refuses %s %j with STIX_ID_MISSING_ELEMENTS', (entityType, data) => {
      expect(() => sut(entityType, data)).toThrow(AppError);
      try {
        sut(entityType, data);
      } catch (error: unknown) {
        expect(error).toMatchObject({ code: 'STIX_ID_MISSING_ELEMENTS', category: 'validation' });
        expect((error as Error).message).toContain(entityType);
      }
    });

    it('names the contributing properties in the message', () => {
      expect(() => sut('Attack-Pattern', {})).toThrow(
        'Missing required elements for Attack-Pattern creation (x_mitre_id | name)',
      );
    });
  });
});
