import { v5 as uuidv5 } from 'uuid';
import { OASIS_NAMESPACE, OPENCTI_NAMESPACE } from './namespaces.constants';
import { uuidV5 } from './uuid-v5.util';

const sut = uuidV5;

describe(uuidV5.name, () => {
  it.each([
    ['{"name":"emotet"}', OASIS_NAMESPACE],
    ['', OASIS_NAMESPACE],
    ['{"name":"ünïcödé 東京 🚀"}', OASIS_NAMESPACE],
    ['{"user_email":"admin@opencti.io"}', OPENCTI_NAMESPACE],
  ])('equals the uuid package for %j', (name, namespace) => {
    expect(sut(name, namespace)).toBe(uuidv5(name, namespace));
  });

  it('refuses a malformed namespace', () => {
    expect(() => sut('x', 'not-a-uuid')).toThrow(RangeError);
  });
});
