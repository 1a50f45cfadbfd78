import type { StoredElement } from '@lib/entity-store';
import type { Page } from '@lib/kernel';
import { textOf } from '@lib/kernel';
import type {
  AccessElementModel,
  ConfidenceLevelModel,
  GroupModel,
  RoleModel,
  UserModel,
} from './access.model';

const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

export function confidenceLevelOf(value: unknown): ConfidenceLevelModel | null {
  if (!value || typeof value !== 'object') return null;
  const level = value as { max_confidence?: unknown; overrides?: unknown };
  return {
    max_confidence: typeof level.max_confidence === 'number' ? level.max_confidence : null,
    overrides: Array.isArray(level.overrides)
      ? (level.overrides as { entity_type: string; max_confidence: number }[])
      : [],
  };
}

function base(element: StoredElement): AccessElementModel {
  return {
    id: element.internalId,
    standard_id: element.standardId,
    entity_type: element.entityType,
    parent_types: ['Basic-Object', 'Internal-Object'],
    created_at: element.createdAt,
    updated_at: element.updatedAt,
    name: textOf(element.attributes.name) ?? '',
    description: textOf(element.attributes.description) ?? null,
    element,
  };
}

/** A user's public fields: the password hash and the API token are never part of the view. */
export function userView(element: StoredElement): UserModel {
  const a = element.attributes;
  return {
    ...base(element),
    individual_id: null,
    user_email: textOf(a.user_email) ?? '',
    firstname: textOf(a.firstname) ?? null,
    lastname: textOf(a.lastname) ?? null,
    language: textOf(a.language) ?? 'auto',
    theme: textOf(a.theme) ?? 'default',
    unit_system: textOf(a.unit_system) ?? null,
    external: bool(a.external) ?? false,
    restrict_delete: bool(a.restrict_delete) ?? false,
    account_status: textOf(a.account_status) ?? 'Active',
    account_lock_after_date: textOf(a.account_lock_after_date) ?? null,
    submenu_show_icons: bool(a.submenu_show_icons) ?? false,
    submenu_auto_collapse: bool(a.submenu_auto_collapse) ?? false,
    monochrome_labels: bool(a.monochrome_labels) ?? false,
    user_service_account: bool(a.user_service_account) ?? false,
    user_confidence_level: confidenceLevelOf(a.user_confidence_level),
  };
}

export function groupView(element: StoredElement): GroupModel {
  const a = element.attributes;
  return {
    ...base(element),
    default_assignation: a.default_assignation === true,
    auto_new_marking: a.auto_new_marking === true,
    no_creators: bool(a.no_creators) ?? false,
    restrict_delete: bool(a.restrict_delete) ?? false,
    default_hidden_types: Array.isArray(a.default_hidden_types)
      ? (a.default_hidden_types as string[])
      : [],
    not_shareable_marking_types: shareableLimitsOf(element)
      .filter((l) => l.value === 'none')
      .map((l) => l.type),
    group_confidence_level: confidenceLevelOf(a.group_confidence_level),
  };
}

/** A group's `max_shareable_markings`: per marking type, a marking id or `none`. */
export function shareableLimitsOf(group: StoredElement): { type: string; value: string }[] {
  const stored = group.attributes.max_shareable_markings;
  return Array.isArray(stored) ? (stored as { type: string; value: string }[]) : [];
}

export function roleView(element: StoredElement): RoleModel {
  return {
    ...base(element),
    can_manage_sensitive_config: bool(element.attributes.can_manage_sensitive_config) ?? false,
  };
}

export function connectionOf<T>(page: Page<StoredElement>, view: (e: StoredElement) => T) {
  return {
    edges: page.items.map((element, i) => ({
      cursor: page.cursors[i] ?? String(i),
      node: view(element),
    })),
    pageInfo: page.pageInfo,
  };
}

/** A fixed list as a connection (roles of a group, members…). */
export function listConnection<T>(nodes: readonly T[]) {
  return {
    edges: nodes.map((node, i) => ({ cursor: String(i), node })),
    pageInfo: {
      startCursor: nodes.length > 0 ? '0' : null,
      endCursor: nodes.length > 0 ? String(nodes.length - 1) : null,
      hasNextPage: false,
      hasPreviousPage: false,
      globalCount: nodes.length,
    },
  };
}
