import type { EntityStore, StoredElement } from '@lib/entity-store';
import {
  ACCESSES_TO,
  BOOTSTRAP_GROUPS,
  BOOTSTRAP_ROLES,
  CAPABILITIES,
  CAPABILITY_TYPE,
  GROUP_TYPE,
  HAS_CAPABILITY,
  HAS_ROLE,
  ROLE_TYPE,
  bootstrapGroupId,
  bootstrapRoleId,
  capabilityId,
} from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { BOOTSTRAP_MARKINGS } from '@lib/stix';
import { internalElement } from '../internal-element.util';

// Groups start with this confidence (data-model.md §4.6).
const DEFAULT_GROUP_CONFIDENCE = 100;

function capabilityElements(now: string): StoredElement[] {
  return CAPABILITIES.map((name, order) => {
    const id = capabilityId(name);
    return internalElement(
      id,
      CAPABILITY_TYPE,
      `capability--${id}`,
      { name, description: name.split('_').at(-1) ?? name, attribute_order: order * 10 },
      now,
    );
  });
}

function roleElements(now: string): StoredElement[] {
  return BOOTSTRAP_ROLES.map((role) => {
    const id = bootstrapRoleId(role.name);
    return internalElement(
      id,
      ROLE_TYPE,
      `role--${id}`,
      { name: role.name, description: role.description },
      now,
      { [HAS_CAPABILITY]: role.capabilities.map(capabilityId) },
    );
  });
}

function groupElements(now: string, markingIds: string[]): StoredElement[] {
  return BOOTSTRAP_GROUPS.map((group) => {
    const id = bootstrapGroupId(group.name);
    return internalElement(
      id,
      GROUP_TYPE,
      `group--${id}`,
      {
        name: group.name,
        description: group.description,
        default_assignation: group.defaultAssignation,
        auto_new_marking: group.autoNewMarking,
        markings_reviewed_at: now,
        group_confidence_level: { max_confidence: DEFAULT_GROUP_CONFIDENCE, overrides: [] },
        max_shareable_markings: [],
        default_marking: [],
      },
      now,
      {
        [HAS_ROLE]: [bootstrapRoleId(group.role)],
        [ACCESSES_TO]: group.autoNewMarking ? markingIds : [],
      },
    );
  });
}

/**
 * The capabilities, and on first boot the bootstrap roles and groups (§4.6); elements already
 * present are left as the admins changed them. Capabilities follow the code (a new one appears).
 */
export async function ensureAccessModel(store: EntityStore, system: AccessContext): Promise<void> {
  const now = new Date().toISOString();
  const markingIds = [
    ...(
      await store.resolve(
        system,
        BOOTSTRAP_MARKINGS.map((m) => m.standardId),
      )
    ).values(),
  ].flatMap((found) => found.slice(0, 1).map((m) => m.internalId));
  const wanted = [
    ...capabilityElements(now),
    ...roleElements(now),
    ...groupElements(now, markingIds),
  ];
  const present = await store.getMany(
    system,
    wanted.map((e) => e.internalId),
  );
  const missing = wanted.filter((e) => !present.has(e.internalId));
  if (missing.length === 0) return;
  await store.commit({
    upserts: missing.map((element) => ({ element, expectedVersion: 0 })),
    deletes: [],
    events: [],
  });
}
