/**
 * A subgraph's /graphql endpoint on node's own HTTP server: Apollo Server's
 * `executeHTTPGraphQLRequest` behind a plain request handler, as Hive Gateway's
 * small transports do. Express with its router, its JSON body parser and
 * Apollo's express integration took ~11% of a small subgraph's CPU per request
 * (issue 15's profile in BENCHMARKS.md), for the one route the gateway calls on
 * every request; the rare routes (health, readiness, metrics) stay on express.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import getRawBody from 'raw-body';
import { pathOf, type Logger, type ServiceMiddleware, type ServiceRequest } from '../logger';
import { runRequest } from './prepared-statements';

export const GRAPHQL_PATH = '/graphql';
/** As large a request as the gateway may send a subgraph (the gateway's own limit is smaller). */
const BODY_LIMIT = '1mb';

export function isGraphqlRequest(req: IncomingMessage): boolean {
  return pathOf(req) === GRAPHQL_PATH;
}

/** The one value of a request header (the first of a repeated one). */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export interface GraphqlEndpointOptions<TContext> {
  /** Run in order before the request is read; one that answers (and does not call next) ends the request. */
  before: ServiceMiddleware[];
  context: (req: ServiceRequest) => Promise<TContext>;
  logger: Logger;
}

/** Serves /graphql: middleware, body (JSON, at most 1 MB), Apollo Server, answer. */
export function graphqlEndpoint<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  { before, context, logger }: GraphqlEndpointOptions<TContext>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const serve = async (req: ServiceRequest, res: ServerResponse): Promise<void> => {
    const body = await readBody(req, res);
    if (body === REFUSED) return;
    req.body = body;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: query === -1 ? '' : url.slice(query),
        body,
      },
      context: () => context(req),
    });
    await send(res, answer);
  };
  return (req, res) => {
    runMiddleware(before, req, res, () => {
      // Raw SQL fragments (text search) live until the answer is written (lib/subgraph/prepared-statements.ts).
      runRequest(() => serve(req, res)).catch((error: unknown) => {
        logger.error({ error: (error as Error).message }, 'the /graphql handler failed');
        if (!res.headersSent) sendJson(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
        else res.destroy();
      });
    });
  };
}

function runMiddleware(
  middleware: ServiceMiddleware[],
  req: ServiceRequest,
  res: ServerResponse,
  done: () => void,
): void {
  const step = (i: number): void => (i === middleware.length ? done() : middleware[i](req, res, () => step(i + 1)));
  step(0);
}

const REFUSED = Symbol('refused');

/**
 * The body as express.json read it: parsed when the request says it is JSON (an empty one is `{}`), else its text
 * for Apollo Server to refuse; anything larger than the limit, unreadable or not JSON is answered here with a 4xx.
 */
async function readBody(req: ServiceRequest, res: ServerResponse): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  let text: string;
  try {
    text = await getRawBody(req, { length: req.headers['content-length'], limit: BODY_LIMIT, encoding: 'utf-8' });
  } catch (error) {
    const { status, message } = error as { status?: number; message: string };
    sendJson(res, status && status >= 400 && status < 500 ? status : 400, 'BAD_REQUEST', message);
    return REFUSED;
  }
  const mediaType = (req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
  if (mediaType !== 'application/json') return text;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    sendJson(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
    return REFUSED;
  }
}

async function send(res: ServerResponse, answer: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    res.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
}

/** A GraphQL-shaped error answer, as the subgraph's other refusals are. */
export function sendJson(res: ServerResponse, status: number, code: string, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
