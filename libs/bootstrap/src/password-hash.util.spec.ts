import { randomBytes, scryptSync } from 'node:crypto';
import { argon2i, argon2id, hash } from 'argon2';
import { hashPassword, passwordHashOutdated, verifyPassword } from './password-hash.util';

// A hash the first releases wrote: scrypt N=16384 r=8 p=1, 64 bytes.
function legacyScrypt(password: string): string {
  const salt = randomBytes(16);
  const digest = scryptSync(password, salt, 64, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), digest.toString('base64')].join('$');
}

describe('password hashes', () => {
  it('hashes with argon2id, salted, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('correct horse battery', a)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', a)).resolves.toBe(false);
    expect(passwordHashOutdated(a)).toBe(false);
  });

  it('still verifies a legacy scrypt hash and flags it for an upgrade', async () => {
    const legacy = legacyScrypt('s3cret-legacy');
    await expect(verifyPassword('s3cret-legacy', legacy)).resolves.toBe(true);
    await expect(verifyPassword('s3cret-legacY', legacy)).resolves.toBe(false);
    expect(passwordHashOutdated(legacy)).toBe(true);
  });

  it('flags argon2 hashes of other parameters or variants for an upgrade', async () => {
    const heavier = await hash('pw', { type: argon2id, memoryCost: 32_768, timeCost: 3 });
    const variant = await hash('pw', { type: argon2i });
    await expect(verifyPassword('pw', heavier)).resolves.toBe(true);
    expect(passwordHashOutdated(heavier)).toBe(true);
    expect(passwordHashOutdated(variant)).toBe(true);
  });

  it('treats malformed stored values as a non-match', async () => {
    for (const stored of ['', 'plain', 'scrypt$1$2', '$argon2id$v=19$broken', 'bcrypt$x$y$z$a$b']) {
      await expect(verifyPassword('anything', stored)).resolves.toBe(false);
    }
  });
});
