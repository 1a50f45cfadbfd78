import { Inject, Injectable } from '@nestjs/common';
import type { StoredElement } from '@lib/entity-store';
import { ACCESSES_TO, GROUP_TYPE, HAS_ROLE, MEMBER_OF, ROLE_TYPE, USER_TYPE } from '@lib/rbac';
import { AccessDirectory } from './access-directory.service';
import type { DirectoryQuery } from './access-directory.service';
import {
  confidenceLevel,
  flag,
  readPatch,
  shareableLimits,
  text,
  texts,
} from './field-values.util';
import { required } from './roles.service';

const DEFAULT_CONFIDENCE = 100;

const EDITABLE = {
  name: text,
  description: text,
  default_assignation: flag,
  auto_new_marking: flag,
  no_creators: flag,
  restrict_delete: flag,
  group_confidence_level: confidenceLevel,
  default_hidden_types: texts,
  max_shareable_markings: shareableLimits,
};

export type GroupInput = {
  name: string;
  description?: string | null;
  default_assignation?: boolean | null;
  auto_new_marking?: boolean | null;
  no_creators?: boolean | null;
  restrict_delete?: boolean | null;
  group_confidence_level?: { max_confidence: number; overrides?: unknown[] | null } | null;
};

/** Groups: members get the roles' capabilities and the granted markings (§4.2, §4.6). */
@Injectable()
export class GroupsService {
  constructor(@Inject(AccessDirectory) private readonly directory: AccessDirectory) {}

  list(query?: DirectoryQuery) {
    return this.directory.list(GROUP_TYPE, { orderBy: 'name', ...query });
  }

  find(id: string) {
    return this.directory.find(GROUP_TYPE, id);
  }

  require(id: string) {
    return this.directory.require(GROUP_TYPE, id);
  }

  async add(input: GroupInput): Promise<StoredElement> {
    const name = input.name.trim();
    if (!name) throw required('name');
    await this.directory.requireUniqueName(GROUP_TYPE, name);
    return this.directory.create(GROUP_TYPE, {
      name,
      description: input.description ?? '',
      default_assignation: input.default_assignation ?? false,
      auto_new_marking: input.auto_new_marking ?? false,
      markings_reviewed_at: new Date().toISOString(),
      no_creators: input.no_creators ?? false,
      restrict_delete: input.restrict_delete ?? false,
      group_confidence_level: input.group_confidence_level
        ? confidenceLevel([input.group_confidence_level], 'group_confidence_level')
        : { max_confidence: DEFAULT_CONFIDENCE, overrides: [] },
      max_shareable_markings: [],
      default_marking: [],
    });
  }

  edit(id: string, input: readonly { key: string; value: readonly unknown[] }[]) {
    const changes = readPatch('group', EDITABLE, input);
    return this.directory.update(GROUP_TYPE, id, (el) => ({
      ...el,
      attributes: { ...el.attributes, ...changes },
    }));
  }

  delete(id: string) {
    return this.directory.remove(GROUP_TYPE, id);
  }

  async role(id: string, roleId: string, add: boolean) {
    const role = await this.directory.require(ROLE_TYPE, roleId);
    return this.directory.link(GROUP_TYPE, id, HAS_ROLE, role.internalId, add);
  }

  /** Grants or withdraws a marking; the group's auto-granted markings are reviewed from now on. */
  marking(id: string, markingId: string, add: boolean) {
    return this.directory.update(GROUP_TYPE, id, (el, now) => {
      const current = el.refs[ACCESSES_TO] ?? [];
      const next = add
        ? [...new Set([...current, markingId])]
        : current.filter((m) => m !== markingId);
      return {
        ...el,
        attributes: { ...el.attributes, markings_reviewed_at: now },
        refs: { ...el.refs, [ACCESSES_TO]: next },
      };
    });
  }

  /** Default markings per entity type, applied to new content of the members. */
  defaultMarking(id: string, entityType: string, values: readonly string[]) {
    return this.directory.update(GROUP_TYPE, id, (el) => {
      const current = Array.isArray(el.attributes.default_marking)
        ? (el.attributes.default_marking as { entity_type: string; values: string[] }[])
        : [];
      const next = [
        ...current.filter((d) => d.entity_type !== entityType),
        { entity_type: entityType, values: [...values] },
      ];
      return { ...el, attributes: { ...el.attributes, default_marking: next } };
    });
  }

  members(id: string): Promise<StoredElement[]> {
    return this.directory.referencing(USER_TYPE, MEMBER_OF, id);
  }

  roles(group: StoredElement): Promise<StoredElement[]> {
    return this.directory.many(group.refs[HAS_ROLE] ?? []);
  }

  /** Groups every new user joins. */
  async defaultGroups(): Promise<StoredElement[]> {
    const page = await this.list({ first: 500 });
    return page.items.filter((g) => g.attributes.default_assignation === true);
  }
}
