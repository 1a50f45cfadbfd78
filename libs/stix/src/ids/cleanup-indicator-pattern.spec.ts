import { cleanupIndicatorPattern } from './cleanup-indicator-pattern.util';

const sut = cleanupIndicatorPattern;

// Expected values were produced by the platform's algorithm run over the real STIX pattern
// grammar (stix2-patterns' ANTLR parser); the same check over 8,759 corpus patterns agreed.
describe(cleanupIndicatorPattern.name, () => {
  it.each<[string, string, string]>([
    ['spaces the comparison', "[ipv4-addr:value='1.2.3.4']", "[ipv4-addr:value = '1.2.3.4']"],
    [
      'spaces AND / OR in compound patterns',
      "[ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value='5.6.7.8'] AND [domain-name:value='a b.com']",
      "[ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value = '5.6.7.8'] AND [domain-name:value = 'a b.com']",
    ],
    [
      'keeps string literals, spaces and escaped quotes untouched',
      "[file:name = 'it\\'s a \\\\ test  with  spaces']",
      "[file:name = 'it\\'s a \\\\ test  with  spaces']",
    ],
    [
      'spaces FOLLOWEDBY / WITHIN / SECONDS',
      "([a:b='x'] FOLLOWEDBY [c:d='y']) WITHIN 5 SECONDS",
      "([a:b = 'x'] FOLLOWEDBY [c:d = 'y']) WITHIN 5 SECONDS",
    ],
    ['spaces REPEATS / TIMES', "[a:b='x'] REPEATS 5 TIMES", "[a:b = 'x'] REPEATS 5 TIMES"],
    [
      'spaces relational operators and glues negative numbers',
      '[network-traffic:dst_port > 443 AND network-traffic:dst_port<=-5]',
      '[network-traffic:dst_port > 443 AND network-traffic:dst_port <= -5]',
    ],
    [
      'keeps both spaces of two adjacent operators',
      "[file:name NOT = 'x']",
      "[file:name NOT  = 'x']",
    ],
    ['glues set members', '[file:size IN (1,2, 3)]', '[file:size IN (1,2,3)]'],
    [
      'spaces LIKE / START / STOP and keeps timestamp literals',
      "[x:y LIKE 'a%' ] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
      "[x:y LIKE 'a%'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
    ],
    [
      'spaces MATCHES / ISSUBSET / ISSUPERSET',
      "[x:y MATCHES '^a$' AND x:z ISSUBSET '10.0.0.0/8' OR x:w ISSUPERSET '1.2.3.4/32']",
      "[x:y MATCHES '^a$' AND x:z ISSUBSET '10.0.0.0/8' OR x:w ISSUPERSET '1.2.3.4/32']",
    ],
    [
      'leaves the alternative spellings == and <> glued, as the platform does',
      "[x:y == 'a' AND x:z <> 'b' AND x:q != 'c' AND x:r >= 1.5]",
      "[x:y=='a' AND x:z<>'b' AND x:q != 'c' AND x:r >= 1.5]",
    ],
    [
      'glues object paths, quoted keys and list indexes',
      "[file:hashes.'SHA-256' = 'abc'] AND [file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
      "[file:hashes.'SHA-256' = 'abc'] AND [file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
    ],
    [
      'keeps hex, binary and boolean literals glued',
      "[x:y = h'0a0b' AND x:z = b'AAAA' AND x:t = true]",
      "[x:y = h'0a0b' AND x:z = b'AAAA' AND x:t = true]",
    ],
    ['trims the result', "  [x:y = 'trailing']   ", "[x:y = 'trailing']"],
    [
      'drops comments',
      "[process:command_line MATCHES 'a\\\\b'] /* c */ AND // line\n [x:y='z']",
      "[process:command_line MATCHES 'a\\\\b'] AND [x:y = 'z']",
    ],
    ['is idempotent', "[ipv4-addr:value = '1.2.3.4']", "[ipv4-addr:value = '1.2.3.4']"],
  ])('%s', (_label, pattern, expected) => {
    expect(sut('stix', pattern)).toBe(expected);
  });

  it('accepts the pattern type in any case', () => {
    expect(sut('STIX', "[a:b='c']")).toBe("[a:b = 'c']");
  });

  it('returns other pattern types verbatim', () => {
    const yara = 'rule x { strings: $a = "b"  condition: $a }\n';
    expect(sut('yara', yara)).toBe(yara);
    expect(sut('sigma', '  title: x  ')).toBe('  title: x  ');
  });

  it('returns an empty pattern unchanged', () => {
    expect(sut('stix', '')).toBe('');
  });

  it('re-formats an unterminated literal without throwing (it does not validate)', () => {
    expect(sut('stix', "[x:y='unterminated")).toBe("[x:y = 'unterminated");
  });
});
