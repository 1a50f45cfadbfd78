import { Inject, Injectable } from '@nestjs/common';
import { AccessDirectory, capabilityViews } from '@lib/auth';
import type { CapabilityView } from '@lib/auth';
import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import { HAS_CAPABILITY, HAS_ROLE, MEMBER_OF, PARTICIPATE_TO, capabilityOf } from '@lib/rbac';
import type { AccessContext, Capability } from '@lib/rbac';
import { KnowledgeNode } from '../knowledge/read/knowledge-node.model';
import type { EffectiveConfidenceLevelModel, UserOrganizationModel } from './access.model';
import { confidenceLevelOf, groupView, userView } from './access-views.util';

/** The relation fields of users, groups and roles, read within the reader's rights. */
@Injectable()
export class AccessFieldsService {
  constructor(@Inject(AccessDirectory) readonly directory: AccessDirectory) {}

  groupsOf(user: StoredElement): Promise<StoredElement[]> {
    return this.directory.many(user.refs[MEMBER_OF] ?? []);
  }

  async rolesOf(user: StoredElement): Promise<StoredElement[]> {
    const groups = await this.groupsOf(user);
    return this.directory.many([...new Set(groups.flatMap((g) => g.refs[HAS_ROLE] ?? []))]);
  }

  capabilitiesOfRole(role: StoredElement): CapabilityView[] {
    const names = (role.refs[HAS_CAPABILITY] ?? [])
      .map(capabilityOf)
      .filter((c): c is Capability => c !== undefined);
    return capabilityViews([...new Set(names)]);
  }

  async capabilitiesOf(user: StoredElement): Promise<CapabilityView[]> {
    const roles = await this.rolesOf(user);
    const seen = new Map<string, CapabilityView>();
    roles.flatMap((r) => this.capabilitiesOfRole(r)).forEach((c) => seen.set(c.id, c));
    return [...seen.values()];
  }

  /** Organizations of a user the reader may see. */
  async organizationsOf(
    reader: AccessContext,
    user: StoredElement,
  ): Promise<UserOrganizationModel[]> {
    const found = await this.directory.visible(reader, user.refs[PARTICIPATE_TO] ?? []);
    return found.map((o) => ({
      id: o.internalId,
      standard_id: o.standardId,
      entity_type: o.entityType,
      name: textOf(o.attributes.name) ?? '',
      description: textOf(o.attributes.description) ?? null,
      is_inferred: false,
    }));
  }

  /** Knowledge elements (markings, organizations) by internal id, within the reader's rights. */
  async nodes(reader: AccessContext, ids: readonly string[]): Promise<KnowledgeNode[]> {
    if (ids.length === 0) return [];
    const found = await this.directory.visible(reader, ids);
    return found.map((e) => new KnowledgeNode(e));
  }

  /** §4.6: the user's own level first, else the highest of his groups; BYPASS is 100. */
  async effectiveConfidence(user: StoredElement): Promise<EffectiveConfidenceLevelModel> {
    const capabilities = await this.capabilitiesOf(user);
    if (capabilities.some((c) => c.name === 'BYPASS')) {
      return { max_confidence: 100, source: { type: 'Bypass', object: null }, overrides: [] };
    }
    const own = confidenceLevelOf(user.attributes.user_confidence_level);
    if (own?.max_confidence !== null && own?.max_confidence !== undefined) {
      return {
        max_confidence: own.max_confidence,
        source: { type: 'User', object: userView(user) },
        overrides: own.overrides.map((o) => ({ ...o, source: null })),
      };
    }
    let best: { level: number; group: StoredElement } | undefined;
    for (const group of await this.groupsOf(user)) {
      const level = confidenceLevelOf(group.attributes.group_confidence_level)?.max_confidence;
      if (level !== null && level !== undefined && (!best || level > best.level)) {
        best = { level, group };
      }
    }
    return best
      ? {
          max_confidence: best.level,
          source: { type: 'Group', object: groupView(best.group) },
          overrides: [],
        }
      : { max_confidence: 0, source: null, overrides: [] };
  }
}
