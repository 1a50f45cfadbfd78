/** The Settings singleton's password policy attributes (0 or absent: no rule). */
export type PasswordPolicySettings = Readonly<Record<string, unknown>>;

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

const RULES: readonly {
  key: string;
  kind: 'min' | 'max';
  measure: (password: string) => number;
  what: string;
}[] = [
  {
    key: 'password_policy_min_length',
    kind: 'min',
    measure: (p) => [...p].length,
    what: 'characters',
  },
  {
    key: 'password_policy_max_length',
    kind: 'max',
    measure: (p) => [...p].length,
    what: 'characters',
  },
  {
    key: 'password_policy_min_symbols',
    kind: 'min',
    measure: (p) => count(p, /[^\p{L}\p{N}\s]/gu),
    what: 'symbols',
  },
  {
    key: 'password_policy_min_numbers',
    kind: 'min',
    measure: (p) => count(p, /\p{N}/gu),
    what: 'digits',
  },
  {
    key: 'password_policy_min_lowercase',
    kind: 'min',
    measure: (p) => count(p, /\p{Ll}/gu),
    what: 'lower case letters',
  },
  {
    key: 'password_policy_min_uppercase',
    kind: 'min',
    measure: (p) => count(p, /\p{Lu}/gu),
    what: 'upper case letters',
  },
  // Words are runs of characters between spaces, hyphens or underscores ("correct-horse battery": 3).
  {
    key: 'password_policy_min_words',
    kind: 'min',
    measure: (p) => p.split(/[\s\-_]+/u).filter((w) => w !== '').length,
    what: 'words',
  },
];

function limitOf(settings: PasswordPolicySettings, key: string): number {
  const value = settings[key];
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * What `password` breaks of the platform's password policy (the Settings attributes
 * `password_policy_*`), one readable sentence per rule; empty when it complies.
 */
export function passwordPolicyViolations(
  password: string,
  settings: PasswordPolicySettings,
): string[] {
  const violations: string[] = [];
  for (const rule of RULES) {
    const limit = limitOf(settings, rule.key);
    if (limit === 0) continue;
    const actual = rule.measure(password);
    if (rule.kind === 'min' && actual < limit) {
      violations.push(`The password needs at least ${limit} ${rule.what} (it has ${actual}).`);
    } else if (rule.kind === 'max' && actual > limit) {
      violations.push(`The password may have at most ${limit} ${rule.what} (it has ${actual}).`);
    }
  }
  return violations;
}
