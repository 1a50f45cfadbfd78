/**
 * Who an identity provider says signed in: the user is found by `email` (or created, external),
 * and its groups and organizations are set by name when the provider maps them (absent: kept).
 */
export type ExternalIdentity = {
  /** The provider's id in THREATLOOM_AUTH_PROVIDERS. */
  provider: string;
  email: string;
  name?: string;
  firstname?: string;
  lastname?: string;
  groups?: string[];
  organizations?: string[];
};
