/**
 * The gateway's limits and exposure in one place, mounted by gateway.ts:
 * `apollo` is spread into the ApolloServer options, `plugins` added to its
 * plugins, `beforeGraphQL` runs on /graphql ahead of expressMiddleware,
 * `beforeAll` (security headers) ahead of every route, and `rateLimits`
 * guard the other public routes.
 */
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { TokenVerifier } from '../../lib/auth';
import type { GatewayConfig } from '../../lib/config';
import { costLimitPlugin } from './cost';
import { errorFormatter } from './errors';
import { corsFor, legacyJsonStatusPlugin, securityHeaders, unknownOperationPlugin } from './http';
import { bodyParsing, operationLimitRules, parseOptions } from './limits';
import { createRateLimits, type RateLimits } from './rate-limit';
import { loadSafelist, safelistFilter } from './safelist';
import { nulTextPlugin } from './text';

export interface Hardening<TContext extends object> {
  apollo: Pick<
    ApolloServerOptions<TContext>,
    | 'validationRules'
    | 'parseOptions'
    | 'introspection'
    | 'formatError'
    | 'includeStacktraceInErrorResponses'
    | 'csrfPrevention'
  >;
  plugins: ApolloServerPlugin<TContext>[];
  /** CORS, rate limit, body parsing (with its limit) and the safelist, in that order. */
  beforeGraphQL: (RequestHandler | ErrorRequestHandler)[];
  /** Security headers of every response (helmet). */
  beforeAll: RequestHandler[];
  /** The rate limits of the other public routes: the feed, the pages and probes. */
  rateLimits: Pick<RateLimits, 'feed' | 'pages'>;
  /** express's 'trust proxy' setting (client IPs for the rate limit). */
  trustProxy: GatewayConfig['exposure']['trustProxy'];
  close(): Promise<void>;
}

export function createHardening<TContext extends object>(
  config: GatewayConfig,
  verifier: TokenVerifier,
  onStoreError?: (error: Error) => void,
): Hardening<TContext> {
  const safelist = config.persistedOperationsFile ? loadSafelist(config.persistedOperationsFile) : undefined;
  const rateLimits = createRateLimits(config, verifier, onStoreError);
  return {
    apollo: {
      validationRules: operationLimitRules(config.limits),
      parseOptions: parseOptions(config.limits),
      introspection: config.exposure.introspection,
      formatError: errorFormatter(config.exposure),
      includeStacktraceInErrorResponses: !config.exposure.maskErrors,
      // Every GET and simple POST needs apollo-require-preflight (or a non-simple content type).
      csrfPrevention: true,
    },
    plugins: [legacyJsonStatusPlugin(), unknownOperationPlugin(), nulTextPlugin(), costLimitPlugin(config.limits)],
    beforeGraphQL: [
      corsFor(config.exposure),
      rateLimits.graphql,
      ...bodyParsing(config.limits),
      ...(safelist ? [safelistFilter(safelist)] : []),
    ],
    beforeAll: [securityHeaders()],
    rateLimits,
    trustProxy: config.exposure.trustProxy,
    close: () => rateLimits.close(),
  };
}
