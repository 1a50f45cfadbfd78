import { isStixId } from './stix-id.util';

const UUID = '31b940d4-6f7f-459a-80ea-9c1f17b5891b';

describe(isStixId.name, () => {
  const sut = isStixId;

  it.each([
    `malware--${UUID}`,
    `x-mitre-data-component--${UUID}`,
    `relationship-meta--${UUID}`,
    `ipv4-addr--${UUID.toUpperCase()}`,
    'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  ])('accepts %s', (id) => {
    expect(sut(id)).toBe(true);
  });

  it.each([
    '',
    UUID,
    `Malware--${UUID}`,
    `malware-${UUID}`,
    `malware--${UUID}-`,
    `malware--${UUID.slice(0, -1)}`,
    `malware--${UUID.replace('a', 'g')}`,
    `-malware--${UUID}`,
    42,
    null,
  ])('rejects %j', (id) => {
    expect(sut(id)).toBe(false);
  });

  it('checks the object type of the identifier when one is given', () => {
    expect(sut(`identity--${UUID}`, 'identity')).toBe(true);
    expect(sut(`identity--${UUID}`, 'marking-definition')).toBe(false);
    expect(sut(`x-identity--${UUID}`, 'identity')).toBe(false);
    expect(sut(`identity--${UUID}x`, 'identity')).toBe(false);
    expect(sut(`identity-${UUID}`, 'identity')).toBe(false);
  });
});
