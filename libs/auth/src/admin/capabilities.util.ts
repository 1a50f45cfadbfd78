import { CAPABILITIES, capabilityId } from '@lib/rbac';
import type { Capability } from '@lib/rbac';

export type CapabilityView = {
  id: string;
  standard_id: string;
  entity_type: 'Capability';
  parent_types: string[];
  created_at: string | null;
  updated_at: string | null;
  name: Capability;
  description: string;
  attribute_order: number;
};

/** The capability tree as stored at bootstrap (ids are the same on every platform). */
export function capabilityViews(names: readonly Capability[] = CAPABILITIES): CapabilityView[] {
  return names.map((name) => ({
    id: capabilityId(name),
    standard_id: `capability--${capabilityId(name)}`,
    entity_type: 'Capability',
    parent_types: ['Basic-Object', 'Internal-Object'],
    created_at: null,
    updated_at: null,
    name,
    description: name.split('_').at(-1) ?? name,
    attribute_order: CAPABILITIES.indexOf(name) * 10,
  }));
}
