/**
 * The cost limit, computed with the operation's variables and the schema's argument defaults
 * (graphql-query-complexity) once Apollo has resolved the operation, before anything executes.
 * graphql-armor's cost rule is a validation rule: it runs before variables are known and only
 * multiplies literal `first:` values, so `programs(first: $n)` cost the same as one program.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { LimitsConfig } from '../../lib/config';

/** What one field costs: a leaf 1, an object 2 (as graphql-armor counted them). */
const LEAF_COST = 1;
const OBJECT_COST = 2;

/** A Relay connection type: its edges/nodes lists hold as many items as its field's first/last asked for. */
const isConnection = (typeName: string) => typeName.endsWith('Connection');

/**
 * A field's cost times the items it may return: `first`/`last`/`limit` (a variable's value or the
 * argument's default) on a paged field, `listSize` for any other list, 1 for an edges/nodes list inside a connection
 * (already counted by its connection's first/last).
 */
export function costEstimator(listSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const own = childComplexity > 0 || isObjectType(getNamedType(field.type)) ? OBJECT_COST : LEAF_COST;
    const returnsList = isListType(getNullableType(field.type));
    const paged = [args.first, args.last, args.limit].find((value): value is number => typeof value === 'number');
    let items = 1;
    if (paged !== undefined) items = Math.max(0, paged);
    else if (isConnection(getNamedType(field.type).name))
      items = listSize; // a connection field without first/last
    else if (returnsList && !isConnection(type.name)) items = listSize;
    return items * (own + childComplexity);
  };
}

/** The cost of `document`'s operation with these variables; undefined when the variables do not fit (execution reports that). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  listSize: number,
): number | undefined {
  try {
    return getComplexity({ schema, query: document, operationName, variables, estimators: [costEstimator(listSize)] });
  } catch {
    return undefined;
  }
}

/** Refuses an operation whose cost is over MAX_COST: HTTP 400, GRAPHQL_VALIDATION_FAILED with `limit: "cost"`, its cost and the maximum. */
export function costLimitPlugin(limits: Pick<LimitsConfig, 'maxCost' | 'costListSize'>): ApolloServerPlugin {
  return {
    async requestDidStart({ contextValue }) {
      if ((contextValue as { ownOperation?: boolean }).ownOperation) return {};
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const cost = operationCost(
            schema,
            document,
            operationName ?? undefined,
            request.variables,
            limits.costListSize,
          );
          if (cost === undefined || cost <= limits.maxCost) return;
          throw new GraphQLError(`Cost limit of ${limits.maxCost} exceeded: the operation would cost ${cost}.`, {
            extensions: {
              code: 'GRAPHQL_VALIDATION_FAILED',
              limit: 'cost',
              cost,
              maxCost: limits.maxCost,
              http: { status: 400 },
            },
          });
        },
      };
    },
  };
}
