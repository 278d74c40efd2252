/**
 * The gateway's limits and exposure in one place, mounted by gateway.ts:
 * `apollo` is spread into the ApolloServer options, `plugins` added to its
 * plugins, and `beforeGraphQL` runs on /graphql ahead of expressMiddleware.
 */
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { TokenVerifier } from '../../lib/auth';
import type { Config } from '../../lib/config';
import { errorFormatter } from './errors';
import { corsFor, csrfSafeGet, legacyJsonStatusPlugin, unknownOperationPlugin } from './http';
import { bodyParsing, operationLimitRules, parseOptions } from './limits';
import { rateLimitStore, rateLimiting } from './rate-limit';
import { loadSafelist, safelistFilter } from './safelist';

export interface Hardening<TContext extends object> {
  apollo: Pick<
    ApolloServerOptions<TContext>,
    'validationRules' | 'parseOptions' | 'introspection' | 'formatError' | 'includeStacktraceInErrorResponses' | 'csrfPrevention'
  >;
  plugins: ApolloServerPlugin<TContext>[];
  /** CORS, rate limit, body parsing (with its limit) and the safelist, in that order. */
  beforeGraphQL: (RequestHandler | ErrorRequestHandler)[];
  /** express's 'trust proxy' setting (client IPs for the rate limit). */
  trustProxy: Config['exposure']['trustProxy'];
  close(): Promise<void>;
}

export function createHardening<TContext extends object>(
  config: Config,
  verifier: TokenVerifier,
  onStoreError?: (error: Error) => void,
): Hardening<TContext> {
  const safelist = config.persistedOperationsFile ? loadSafelist(config.persistedOperationsFile) : undefined;
  const store = rateLimitStore(config.redisUrl, config.redisKeyPrefix);
  return {
    apollo: {
      validationRules: operationLimitRules(config.limits),
      parseOptions: parseOptions(config.limits),
      introspection: config.exposure.introspection,
      formatError: errorFormatter(config.exposure),
      includeStacktraceInErrorResponses: !config.exposure.maskErrors,
      csrfPrevention: true,
    },
    plugins: [legacyJsonStatusPlugin(), unknownOperationPlugin()],
    beforeGraphQL: [
      corsFor(config.exposure),
      csrfSafeGet,
      rateLimiting(config.rateLimit, store, verifier, onStoreError),
      ...bodyParsing(config.limits),
      ...(safelist ? [safelistFilter(safelist)] : []),
    ],
    trustProxy: config.exposure.trustProxy,
    close: () => store.close(),
  };
}
