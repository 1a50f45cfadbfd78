import type { AccessContext, Capability } from '@lib/rbac';
import { adminTabsFor } from './admin-sections.constants';

const viewer = (...capabilities: Capability[]) =>
  ({ capabilities: new Set(capabilities), bypass: false }) as unknown as AccessContext;

describe('admin console sections', () => {
  it('offers each viewer the sections his capabilities open, as the GraphQL twins require', () => {
    expect(adminTabsFor(viewer('SETTINGS_SECURITYACTIVITY')).map((t) => t.href)).toEqual([
      '/admin/audit',
    ]);
    expect(adminTabsFor(viewer('SETTINGS_SETACCESSES')).map((t) => t.label)).toEqual([
      'Users',
      'Groups',
      'Roles',
      'Organizations',
    ]);
    expect(adminTabsFor(viewer('TAXIIAPI_SETCOLLECTIONS', 'MODULES')).map((t) => t.href)).toEqual([
      '/admin/connectors',
      '/admin/streams',
      '/admin/taxii',
      '/admin/feeds',
    ]);
    expect(adminTabsFor(viewer('SETTINGS_SETPARAMETERS')).map((t) => t.href)).toEqual([
      '/admin/settings',
      '/admin/retention',
    ]);
    expect(adminTabsFor(viewer('KNOWLEDGE', 'TAXIIAPI'))).toEqual([]);
    expect(adminTabsFor(viewer('BYPASS'))).toHaveLength(12);
  });
});
