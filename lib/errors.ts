import { GraphQLError } from 'graphql';

/** A client mistake in arguments (bad page size, bad cursor): HTTP 200 with a BAD_USER_INPUT error. */
/** The code an error's extensions carry, INTERNAL_SERVER_ERROR when it names none (logs and metrics group by it). */
export function errorCode(error: { extensions?: Record<string, unknown> }): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
}
