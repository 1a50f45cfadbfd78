import { observablePattern } from './observable-pattern.util';

describe(observablePattern.name, () => {
  it.each([
    ['IPv4-Addr', { value: '1.2.3.4' }, "[ipv4-addr:value = '1.2.3.4']"],
    ['Url', { value: "http://x/it's" }, "[url:value = 'http://x/it\\'s']"],
    ['StixFile', { hashes: { MD5: 'aa', 'SHA-256': 'bb' } }, "[file:hashes.'SHA-256' = 'bb']"],
    ['Mutex', { name: 'm' }, undefined],
  ])('%s %j → %s', (type, attributes, expected) => {
    expect(observablePattern(type, attributes)).toBe(expected);
  });
});
