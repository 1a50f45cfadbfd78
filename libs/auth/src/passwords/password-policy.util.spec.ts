import { passwordPolicyViolations } from './password-policy.util';

describe('passwordPolicyViolations', () => {
  it('accepts anything when no rule is set (absent, 0 or not a number)', () => {
    expect(passwordPolicyViolations('a', {})).toEqual([]);
    expect(
      passwordPolicyViolations('a', {
        password_policy_min_length: 0,
        password_policy_min_symbols: 'none',
        password_policy_max_length: null,
      }),
    ).toEqual([]);
  });

  it.each([
    ['password_policy_min_length', 8, 'short', /at least 8 characters \(it has 5\)/],
    ['password_policy_max_length', 6, 'far too long', /at most 6 characters \(it has 12\)/],
    ['password_policy_min_symbols', 2, 'abc!def', /at least 2 symbols \(it has 1\)/],
    ['password_policy_min_numbers', 3, 'abc12', /at least 3 digits \(it has 2\)/],
    ['password_policy_min_lowercase', 4, 'ABCdef', /at least 4 lower case letters \(it has 3\)/],
    ['password_policy_min_uppercase', 2, 'Abcdef', /at least 2 upper case letters \(it has 1\)/],
    ['password_policy_min_words', 4, 'correct-horse battery', /at least 4 words \(it has 3\)/],
  ])('%s = %d refuses "%s"', (key, limit, password, message) => {
    const violations = passwordPolicyViolations(password, { [key]: limit });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(message);
  });

  it('lists every broken rule, and none for a compliant password', () => {
    const policy = {
      password_policy_min_length: '12',
      password_policy_min_symbols: 1,
      password_policy_min_numbers: 1,
      password_policy_min_lowercase: 1,
      password_policy_min_uppercase: 1,
      password_policy_min_words: 2,
      password_policy_max_length: 64,
    };
    expect(passwordPolicyViolations('weak', policy)).toHaveLength(5);
    expect(passwordPolicyViolations('Correct horse 9!', policy)).toEqual([]);
  });

  it('counts letters and digits beyond ASCII', () => {
    expect(
      passwordPolicyViolations('Éléphant٣', {
        password_policy_min_uppercase: 1,
        password_policy_min_numbers: 1,
        password_policy_min_length: 9,
      }),
    ).toEqual([]);
  });
});
