import { ENTITY_TYPES } from '../model/entity-types.constants';
import { hasDeterministicId } from './has-deterministic-id.util';

const sut = hasDeterministicId;

describe(hasDeterministicId.name, () => {
  it.each([
    'Malware',
    'IPv4-Addr',
    'Label',
    'uses',
    'stix-sighting-relationship',
    'User',
    'Settings',
  ])('is true for %s', (entityType) => {
    expect(sut(entityType)).toBe(true);
  });

  it.each([
    'Connector',
    'work',
    'Playbook',
    'object-marking',
    'member-of',
    'x-mitre-analytic',
    'Nope',
  ])('is false for %s', (entityType) => {
    expect(sut(entityType)).toBe(false);
  });

  it('covers every STIX domain, meta and observable type', () => {
    const stixEntities = ENTITY_TYPES.filter(
      (t) => t.baseType === 'ENTITY' && !t.parents.includes('Internal-Object'),
    );
    expect(stixEntities.filter((t) => !sut(t.entityType)).map((t) => t.entityType)).toEqual([]);
  });
});
