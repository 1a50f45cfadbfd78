import depthLimit from 'graphql-depth-limit';
import { GraphQLError, Kind, visit } from 'graphql';
import type { DocumentNode, ValidationContext, ValidationRule } from 'graphql';

/**
 * graphql-depth-limit as a validation rule: a query selecting deeper than `maxDepth` (fragments
 * counted where they are spread) is refused with 400. A document the rule cannot walk (a spread
 * of an unknown fragment) is left to GraphQL's own rules, which refuse it with a clear message.
 */
export function queryDepthRule(maxDepth: number): ValidationRule {
  const rule = depthLimit(maxDepth) as (context: ValidationContext) => unknown;
  return (context: ValidationContext) => {
    if (hasUnknownFragment(context.getDocument())) return {};
    // The library names the operation ('' when anonymous); the client is told what to change.
    const reporting = Object.create(context, {
      reportError: {
        value: (error: GraphQLError) =>
          context.reportError(
            new GraphQLError(
              `The query is too deep: it selects more than ${maxDepth} levels of nested fields (fragments included); ask for fewer nested levels`,
              { nodes: error.nodes ?? [] },
            ),
          ),
      },
    }) as ValidationContext;
    rule(reporting);
    return {};
  };
}

function hasUnknownFragment(document: DocumentNode): boolean {
  const defined = new Set<string>();
  const spread = new Set<string>();
  visit(document, {
    FragmentDefinition: (node) => {
      defined.add(node.name.value);
    },
    FragmentSpread: (node) => {
      spread.add(node.name.value);
    },
  });
  return [...spread].some((name) => !defined.has(name)) || document.kind !== Kind.DOCUMENT;
}
