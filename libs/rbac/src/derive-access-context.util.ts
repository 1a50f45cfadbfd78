import type { AccessContext } from './access-context.types';
import { CAPABILITIES } from './capabilities.constants';
import type { Capability } from './capabilities.constants';

export type MarkingInfo = {
  id: string;
  /** Its STIX id, when known (limits may name a marking either way). */
  standardId?: string;
  definitionType: string;
  order: number;
  createdAt: string;
};

export type GroupGrant = {
  id: string;
  capabilities: readonly Capability[];
  /** Markings granted explicitly (internal ids). */
  markings: readonly string[];
  /** auto_new_marking: markings created after `markingsReviewedAt` are granted too. */
  autoNewMarking: boolean;
  markingsReviewedAt: string;
  maxConfidence: number | undefined;
  confidenceOverrides?: readonly ConfidenceOverride[];
  defaultMarkings?: readonly { entity_type: string; values: readonly string[] }[];
  /** max_shareable_markings: per marking type, a marking id or `none`. */
  maxShareable?: readonly { type: string; value: string }[];
};

export type ConfidenceOverride = { entity_type: string; max_confidence: number };

export type UserGrant = {
  id: string;
  name: string;
  /** user_confidence_level.max_confidence when the user has his own. */
  maxConfidence: number | undefined;
  /** His own level's overrides (they replace the groups' when he has his own level). */
  confidenceOverrides?: readonly ConfidenceOverride[];
  /** Internal and standard ids of the user's organizations. */
  organizations: readonly string[];
  groups: readonly GroupGrant[];
  /** The bootstrap admin: bypass whatever his groups say (§4.6). */
  isAdmin: boolean;
};

/** Settings that shape access: organization segregation is on when a platform org is set. */
export type AccessSettings = { platformOrganization: string | undefined };

/**
 * A user's effective rights (data-model.md §4.2, §4.3, §4.6): capabilities from the roles of his
 * groups, markings granted to his groups each widened to every lower marking of its type, his
 * organizations when segregation applies to him, and his confidence.
 */
export function deriveAccessContext(
  user: UserGrant,
  markings: readonly MarkingInfo[],
  settings: AccessSettings,
): AccessContext {
  const capabilities = new Set<Capability>(user.groups.flatMap((g) => g.capabilities));
  const bypass = user.isAdmin || capabilities.has('BYPASS');
  if (bypass) {
    return {
      kind: 'user',
      userId: user.id,
      userName: user.name,
      capabilities: new Set(CAPABILITIES),
      bypass: true,
      allowedMarkings: 'all',
      organizations: 'all',
      maxConfidence: 100,
    };
  }
  const groupConfidences = user.groups
    .map((g) => g.maxConfidence)
    .filter((c): c is number => c !== undefined);
  const maxConfidence =
    user.maxConfidence ?? (groupConfidences.length > 0 ? Math.max(...groupConfidences) : 0);
  return {
    kind: 'user',
    userId: user.id,
    userName: user.name,
    capabilities,
    bypass: false,
    allowedMarkings: allowedMarkings(user.groups, markings),
    organizations: organizationsOf(user, settings),
    maxConfidence,
    principals: new Set([user.id, ...user.groups.map((g) => g.id), ...user.organizations]),
    confidenceOverrides: confidenceOverridesOf(user),
    defaultMarkings: defaultMarkingsOf(user.groups),
    maxShareable: maxShareableOf(user.groups, markings),
  };
}

function allowedMarkings(
  groups: readonly GroupGrant[],
  markings: readonly MarkingInfo[],
): ReadonlySet<string> {
  const byId = new Map(markings.map((m) => [m.id, m]));
  // Highest granted order per definition type.
  const ceiling = new Map<string, number>();
  const raise = (marking: MarkingInfo) =>
    ceiling.set(
      marking.definitionType,
      Math.max(ceiling.get(marking.definitionType) ?? -Infinity, marking.order),
    );
  for (const group of groups) {
    for (const id of group.markings) {
      const marking = byId.get(id);
      if (marking) raise(marking);
    }
    if (group.autoNewMarking) {
      markings.filter((m) => m.createdAt > group.markingsReviewedAt).forEach(raise);
    }
  }
  return new Set(
    markings
      .filter((m) => m.order <= (ceiling.get(m.definitionType) ?? -Infinity))
      .map((m) => m.id),
  );
}

function organizationsOf(user: UserGrant, settings: AccessSettings): ReadonlySet<string> | 'all' {
  const platform = settings.platformOrganization;
  if (!platform || user.organizations.includes(platform)) return 'all';
  return new Set(user.organizations);
}

/** The user's own overrides when he has his own level, else the highest per type of his groups. */
function confidenceOverridesOf(user: UserGrant): Record<string, number> {
  const overrides =
    user.maxConfidence !== undefined
      ? (user.confidenceOverrides ?? [])
      : user.groups.flatMap((g) => g.confidenceOverrides ?? []);
  const byType: Record<string, number> = {};
  for (const o of overrides) {
    byType[o.entity_type] = Math.max(byType[o.entity_type] ?? -Infinity, o.max_confidence);
  }
  return byType;
}

function defaultMarkingsOf(groups: readonly GroupGrant[]): Record<string, string[]> {
  const byType: Record<string, string[]> = {};
  for (const d of groups.flatMap((g) => g.defaultMarkings ?? [])) {
    byType[d.entity_type] = [...new Set([...(byType[d.entity_type] ?? []), ...d.values])];
  }
  return byType;
}

/** The most a user may share per marking type: the widest of his groups that limit the type. */
function maxShareableOf(
  groups: readonly GroupGrant[],
  markings: readonly MarkingInfo[],
): Record<string, number> {
  const orderOf = new Map(
    markings.flatMap((m) => [
      [m.id, m.order] as const,
      ...(m.standardId ? [[m.standardId, m.order] as const] : []),
    ]),
  );
  const byType: Record<string, number> = {};
  for (const limit of groups.flatMap((g) => g.maxShareable ?? [])) {
    const order = limit.value === 'none' ? -1 : (orderOf.get(limit.value) ?? -1);
    byType[limit.type] = Math.max(byType[limit.type] ?? -Infinity, order);
  }
  return byType;
}
