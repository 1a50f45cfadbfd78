import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';

// Each field costs 1 plus what it selects; a field paged with `first: n` selects n times.
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' && args.first > 1 ? args.first : 1;
  return 1 + childComplexity * first;
};

/**
 * Refuses (400, QUERY_TOO_COMPLEX) an operation whose estimated cost passes `maxCost`, before it
 * runs: nested pages multiply (reports × their objects × theirs…), which depth alone misses.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document, schema, operationName }) => {
          const cost = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            ...(operationName ? { operationName } : {}),
            estimators: [pagedEstimator],
          });
          if (cost > maxCost) {
            return Promise.reject(
              new GraphQLError(
                `This query's estimated cost ${cost} exceeds the maximum of ${maxCost}: ask for smaller pages or fewer nested lists`,
                { extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost, http: { status: 400 } } },
              ),
            );
          }
          return Promise.resolve();
        },
      }),
  };
}
