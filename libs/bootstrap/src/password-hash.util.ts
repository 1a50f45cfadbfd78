import { scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { argon2id, hash, needsRehash, verify } from 'argon2';

// New hashes are argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane): TAXII
// and feed clients with Basic authentication have their password verified on every request. The
// parameters travel in the hash, so raising them later upgrades hashes at the next login. Hashes of the first releases were scrypt (`scrypt$N$r$p$salt$hash`):
// they still verify, and `passwordHashOutdated` tells the login to replace them.
const SCRYPT_MAX_MEMORY = 256 * 1024 * 1024;
const ARGON2 = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keyLength: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Whether `password` matches `stored` (argon2 or legacy scrypt); false for anything malformed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    // A malformed hash is a non-match, not a server error: the stored value is data.
    return verify(stored, password).catch(() => false);
  }
  const [scheme, n, r, p, salt, digest] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !digest) {
    return false;
  }
  const expected = Buffer.from(digest, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT_MAX_MEMORY,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when a verified hash should be replaced by a fresh `hashPassword` (scrypt, old parameters). */
export function passwordHashOutdated(stored: string): boolean {
  return !stored.startsWith('$argon2id$') || needsRehash(stored, ARGON2);
}
