/**
 * Structured JSON logs (pino), one line per event, on stdout. Every service
 * logs through `createLogger`; request lines carry the request id the gateway
 * generates (x-request-id) so one request can be followed across services.
 * Tokens and personal data never reach the logs: authorization headers,
 * cookies, tokens, secrets and resident ids are redacted wherever they appear
 * in a logged object, and GraphQL variables are never logged. Database errors
 * carry the failed statement with its values (a resident id, a title): only
 * the driver's complaint is logged, with quoted values blanked.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';
import type { SharedConfig } from './config';
import { errorCode } from './errors';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'authorization',
  'cookie',
  'token',
  'password',
  'secret',
  'residentId',
  'x-gateway-secret',
  'variables',
];
export const REDACTED_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  ...SECRET_KEYS.map((key) => `*.headers.${key}`),
].map((path) =>
  /^[\w.*]+$/.test(path)
    ? path
    : path.replace(/(^|\.)([^.*]+)$/, (_m, dot, key) => `${dot}["${key}"]`).replace(/\.\[/g, '['),
);

/** How long a log line may wait in the buffer before it is written. */
const FLUSH_INTERVAL_MS = 250;

/**
 * stdout, written in chunks of 8 KiB at least every FLUSH_INTERVAL_MS instead of one write per line: a write
 * is a system call, and on these machines one per request line cost more CPU than the request's GraphQL work.
 * pino flushes what is left when the process exits.
 */
function bufferedStdout(): pino.DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 8 * 1024 });
  setInterval(() => {
    if (!(stream as { destroyed?: boolean }).destroyed) stream.flush(); // destroyed: stdout is gone, nothing to write to
  }, FLUSH_INTERVAL_MS).unref();
  return stream;
}

let stdout: pino.DestinationStream | undefined;

export function createLogger(
  service: string,
  level: SharedConfig['logLevel'],
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? (stdout ??= bufferedStdout()),
  );
}

/** SQL string literals ('R-123', 'it''s') and PostgreSQL's key details (`Key (resident_id)=(R-123)`). */
const SQL_VALUES = /'(?:[^']|'')*'|=\([^)]*\)/g;

/** A text with the values a SQL statement or a driver message may hold blanked to `?`. */
export function withoutSqlValues(text: string): string {
  return text.replace(SQL_VALUES, (value) => (value.startsWith('=') ? '=(?)' : '?'));
}

/** A database driver's error, as MikroORM wraps it (its message is `<statement with values> - <driver message>`). */
export function isDatabaseError(error: unknown): error is Error & { code?: unknown; sqlState?: unknown } {
  return error instanceof Error && ('sqlState' in error || 'sqlMessage' in error || 'errno' in error);
}

/**
 * What an unexpected error may tell the logs: for a database error its name, code and the driver's complaint
 * without the statement or values (stack frames kept); any other error as it is.
 */
export function loggableError(error: Error | undefined): { message?: string; stack?: string } {
  if (!error) return {};
  if (!isDatabaseError(error)) return { message: error.message, stack: error.stack };
  const complaint = withoutSqlValues(
    error.message.includes(' - ') ? error.message.slice(error.message.lastIndexOf(' - ') + 3) : error.message,
  );
  const message = `${error.name}${typeof error.code === 'string' ? ` (${error.code})` : ''}: ${complaint}`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return { message, stack: [message, ...frames].join('\n') };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id of an incoming request: a well-formed x-request-id header, or a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The path of a request's URL, without its query string. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** A request as the services handle it: express's, or node's own on a subgraph's /graphql (its parsed body). */
export interface ServiceRequest extends IncomingMessage {
  requestId?: string;
  body?: unknown;
}

/** Node-level middleware: express takes it as is, and so does the subgraphs' plain /graphql endpoint. */
export type ServiceMiddleware = (req: ServiceRequest, res: ServerResponse, next: () => void) => void;

declare module 'express-serve-static-core' {
  interface Request {
    requestId?: string;
  }
}

/**
 * Gives each request its id (kept from x-request-id when well-formed, else
 * new), echoes it in the response header, and logs one line per request:
 * method, path, status, duration and GraphQL operation name.
 */
export function requestLogging(logger: Logger): ServiceMiddleware {
  return (req, res, next) => {
    const requestId = requestIdOf(req);
    req.requestId = requestId;
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    const path = pathOf(req); // before routers strip their mount path
    res.once('finish', () => {
      if (path === '/health' || path === '/ready' || path === '/metrics') return;
      const body = req.body as { operationName?: unknown } | undefined;
      const line = {
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        operationName: typeof body?.operationName === 'string' ? body.operationName.slice(0, 100) : undefined,
      };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    });
    next();
  };
}

const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Apollo Server plugin: logs the errors of a request that are not the client's fault (with the request id, never variables). */
export function errorLoggingPlugin(
  logger: Logger,
): import('@apollo/server').ApolloServerPlugin<{ requestId?: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const code = errorCode(error);
            if (CLIENT_ERROR_CODES.has(code)) continue;
            const original = error.originalError as (Error & { code?: unknown }) | undefined;
            // An unavailable subgraph or database is expected to happen and says so; anything else is a bug.
            const level =
              code === 'SUBGRAPH_UNAVAILABLE' || code === 'DATABASE_UNAVAILABLE' || code === 'DEADLINE_EXCEEDED'
                ? 'warn'
                : 'error';
            const cause = loggableError(original);
            // The GraphQL message repeats the cause's: a database error's message holds the statement's values.
            const message = isDatabaseError(original) ? cause.message : error.message;
            logger[level](
              {
                requestId: contextValue?.requestId,
                operationName,
                code,
                path: error.path,
                error: message,
                cause: cause.message,
                stack: cause.stack,
              },
              'graphql error',
            );
          }
        },
      };
    },
  };
}
