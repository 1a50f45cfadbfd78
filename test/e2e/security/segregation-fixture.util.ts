import { updateElement } from '@lib/entity-store';
import { EntityStore } from '@lib/entity-store';
import { AccessContextsService } from '@lib/auth';
import { SETTINGS_INTERNAL_ID } from '@lib/bootstrap';
import { systemContext } from '@lib/rbac';
import { platformGraphql } from '@lib/testing';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';

export const TLP = {
  clear: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
} as const;
export type Level = keyof typeof TLP;
const ORDER: Level[] = ['clear', 'green', 'amber', 'red'];

export type ObjectSpec = { name: string; marking?: Level; granted: string[] };
export type UserSpec = {
  name: string;
  /** Highest TLP the user's group grants; none: no marking at all. */
  tlp?: Level;
  organization?: string;
  capabilities: string[];
};

/** What the matrix expects (data-model.md §4.2, §4.3), computed independently of the platform. */
export function expectedVisible(
  user: UserSpec,
  object: ObjectSpec,
  platformOrganization: string,
): boolean {
  if (user.name === 'admin') return true;
  if (!user.capabilities.some((c) => c.startsWith('KNOWLEDGE'))) return false;
  const markingOk =
    !object.marking ||
    (user.tlp !== undefined && ORDER.indexOf(object.marking) <= ORDER.indexOf(user.tlp));
  const orgOk =
    user.organization === platformOrganization ||
    (user.organization !== undefined && object.granted.includes(user.organization));
  return markingOk && orgOk;
}

/** GraphQL as the admin of the test platform. */
export function adminGraphql(platform: EmbeddedPlatform, token: string) {
  return <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, token, query, variables);
}

/** Turns organization segregation on (the settings API is another surface, tested apart). */
export async function setPlatformOrganization(
  platform: EmbeddedPlatform,
  organizationId: string,
): Promise<void> {
  const store = platform.app.get(EntityStore);
  await updateElement(store, systemContext('test'), SETTINGS_INTERNAL_ID, (el) => ({
    ...el,
    attributes: { ...el.attributes, platform_organization: organizationId },
  }));
  await platform.app.get(AccessContextsService).invalidate();
}

/** A user in his own group (one role with `capabilities`, TLP up to `tlp`), with a named token. */
export async function createUser(
  gql: ReturnType<typeof adminGraphql>,
  spec: UserSpec,
  organizationIds: Record<string, string>,
): Promise<string> {
  const role = await gql<{ roleAdd: { id: string } }>(
    `mutation($input: RoleAddInput!) { roleAdd(input: $input) { id } }`,
    { input: { name: `role ${spec.name}`, capabilities: spec.capabilities } },
  );
  const group = await gql<{ groupAdd: { id: string } }>(
    `mutation($input: GroupAddInput!) { groupAdd(input: $input) { id } }`,
    { input: { name: `group ${spec.name}` } },
  );
  const groupId = group.groupAdd.id;
  await gql(
    `mutation($g: ID!, $r: ID!) { groupEdit(id: $g) { relationAdd(input: { toId: $r, relationship_type: "has-role" }) { id } } }`,
    { g: groupId, r: role.roleAdd.id },
  );
  if (spec.tlp) {
    await gql(
      `mutation($g: ID!, $m: ID!) { groupEdit(id: $g) { relationAdd(input: { toId: $m, relationship_type: "accesses-to" }) { id } } }`,
      { g: groupId, m: TLP[spec.tlp] },
    );
  }
  const orgs = spec.organization ? [organizationIds[spec.organization] as string] : [];
  const user = await gql<{ userAdd: { id: string } }>(
    `mutation($input: UserAddInput!) { userAdd(input: $input) { id } }`,
    {
      input: {
        name: spec.name,
        user_email: `${spec.name}@example.org`,
        groups: [groupId],
        objectOrganization: orgs,
      },
    },
  );
  const token = await gql<{ userAdminTokenAdd: { plaintext_token: string } }>(
    `mutation($u: ID!) { userAdminTokenAdd(userId: $u, input: { name: "matrix" }) { plaintext_token } }`,
    { u: user.userAdd.id },
  );
  return token.userAdminTokenAdd.plaintext_token;
}
