/**
 * Tells a lost database (down, restarting, unreachable, out of connections)
 * from every other error, so a subgraph answers it with one clear GraphQL
 * error (code DATABASE_UNAVAILABLE, no stack, no driver detail) and /ready
 * reports 503 until the database is back. MikroORM's connection pool opens
 * new connections by itself once the database returns.
 */
import { GraphQLError } from 'graphql';

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
]);
// PostgreSQL: class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect now), 53300 (too many connections).
const SQL_STATES = /^(08...|57P0[123]|53300)$/;
const MESSAGES =
  /connect ECONNREFUSED|Connection terminated|terminating connection|Timeout acquiring a connection|database system is (starting up|shutting down|in recovery)|Client has encountered a connection error|Connection ended unexpectedly|server closed the connection unexpectedly|the database system is not yet accepting connections/i;

/** True when the error, or any error it wraps, says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, sqlState, message, cause, originalError } = error as {
    code?: unknown;
    sqlState?: unknown;
    message?: unknown;
    cause?: unknown;
    originalError?: unknown;
  };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQL_STATES.test(code))) return true;
  if (typeof sqlState === 'string' && SQL_STATES.test(sqlState)) return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  return isDatabaseUnavailable(cause, depth + 1) || isDatabaseUnavailable(originalError, depth + 1);
}

export function databaseUnavailableError(subgraph: string): GraphQLError {
  return new GraphQLError(`The ${subgraph} database is unavailable; try again shortly.`, {
    extensions: { code: DATABASE_UNAVAILABLE, serviceName: subgraph },
  });
}
