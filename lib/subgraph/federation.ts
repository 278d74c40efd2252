/**
 * Builds a federation-2 subgraph schema from type-graphql classes, the way
 * type-graphql's apollo-federation-2 example does: build the type-graphql
 * schema, print it with its directives under a federation @link, and hand the
 * SDL plus resolvers (merged with `__resolveReference`s) to @apollo/subgraph.
 */
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { EntityClass } from '@mikro-orm/core';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { SubgraphContext } from './context';

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `{ School: { __resolveReference } }` for every entity this subgraph resolves by key. */
  referenceResolvers?: GraphQLResolverMap<unknown>;
}

/** `__resolveReference` through the request's byId loader, so N representations cost one statement. */
export function byKey<T extends object>(entity: EntityClass<T>, key: 'id' | 'code' = 'id') {
  return {
    __resolveReference: (ref: Record<string, string>, ctx: SubgraphContext) =>
      ctx.loaders.byId(entity, key).load(ref[key]),
  };
}

export async function buildFederatedSchema(definition: SchemaDefinition): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    skipCheck: true, // a subgraph may have no Query of its own
    validate: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, fields] of Object.entries(definition.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(fields as object) } as never;
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}

/** The subgraph SDL as the gateway sees it (what `npm run compose` writes to schema/). */
export function printFederatedSchema(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}
