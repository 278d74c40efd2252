/**
 * Text neither database can hold: PostgreSQL refuses the NUL character
 * (U+0000) in text, and since MikroORM writes values into the statement text,
 * one in an id broke the database connection it was sent on. Refused here, at
 * the public edge, in variables and in literals of the operation alike.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

const NUL = '\u0000';

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

/** Per parsed document: Apollo Server reuses one for every request of the same operation text. */
const documentsHoldingNul = new WeakMap<DocumentNode, boolean>();

function literalHoldsNul(document: DocumentNode): boolean {
  const known = documentsHoldingNul.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (!node.value.includes(NUL)) return undefined;
      found = true;
      return BREAK;
    },
  });
  documentsHoldingNul.set(document, found);
  return found;
}

export function nulTextPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (holdsNul(request.variables) || literalHoldsNul(document)) {
            throw new GraphQLError('Text may not contain the NUL character (U+0000).', {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
