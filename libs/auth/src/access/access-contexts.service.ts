import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ADMIN_INTERNAL_ID, SETTINGS_INTERNAL_ID } from '@lib/bootstrap';
import { Cache } from '@lib/cache';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import {
  ACCESSES_TO,
  HAS_CAPABILITY,
  HAS_ROLE,
  MEMBER_OF,
  PARTICIPATE_TO,
  capabilityOf,
  deriveAccessContext,
  systemContext,
} from '@lib/rbac';
import type {
  AccessContext,
  Capability,
  ConfidenceOverride,
  GroupGrant,
  MarkingInfo,
} from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';

const EPOCH_KEY = 'access:epoch';
// Markings are read again after this even without an access change (new markings appear by import).
const MARKINGS_TTL_MS = 5_000;
const CONTEXT_TTL_MS = 60_000;
const MAX_MARKINGS = 5_000;

function confidenceOf(value: unknown): number | undefined {
  const max = (value as { max_confidence?: unknown } | null | undefined)?.max_confidence;
  return typeof max === 'number' && Number.isFinite(max) ? max : undefined;
}

function overridesOf(value: unknown): ConfidenceOverride[] {
  const overrides = (value as { overrides?: unknown } | null | undefined)?.overrides;
  return Array.isArray(overrides)
    ? (overrides as ConfidenceOverride[]).filter(
        (o) => typeof o?.entity_type === 'string' && typeof o.max_confidence === 'number',
      )
    : [];
}

function defaultMarkingsOf(value: unknown): { entity_type: string; values: string[] }[] {
  return Array.isArray(value)
    ? (value as { entity_type: string; values: string[] }[]).filter(
        (d) => typeof d?.entity_type === 'string' && Array.isArray(d.values),
      )
    : [];
}

function maxShareableOf(value: unknown): { type: string; value: string }[] {
  return Array.isArray(value)
    ? (value as { type: string; value: string }[]).filter(
        (l) => typeof l?.type === 'string' && typeof l.value === 'string',
      )
    : [];
}

/**
 * A user's AccessContext from his groups, their roles and markings, his organizations and the
 * settings (data-model.md §4). Contexts are cached per process and dropped on every access change
 * anywhere (an epoch in the shared Cache), so a revoked right stops at the next request.
 */
@Injectable()
export class AccessContextsService {
  private readonly system = systemContext('access');
  private readonly contexts = new LRUCache<string, { epoch: string; ctx: AccessContext }>({
    max: 10_000,
    ttl: CONTEXT_TTL_MS,
  });
  private markings: { epoch: string; at: number; list: MarkingInfo[] } | undefined;

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(Cache) private readonly cache: Cache,
  ) {}

  /** Call after any change of users, groups, roles, organizations or settings. */
  async invalidate(): Promise<void> {
    await this.cache.set(EPOCH_KEY, randomUUID());
    this.contexts.clear();
    this.markings = undefined;
  }

  /** The context of an active user; undefined for a disabled one. */
  async contextOf(user: StoredElement): Promise<AccessContext | undefined> {
    if (user.entityType !== 'User' || user.attributes.account_status !== 'Active') {
      return undefined;
    }
    const epoch = await this.epoch();
    const key = `${user.internalId}:${user.version}`;
    const cached = this.contexts.get(key);
    if (cached?.epoch === epoch) return cached.ctx;
    const ctx = await this.derive(user);
    this.contexts.set(key, { epoch, ctx });
    return ctx;
  }

  /** Every marking definition as the derivation needs it (cached briefly). */
  async markingInfos(): Promise<MarkingInfo[]> {
    const epoch = await this.epoch();
    const now = Date.now();
    if (this.markings?.epoch === epoch && now - this.markings.at < MARKINGS_TTL_MS) {
      return this.markings.list;
    }
    const page = await this.index.search(this.system, {
      types: ['Marking-Definition'],
      first: MAX_MARKINGS,
    });
    const list = page.items.map((m) => ({
      id: m.internalId,
      standardId: m.standardId,
      definitionType: textOf(m.attributes.definition_type) ?? '',
      order: typeof m.attributes.x_opencti_order === 'number' ? m.attributes.x_opencti_order : 0,
      createdAt: m.createdAt,
    }));
    this.markings = { epoch, at: now, list };
    return list;
  }

  private async epoch(): Promise<string> {
    const value = await this.cache.get(EPOCH_KEY);
    return typeof value === 'string' ? value : 'initial';
  }

  private async derive(user: StoredElement): Promise<AccessContext> {
    const groupIds = user.refs[MEMBER_OF] ?? [];
    const orgIds = user.refs[PARTICIPATE_TO] ?? [];
    const [groups, orgs, settings, markings] = await Promise.all([
      this.store.getMany(this.system, groupIds),
      this.store.getMany(this.system, orgIds),
      this.store.get(this.system, SETTINGS_INTERNAL_ID),
      this.markingInfos(),
    ]);
    const roleIds = [...groups.values()].flatMap((g) => g.refs[HAS_ROLE] ?? []);
    const roles = await this.store.getMany(this.system, roleIds);
    const grants: GroupGrant[] = [...groups.values()].map((group) => ({
      id: group.internalId,
      capabilities: (group.refs[HAS_ROLE] ?? [])
        .flatMap((roleId) => roles.get(roleId)?.refs[HAS_CAPABILITY] ?? [])
        .map(capabilityOf)
        .filter((c): c is Capability => c !== undefined),
      markings: group.refs[ACCESSES_TO] ?? [],
      autoNewMarking: group.attributes.auto_new_marking === true,
      markingsReviewedAt: textOf(group.attributes.markings_reviewed_at) ?? group.createdAt,
      maxConfidence: confidenceOf(group.attributes.group_confidence_level),
      confidenceOverrides: overridesOf(group.attributes.group_confidence_level),
      defaultMarkings: defaultMarkingsOf(group.attributes.default_marking),
      maxShareable: maxShareableOf(group.attributes.max_shareable_markings),
    }));
    const platformOrganization = textOf(settings?.attributes.platform_organization);
    return deriveAccessContext(
      {
        id: user.internalId,
        name: textOf(user.attributes.name) ?? textOf(user.attributes.user_email) ?? user.internalId,
        maxConfidence: confidenceOf(user.attributes.user_confidence_level),
        confidenceOverrides: overridesOf(user.attributes.user_confidence_level),
        organizations: [...orgs.values()].flatMap((o) => [o.internalId, o.standardId]),
        groups: grants,
        isAdmin: user.internalId === ADMIN_INTERNAL_ID,
      },
      markings,
      { platformOrganization },
    );
  }
}
