import { platformGraphql } from '@lib/testing';

/** A user as the admin reads it back, memberships by name (sorted). */
export type SsoUserView = {
  id: string;
  user_email: string;
  name: string;
  firstname: string | null;
  lastname: string | null;
  external: boolean | null;
  groups: string[];
  organizations: string[];
};

type Edges = { edges: { node: { name: string } }[] };
type UserRead = Omit<SsoUserView, 'groups' | 'organizations'> & {
  groups: Edges | null;
  objectOrganization: Edges | null;
};

/** Creates the groups and organizations a provider's mapping names (the admin's bearer token). */
export async function createMemberships(
  port: number,
  token: string,
  groups: readonly string[],
  organizations: readonly string[],
): Promise<void> {
  for (const name of groups) {
    await platformGraphql(
      port,
      token,
      'mutation($n: String!) { groupAdd(input: { name: $n }) { id } }',
      {
        n: name,
      },
    );
  }
  for (const name of organizations) {
    await platformGraphql(
      port,
      token,
      'mutation($n: String!) { organizationAdd(input: { name: $n }) { id } }',
      { n: name },
    );
  }
}

/** The id of the user a session cookie signs in (`me`), undefined when it signs in nobody. */
export async function sessionUserId(base: string, cookie: string): Promise<string | undefined> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ query: '{ me { id } }' }),
  });
  const body = (await res.json()) as { data?: { me?: { id: string } } };
  return body.data?.me?.id;
}

/** The user `id` as the admin sees it, with the names of its groups and organizations. */
export async function userAsAdmin(port: number, token: string, id: string): Promise<SsoUserView> {
  const { user } = await platformGraphql<{ user: UserRead }>(
    port,
    token,
    `query($id: String!) { user(id: $id) { id user_email name firstname lastname external
      groups { edges { node { name } } } objectOrganization { edges { node { name } } } } }`,
    { id },
  );
  const names = (edges: Edges | null) => (edges?.edges ?? []).map((e) => e.node.name).sort();
  const { groups, objectOrganization, ...rest } = user;
  return { ...rest, groups: names(groups), organizations: names(objectOrganization) };
}
