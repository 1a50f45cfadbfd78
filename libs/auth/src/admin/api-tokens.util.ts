import { createHash, randomUUID } from 'node:crypto';
import { apiTokenKey } from '@lib/bootstrap';
import { AppError } from '@lib/kernel';

/** A named API token of a user (pycti 7's model); only its SHA-256 is stored. */
export type StoredApiToken = {
  id: string;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
};

const DAY_MS = 86_400_000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token.toLowerCase()).digest('hex');
}

/** The lookup key a hashed token is found under. */
export function hashedTokenKey(token: string): string {
  return apiTokenKey(`sha256:${tokenHash(token)}`);
}

export function storedTokens(value: unknown): StoredApiToken[] {
  return Array.isArray(value) ? (value as StoredApiToken[]) : [];
}

/** `UNLIMITED`, or `DAYS_<n>` / `<n>D`: when a new token stops working. */
export function expiryOf(duration: string | null | undefined, now: Date): string | null {
  const value = (duration ?? 'UNLIMITED').trim().toUpperCase();
  if (value === 'UNLIMITED') return null;
  const days = /^(?:DAYS_)?(\d{1,4})D?$/.exec(value)?.[1];
  if (!days) {
    throw new AppError({
      code: 'ACCESS_FIELD_INVALID',
      category: 'validation',
      message: `Token duration ${duration} is not UNLIMITED or DAYS_<n>`,
      details: { duration },
    });
  }
  return new Date(now.getTime() + Number(days) * DAY_MS).toISOString();
}

export function newToken(name: string, duration: string | null | undefined) {
  const plaintext = randomUUID();
  const now = new Date();
  const stored: StoredApiToken = {
    id: randomUUID(),
    name,
    token_hash: tokenHash(plaintext),
    created_at: now.toISOString(),
    expires_at: expiryOf(duration, now),
  };
  return { plaintext, stored };
}

/** Whether `token` is one of the user's named tokens, unexpired. */
export function namedTokenValid(tokens: unknown, token: string, now = new Date()): boolean {
  const hash = tokenHash(token);
  return storedTokens(tokens).some(
    (t) => t.token_hash === hash && (t.expires_at === null || t.expires_at > now.toISOString()),
  );
}

/** The lookup keys of a user: his primary token and each named one. */
export function tokenLookupKeys(primary: unknown, tokens: unknown): string[] {
  return [
    ...(typeof primary === 'string' ? [apiTokenKey(primary)] : []),
    ...storedTokens(tokens).map((t) => apiTokenKey(`sha256:${t.token_hash}`)),
  ];
}
