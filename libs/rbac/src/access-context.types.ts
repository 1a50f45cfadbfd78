import type { Capability } from './capabilities.constants';

/**
 * Who is asking, and what they may see. Every read of the store takes one; internal jobs use an
 * explicit system context (see `systemContext`).
 */
export type AccessContext = {
  kind: 'user' | 'system';
  userId: string;
  userName: string;
  capabilities: ReadonlySet<Capability>;
  /** BYPASS users and the system see every marking and organization. */
  bypass: boolean;
  /** Internal ids of the marking definitions this user may see ('all' for bypass). */
  allowedMarkings: ReadonlySet<string> | 'all';
  /** Internal ids of the user's organizations ('all' when organization segregation is off). */
  organizations: ReadonlySet<string> | 'all';
  /** Effective max confidence (data-model.md §4.6); caps writes and gates upserts. */
  maxConfidence: number;
  /**
   * Ids an authorized-members list may name for this user (§4.4): his own, his groups', his
   * organizations'. Absent: his own only. `ALL` always matches.
   */
  principals?: ReadonlySet<string>;
  /** Per entity type, a confidence cap other than `maxConfidence` (§4.6 overrides). */
  confidenceOverrides?: Readonly<Record<string, number>>;
  /**
   * Markings new content gets when its creator names none, per entity type (`GLOBAL` for all
   * types), from his groups' `default_marking` (§4.2).
   */
  defaultMarkings?: Readonly<Record<string, readonly string[]>>;
  /**
   * Per marking type, the highest order this user may share (exports, dissemination); -1: none
   * of that type. A type absent is not limited (§4.2 max shareable markings).
   */
  maxShareable?: Readonly<Record<string, number>>;
};

/** The part of an AccessContext a store compiles into its query (never applied after fetching). */
export type AccessRule = {
  markings: ReadonlySet<string> | 'all';
  organizations: ReadonlySet<string> | 'all';
  /** Who the reader is for authorized members (§4.4); 'all' for bypass. */
  principals: ReadonlySet<string> | 'all';
};
