import { toStix } from './to-stix';
import type { StixRefTarget, StixSource } from './to-stix';

const AUTHOR = 'identity--1d0a8f3a-6b3e-5b6b-9d5b-2f3c4d5e6f70';
const PHASE = 'kill-chain-phase--2d0a8f3a-6b3e-5b6b-9d5b-2f3c4d5e6f70';

const malware = (refs: Record<string, string[]>): StixSource => ({
  internalId: '0190f0d2-0000-7000-8000-000000000001',
  standardId: 'malware--3d0a8f3a-6b3e-5b6b-9d5b-2f3c4d5e6f70',
  entityType: 'Malware',
  stixIds: [],
  attributes: { name: 'Emotet', is_family: true },
  refs,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});

describe('toStix refs', () => {
  const targets = new Map<string, StixRefTarget>([
    // A head: no attributes.
    ['author', { standardId: AUTHOR, entityType: 'Organization' }],
    [
      'phase',
      {
        standardId: PHASE,
        entityType: 'Kill-Chain-Phase',
        attributes: {
          kill_chain_name: 'mitre-attack',
          phase_name: 'execution',
          x_opencti_order: 3,
        },
      },
    ],
  ]);
  const lookup = (id: string) => targets.get(id);

  it('writes a ref by its target standard id, an embedded ref from its target attributes', () => {
    const stix = toStix(
      malware({ 'created-by': ['author'], 'kill-chain-phase': ['phase'] }),
      lookup,
    );
    expect(stix).toMatchObject({
      created_by_ref: AUTHOR,
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }],
    });
  });

  it('refuses an embedded ref whose target was given without its attributes', () => {
    expect(() => toStix(malware({ 'kill-chain-phase': ['author'] }), lookup)).toThrow(
      `The kill-chain-phase ${AUTHOR} was given without its attributes`,
    );
  });
});

describe('toStix marking definitions', () => {
  const marking = (attributes: Record<string, unknown>): StixSource => ({
    internalId: '0190f0d2-0000-7000-8000-000000000002',
    standardId: 'marking-definition--608d7dcb-0237-5e3e-9fb0-8d879f80f5dd',
    entityType: 'Marking-Definition',
    stixIds: [],
    attributes,
    refs: {},
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  });

  it('writes a statement as the STIX definition object, its text as the name', () => {
    const stix = toStix(
      marking({ definition_type: 'statement', definition: 'Copyright 2025, Example Corp.' }),
      () => undefined,
    );
    expect(stix).toMatchObject({
      type: 'marking-definition',
      definition_type: 'statement',
      definition: { statement: 'Copyright 2025, Example Corp.' },
      name: 'Copyright 2025, Example Corp.',
    });
  });

  it('keeps the text of TLP and custom types', () => {
    const stix = toStix(
      marking({ definition_type: 'PAP', definition: 'PAP:GREEN', name: 'PAP:GREEN' }),
      () => undefined,
    );
    expect(stix).toMatchObject({
      definition_type: 'PAP',
      definition: 'PAP:GREEN',
      name: 'PAP:GREEN',
    });
  });
});
