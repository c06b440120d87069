import {
  OperationTypeNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/** The type an operation's root selection set is read against; null when the schema has none. */
export function rootTypeOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): GraphQLObjectType | null {
  if (operation.operation === OperationTypeNode.MUTATION) return schema.getMutationType() ?? null;
  if (operation.operation === OperationTypeNode.SUBSCRIPTION)
    return schema.getSubscriptionType() ?? null;
  return schema.getQueryType() ?? null;
}
