import { GraphQLError } from 'graphql';

/** A client mistake in arguments (bad page size, bad cursor): HTTP 200 with a BAD_USER_INPUT error. */
export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
}
