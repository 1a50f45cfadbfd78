import {
  FIRST_NAMES,
  LAST_NAMES,
  SYLLABLES,
  TLDS,
  URL_FILES,
  URL_PATHS,
} from './corpus-words.constants';
import type { CorpusState } from './corpus-state';

// Every value below derives from a per-kind counter through a bijection (odd multiplier, XOR or
// affine permutation), so values never repeat by accident and no set of past values is kept.

const GOLDEN = 0x9e3779b1;
const FREEMAIL = ['gmail.com', 'outlook.com', 'proton.me', 'yandex.ru', 'mail.ru', 'qq.com'];

function mixed(state: CorpusState, key: string): number {
  return (Math.imul(state.counter(key), GOLDEN) ^ state.offset(key)) >>> 0;
}

function isPublicIpv4(a: number, b: number): boolean {
  if (a === 0 || a === 10 || a === 127 || a >= 224) {
    return false;
  }
  if ((a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254)) {
    return false;
  }
  return !((a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168));
}

/** A fresh public IPv4 address (private, loopback and multicast ranges are skipped). */
export function nextIpv4(state: CorpusState): string {
  for (;;) {
    const x = mixed(state, 'ipv4');
    const a = x >>> 24;
    const b = (x >>> 16) & 0xff;
    if (isPublicIpv4(a, b)) {
      return `${a}.${b}.${(x >>> 8) & 0xff}.${x & 0xff}`;
    }
  }
}

/** A fresh global unicast IPv6 address in RFC 5952 text form (no zero group next to `::`). */
export function nextIpv6(state: CorpusState): string {
  for (;;) {
    const x = mixed(state, 'ipv6');
    const high = x >>> 16;
    const low = x & 0xffff;
    if (high !== 0 && low !== 0) {
      const prefix = 0x2a00 + ((x >>> 3) & 0xf);
      const host = 1 + state.prng.int(0xfffe);
      return `${prefix.toString(16)}:${high.toString(16)}:${low.toString(16)}::${host.toString(16)}`;
    }
  }
}

/** A fresh registrable domain name, e.g. `kalomine.xyz` (four syllables, lower case). */
export function nextDomain(state: CorpusState): string {
  const { parts, tier } = state
    .sequence('domain', [SYLLABLES, SYLLABLES, SYLLABLES, SYLLABLES])
    .next();
  const label = parts.join('') + (tier > 0 ? String(tier) : '');
  return `${label}.${state.prng.pick(TLDS)}`;
}

/** A fresh URL; `host` is an existing domain when the caller has one. */
export function nextUrl(state: CorpusState, host: string | undefined): string {
  const token = mixed(state, 'url').toString(36);
  const scheme = state.prng.chance(0.7) ? 'http' : 'https';
  const path = state.prng.pick(URL_PATHS);
  const file = state.prng.pick(URL_FILES);
  return `${scheme}://${host ?? nextDomain(state)}/${path}/${token}/${file}`;
}

export type EmailParts = { value: string; displayName: string };

/** A fresh e-mail address: unique local part, existing or free-mail domain. */
export function nextEmail(state: CorpusState, domain: string | undefined): EmailParts {
  const first = state.prng.pick(FIRST_NAMES);
  const last = state.prng.pick(LAST_NAMES);
  const n = state.counter('email') + (state.offset('email') % 1000);
  const host = domain ?? state.prng.pick(FREEMAIL);
  const capital = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  return {
    value: `${first}.${last}${n}@${host}`,
    displayName: `${capital(first)} ${capital(last)}`,
  };
}
