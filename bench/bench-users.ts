// Users for the benchmarks, made through the GraphQL API with the admin token.

const TLP_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';

/** A GraphQL call with a bearer token; throws on errors. */
export async function graphql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A token of a user whose one group reads knowledge up to TLP:AMBER (made once per store). */
export async function analystToken(url: string, adminToken: string): Promise<string> {
  const email = `analyst-${Date.now()}@bench.example`;
  const role = await graphql<{ roleAdd: { id: string } }>(
    url,
    adminToken,
    'mutation($n: String!) { roleAdd(input: { name: $n, capabilities: ["KNOWLEDGE"] }) { id } }',
    { n: `reader ${email}` },
  );
  const group = await graphql<{ groupAdd: { id: string } }>(
    url,
    adminToken,
    'mutation($n: String!) { groupAdd(input: { name: $n }) { id } }',
    { n: `amber ${email}` },
  );
  await graphql(
    url,
    adminToken,
    `
      mutation ($g: ID!, $r: ID!, $m: ID!) {
        a: groupEdit(id: $g) {
          relationAdd(input: { toId: $r, relationship_type: "has-role" }) {
            id
          }
        }
        b: groupEdit(id: $g) {
          relationAdd(input: { toId: $m, relationship_type: "accesses-to" }) {
            id
          }
        }
      }
    `,
    { g: group.groupAdd.id, r: role.roleAdd.id, m: TLP_AMBER },
  );
  const user = await graphql<{ userAdd: { id: string } }>(
    url,
    adminToken,
    'mutation($e: String!, $g: [String!]) { userAdd(input: { name: "analyst", user_email: $e, groups: $g }) { id } }',
    { e: email, g: [group.groupAdd.id] },
  );
  const token = await graphql<{ userAdminTokenAdd: { plaintext_token: string } }>(
    url,
    adminToken,
    'mutation($u: ID!) { userAdminTokenAdd(userId: $u, input: { name: "bench" }) { plaintext_token } }',
    { u: user.userAdd.id },
  );
  return token.userAdminTokenAdd.plaintext_token;
}
