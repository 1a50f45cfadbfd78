/** A GraphQL caller as the suites build them over `platformGraphql`. */
export type GraphqlCall = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * `add('malwareAdd', input)`: runs an `<x>Add(input: <X>AddInput!)` mutation through `gql` and
 * answers the new element's id.
 */
export function graphqlAdd(
  gql: GraphqlCall,
): (mutation: string, input: Record<string, unknown>) => Promise<string> {
  return async (mutation, input) => {
    const type = `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input`;
    const data = await gql<Record<string, { id: string }>>(
      `mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`,
      { input },
    );
    const created = data[mutation];
    if (!created) {
      throw new Error(`${mutation} answered no element`);
    }
    return created.id;
  };
}
