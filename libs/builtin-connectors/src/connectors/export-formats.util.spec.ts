import { buildElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { stixBundle } from './export-formats.util';

describe('stixBundle', () => {
  const meta = (entityType: string, standardId: string, attributes: Record<string, unknown>) =>
    buildElement({ entityType, standardId, attributes });
  const reference = meta(
    'External-Reference',
    'external-reference--0061ea0d-66fd-5b08-b033-a89d7346656b',
    { source_name: 'mitre-attack', external_id: 'T1566' },
  );
  const phase = meta('Kill-Chain-Phase', 'kill-chain-phase--b3e945c2-436d-5d9b-9aa6-678fa7c7a1c9', {
    kill_chain_name: 'mitre-attack',
    phase_name: 'initial-access',
  });
  const author = meta('Organization', 'identity--f11b0831-e7e6-5214-9431-ccf054e53e94', {
    name: 'The MITRE Corporation',
    identity_class: 'organization',
  });
  const technique = buildElement({
    entityType: 'Attack-Pattern',
    standardId: 'attack-pattern--21e57b22-c6d0-5158-a770-0b7672b80c1b',
    attributes: { name: 'Phishing', x_mitre_id: 'T1566' },
    refs: {
      'external-reference': [reference.internalId],
      'kill-chain-phase': [phase.internalId],
      'created-by': [author.internalId],
    },
  });
  const all = [technique, reference, phase, author];
  const byId = new Map<string, StoredElement>(all.map((e) => [e.internalId, e]));
  const lookup = (id: string) => byId.get(id);

  it('embeds external references and kill chain phases, and lists what is referenced by id', () => {
    const bundle = stixBundle(all, lookup, [technique]);
    expect(bundle.objects.map((o) => o.type)).toEqual(['attack-pattern', 'identity']);
    expect(bundle.objects[0]).toMatchObject({
      created_by_ref: author.standardId,
      external_references: [{ source_name: 'mitre-attack', external_id: 'T1566' }],
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
    });
  });

  it('lists them as objects when they are what was exported', () => {
    const bundle = stixBundle([reference, phase], lookup, [reference, phase]);
    expect(bundle.objects.map((o) => o.type)).toEqual(['external-reference', 'kill-chain-phase']);
  });
});
