import type { SessionRecord } from '@lib/auth';
import type { StoredElement } from '@lib/entity-store';

// The user admin page's "API token and sessions" section: what it shows of a user's tokens (never
// their values) and of his live sessions.

export type SessionView = {
  /** The listed id (derived from the session id, which is never shown). */
  id: string;
  created?: string | undefined;
  expires?: string | undefined;
  /** The reader's own session. */
  current: boolean;
};

export type UserAccessView = {
  userId: string;
  hasToken: boolean;
  namedTokens: { name: string; expiresAt?: string | undefined }[];
  sessions: SessionView[];
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export function userAccessOf(
  user: StoredElement,
  sessions: readonly { id: string; record: SessionRecord }[],
  currentId: string | undefined,
): UserAccessView {
  const stored = user.attributes.api_tokens;
  const named = Array.isArray(stored) ? (stored as Record<string, unknown>[]) : [];
  return {
    userId: user.internalId,
    hasToken: text(user.attributes.api_token) !== undefined,
    namedTokens: named.map((t) => ({
      name: text(t.name) ?? 'unnamed',
      expiresAt: text(t.expires_at),
    })),
    sessions: sessions
      .map(({ id, record }) => {
        const cookie = (record.cookie ?? {}) as Record<string, unknown>;
        return {
          id,
          created: text(record.created_at),
          expires: text(cookie.expires),
          current: id === currentId,
        };
      })
      .sort((a, b) => (b.created ?? '').localeCompare(a.created ?? '')),
  };
}

/** The notices the section's actions come back with. */
export function accessNotice(notice: string | undefined): string | undefined {
  if (notice === 'session-ended') return 'The session was ended.';
  if (notice === 'sessions-ended') return 'All of the user’s sessions were ended.';
  if (notice === 'no-session') return 'That session had already ended.';
  return undefined;
}
