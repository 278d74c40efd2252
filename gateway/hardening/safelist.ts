/**
 * Persisted-operation safelist: with PERSISTED_OPERATIONS_FILE set, only the
 * operations of that manifest run, sent either by hash (the APQ extension
 * `persistedQuery.sha256Hash`) or as their exact text.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Request, RequestHandler } from 'express';
import { ConfigError } from '../../lib/config';
import { sendGraphQLError } from './http-error';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface ApolloManifest {
  format: 'apollo-persisted-query-manifest';
  operations: { id: string; body: string }[];
}

/**
 * Reads `{ "<sha256>": "<query>" }` or Apollo's persisted query list
 * (`{ format: "apollo-persisted-query-manifest", operations: [{ id, body }] }`);
 * refuses a manifest whose hash does not match its text.
 */
export function loadSafelist(file: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as ApolloManifest | Record<string, unknown>;
  const entries: [string, unknown][] =
    manifest.format === 'apollo-persisted-query-manifest'
      ? (manifest as ApolloManifest).operations.map((operation) => [operation.id, operation.body])
      : Object.entries(manifest);
  const safelist = new Map<string, string>();
  for (const [hash, body] of entries) {
    if (typeof body !== 'string' || sha256(body) !== hash.toLowerCase()) {
      throw new ConfigError(
        `PERSISTED_OPERATIONS_FILE ${file}: the entry ${hash} is not the sha256 of its operation text`,
      );
    }
    safelist.set(hash.toLowerCase(), body);
  }
  return safelist;
}

interface GraphQLParams {
  query?: unknown;
  extensions?: unknown;
}

function persistedHash(extensions: unknown): string | undefined {
  let value = extensions;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const hash = (value as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash.toLowerCase() : undefined;
}

/** The manifest text a request stands for; null when it is not in the safelist; undefined when it names no operation. */
function resolve(params: GraphQLParams, safelist: Map<string, string>): string | null | undefined {
  if (typeof params.query === 'string' && params.query !== '')
    return safelist.has(sha256(params.query)) ? params.query : null;
  const hash = persistedHash(params.extensions);
  if (hash === undefined) return undefined;
  return safelist.get(hash) ?? null;
}

function refuse(res: Parameters<RequestHandler>[1]): void {
  sendGraphQLError(
    res,
    403,
    'PERSISTED_QUERY_NOT_IN_SAFELIST',
    'Only registered operations run on this server, and this one is not registered.',
  );
}

/** Lets only safelisted operations through; a hash-only request gets its text filled in for Apollo. */
export function safelistFilter(safelist: Map<string, string>): RequestHandler {
  return (req: Request, res, next) => {
    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://gateway');
      const text = resolve(Object.fromEntries(url.searchParams), safelist);
      if (text === null) return refuse(res);
      if (text !== undefined && !url.searchParams.get('query')) {
        url.searchParams.set('query', text);
        req.url = url.pathname + url.search;
      }
      return next();
    }
    const requests = (Array.isArray(req.body) ? req.body : [req.body ?? {}]) as GraphQLParams[];
    for (const params of requests) {
      if (typeof params !== 'object' || params === null) continue; // malformed: Apollo answers 400
      const text = resolve(params, safelist);
      if (text === null) return refuse(res);
      if (text !== undefined) params.query = text;
    }
    next();
  };
}
