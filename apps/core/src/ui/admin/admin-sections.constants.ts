import { hasCapability } from '@lib/rbac';
import type { AccessContext, Capability } from '@lib/rbac';

/** A section of the admin console and the capabilities (any of) its GraphQL twin requires. */
export type AdminSection = {
  readonly slug: string;
  readonly label: string;
  readonly capabilities: readonly Capability[];
};

const ACCESSES: Capability[] = ['SETTINGS_SETACCESSES'];
const COLLECTIONS: Capability[] = ['TAXIIAPI_SETCOLLECTIONS'];

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { slug: 'users', label: 'Users', capabilities: ACCESSES },
  { slug: 'groups', label: 'Groups', capabilities: ACCESSES },
  { slug: 'roles', label: 'Roles', capabilities: ACCESSES },
  { slug: 'organizations', label: 'Organizations', capabilities: ACCESSES },
  { slug: 'markings', label: 'Markings', capabilities: ['SETTINGS_SETMARKINGS'] },
  { slug: 'settings', label: 'Settings', capabilities: ['SETTINGS_SETPARAMETERS'] },
  { slug: 'retention', label: 'Retention', capabilities: ['SETTINGS_SETPARAMETERS'] },
  { slug: 'audit', label: 'Audit log', capabilities: ['SETTINGS_SECURITYACTIVITY'] },
  { slug: 'connectors', label: 'Connectors', capabilities: ['MODULES', 'CONNECTORAPI'] },
  { slug: 'streams', label: 'Live streams', capabilities: COLLECTIONS },
  { slug: 'taxii', label: 'TAXII collections', capabilities: COLLECTIONS },
  { slug: 'feeds', label: 'CSV feeds', capabilities: COLLECTIONS },
];

/** The sections the viewer may open, as tab links. */
export function adminTabsFor(ctx: AccessContext): { href: string; label: string }[] {
  return ADMIN_SECTIONS.filter((s) => s.capabilities.some((c) => hasCapability(ctx, c))).map(
    (s) => ({ href: `/admin/${s.slug}`, label: s.label }),
  );
}
