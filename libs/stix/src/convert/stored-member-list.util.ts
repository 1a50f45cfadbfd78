/** What an unreadable `restricted_members` text reads as: one member nobody is. */
export const UNREADABLE_MEMBER = '(unreadable)';

/**
 * A stored `restricted_members` attribute ([{ id, access_right }], or its JSON text) as a value:
 * text is parsed; text that does not parse reads as one member nobody is, so the element stays
 * restricted to nobody rather than open to all. Any other value is returned as it is.
 */
export function storedMemberList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return [{ id: UNREADABLE_MEMBER, access_right: 'view' }];
  }
}
