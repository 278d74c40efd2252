/**
 * HTTP exposure: security headers, CORS from an allowlist, and
 * GraphQL-over-HTTP status codes for clients that ask for application/json.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import cors from 'cors';
import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { ExposureConfig } from '../../lib/config';
import { GraphQLError } from 'graphql';

const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export function corsFor(exposure: ExposureConfig): RequestHandler {
  const allowed = (origin: string) =>
    exposure.corsOrigins === 'localhost'
      ? LOCALHOST_ORIGIN.test(origin)
      : exposure.corsOrigins.includes('*') || exposure.corsOrigins.includes(origin);
  return cors({
    // A refused origin gets no Access-Control-Allow-* headers: the browser blocks the response.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'content-type',
      'authorization',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'x-request-id',
    ],
    maxAge: 600,
  });
}

/**
 * helmet's defaults: nosniff, frame and referrer policies, HSTS, a CSP for API responses (the pages
 * send their own, stricter one: gateway/pages). CORS reads (the feed, partner apps) are not affected.
 */
export function securityHeaders(): RequestHandler {
  return helmet();
}

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
const JSON_TYPE = 'application/json';

/** The q-value and position of the Accept entry that matches a media type best (exact, type/*, * / *). */
function acceptance(
  entries: { type: string; q: number; index: number }[],
  mediaType: string,
): { q: number; index: number; exact: boolean } {
  const exact = entries.find((entry) => entry.type === mediaType);
  if (exact) return { q: exact.q, index: exact.index, exact: true };
  const wildcard =
    entries.find((entry) => entry.type === 'application/*') ?? entries.find((entry) => entry.type === '*/*');
  return wildcard ? { q: wildcard.q, index: wildcard.index, exact: false } : { q: 0, index: Infinity, exact: false };
}

/** Whether the response goes out as application/json (Apollo's choice: JSON wins ties). */
export function prefersLegacyJson(accept: string | undefined): boolean {
  if (!accept) return true;
  const entries = accept.split(',').map((part, index) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)/.exec(param)).find(Boolean);
    return { type: type.trim(), q: q ? Number(q[1]) : 1, index };
  });
  const json = acceptance(entries, JSON_TYPE);
  const graphql = acceptance(entries, GRAPHQL_RESPONSE_JSON);
  if (json.q === 0) return false;
  if (json.q !== graphql.q) return json.q > graphql.q;
  if (json.exact !== graphql.exact) return json.exact;
  return json.index <= graphql.index;
}

/** Errors of a request that was well-formed but did not parse, validate or fit its variables. */
const REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * GraphQL over HTTP: with application/json, a request that was read but failed to parse, validate or
 * coerce its variables is answered 200 with the errors (400 stays for application/graphql-response+json).
 */
export function legacyJsonStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.every((error) => REQUEST_ERRORS.has(error.extensions?.code as string)))
            return;
          if (!prefersLegacyJson(request.http?.headers.get('accept'))) return;
          response.http.status = 200;
          response.http.headers.set('content-type', 'application/json; charset=utf-8');
        },
      };
    },
  };
}

/**
 * An operationName that names no operation of the document is the client's
 * mistake: answer 400 before the gateway's planner turns it into a 500.
 */
export function unknownOperationPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            throw new GraphQLError(`Unknown operation named "${request.operationName}".`, {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
