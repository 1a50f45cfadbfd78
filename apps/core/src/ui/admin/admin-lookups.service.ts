import { Inject, Injectable } from '@nestjs/common';
import { GroupsService, RolesService, SettingsService } from '@lib/auth';
import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';

const MANY = 500;

export type Named = { id: string; name: string };
export type MarkingOption = Named & { type: string; color?: string | undefined; order: number };

const POLICY: readonly [string, string][] = [
  ['password_policy_min_length', 'at least {n} characters'],
  ['password_policy_max_length', 'at most {n} characters'],
  ['password_policy_min_symbols', 'at least {n} symbols'],
  ['password_policy_min_numbers', 'at least {n} digits'],
  ['password_policy_min_lowercase', 'at least {n} lower case letters'],
  ['password_policy_min_uppercase', 'at least {n} upper case letters'],
  ['password_policy_min_words', 'at least {n} words'],
];

export function nameOf(element: StoredElement): string {
  return textOf(element.attributes.name) ?? element.internalId;
}

/** The choices admin forms offer (groups, roles, organizations, markings), by name. */
@Injectable()
export class AdminLookups {
  constructor(
    @Inject(GroupsService) private readonly groups: GroupsService,
    @Inject(RolesService) private readonly roles: RolesService,
    @Inject(SettingsService) private readonly settings: SettingsService,
    @Inject(SearchIndex) private readonly index: SearchIndex,
  ) {}

  async allGroups(): Promise<Named[]> {
    const page = await this.groups.list({ first: MANY });
    return page.items.map((g) => ({ id: g.internalId, name: nameOf(g) }));
  }

  async allRoles(): Promise<Named[]> {
    const page = await this.roles.list({ first: MANY });
    return page.items.map((r) => ({ id: r.internalId, name: nameOf(r) }));
  }

  /** Organizations the admin sees. */
  async organizations(ctx: AccessContext): Promise<Named[]> {
    const page = await this.index.search(ctx, {
      types: ['Organization'],
      first: MANY,
      orderBy: 'name',
      orderMode: 'asc',
    });
    return page.items.map((o) => ({ id: o.internalId, name: nameOf(o) }));
  }

  /** Marking definitions the admin sees, by type then order. */
  async markings(ctx: AccessContext): Promise<MarkingOption[]> {
    const page = await this.index.search(ctx, { types: ['Marking-Definition'], first: MANY });
    return page.items
      .map((m) => ({
        id: m.internalId,
        name: textOf(m.attributes.definition) ?? m.internalId,
        type: textOf(m.attributes.definition_type) ?? '',
        color: textOf(m.attributes.x_opencti_color),
        order: Number(m.attributes.x_opencti_order ?? 0) || 0,
      }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.order - b.order);
  }

  /** The password policy's rules as short phrases (empty: no rule). */
  async passwordPolicy(): Promise<string[]> {
    const attributes = (await this.settings.read()).attributes;
    return POLICY.flatMap(([key, phrase]) => {
      const n = Number(attributes[key] ?? 0);
      if (!Number.isInteger(n) || n <= 0) return [];
      const text = phrase.replace('{n}', String(n));
      return [n === 1 ? text.replace(/s$/, '') : text];
    });
  }
}
