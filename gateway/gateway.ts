/**
 * The Baeumteo gateway: an Apollo Gateway over the committed supergraph
 * (static composition, schema/supergraph.graphql) served by Apollo Server on
 * express. This file only assembles the parts, each in a module of its own:
 * subgraph fetching (with de-duplication and batching), the response cache, hardening, feeds,
 * pages, logs and metrics; beside /graphql it serves /health, /ready, /metrics.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createTokenVerifier, GATEWAY_SECRET_HEADER, type Identity } from '../lib/auth';
import { gatewaySecretFor, type GatewayConfig, type SubgraphName } from '../lib/config';
import { createLogger, errorLoggingPlugin, requestLogging } from '../lib/logger';
import { countHttpRequests, initMetrics, metricsPlugin, serveMetrics } from '../lib/metrics';
import { SubgraphBreakers, SubgraphConnectionPool, SubgraphDataSource } from './subgraph-fetch';
import { BatchingDataSource } from './batching';
import { createResponseCacheStore, responseCachePlugin } from './response-cache';
import { mountEntityRelay } from './entity-relay';
import { mountFeed } from './feeds';
import { NOTICE_FEED } from './notice-feed';
import { PROGRAM_FEED } from './program-feed';
import { createHardening } from './hardening';
import { mountPages } from './pages';
import { wantsHtml } from './pages/explorer';
import { APOLLO_SERVER_SIGNALS, createHttpServer } from '../lib/service';
import { clusterMetrics, clusterWideStore, inClusterWorker, joinClusterMetrics } from './workers';
import { traceHttpRequests, tracingOn } from '../lib/tracing';
import { tracedTransport } from './tracing';

export const SUPERGRAPH_PATH = join(__dirname, '..', 'schema', 'supergraph.graphql');

export interface GatewayContext {
  authorization: string | undefined;
  identity: Identity | null;
  requestId: string;
  /** When this request's end-to-end budget (REQUEST_DEADLINE_MS) runs out, epoch ms: bounds every subgraph fetch. */
  deadline: number;
  /** The gateway's own fixed operation (the feed), bounded by its own rate limit rather than MAX_COST. */
  ownOperation?: boolean;
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * /ready's answer, asked of the subgraphs at most once a second whatever the traffic: concurrent
 * callers share one round of five requests (an open /ready must not multiply load on the subgraphs).
 */
function readinessProbe(config: GatewayConfig, freshMs = 1000): () => Promise<Record<string, boolean>> {
  let last: { at: number; state: Promise<Record<string, boolean>> } | undefined;
  return () => {
    if (!last || Date.now() - last.at >= freshMs) last = { at: Date.now(), state: subgraphsReachable(config) };
    return last.state;
  };
}

/** A subgraph is reachable when one of its replicas is ready. */
async function subgraphsReachable(config: GatewayConfig): Promise<Record<string, boolean>> {
  const ready = async (url: string) => {
    try {
      return (await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false;
    }
  };
  const entries = await Promise.all(
    Object.values(config.subgraphs).map(
      async ({ name, urls }) => [name, (await Promise.all(urls.map(ready))).some(Boolean)] as const,
    ),
  );
  return Object.fromEntries(entries);
}

/** /metrics alone on METRICS_PORT (same host), for a scraper inside the network. */
async function serveMetricsOn(config: GatewayConfig, metrics: express.RequestHandler): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metrics);
  const server = app.listen(config.exposure.metricsPort!, config.host);
  await once(server, 'listening');
  return server;
}

export async function startGateway(config: GatewayConfig, port = config.gatewayPort): Promise<RunningGateway> {
  // Subgraph fetches: pooled keep-alive connections, timeouts, retries of queries (gateway/subgraph-fetch.ts).
  const pool = new SubgraphConnectionPool({ timeoutMs: config.subgraphTimeoutMs });
  const logger = createLogger('gateway', config.logLevel);
  initMetrics('gateway');
  // One circuit breaker per subgraph: a failing subgraph's fetches fail at once until a probe succeeds.
  const breakers = new SubgraphBreakers(config.breaker, logger);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => {
      const subgraph = config.subgraphs[name as SubgraphName];
      const dataSource = new SubgraphDataSource<GatewayContext>({
        name,
        url: pool.target(subgraph.urls), // several replicas: balanced (gateway/subgraph-fetch.ts)
        pool,
        // With tracing on, a span per subgraph request and its traceparent header (gateway/tracing.ts).
        transport: tracingOn() ? tracedTransport(name, pool.post) : undefined,
        retries: config.subgraphRetries,
        logger,
        requestIdOf: (context) => context.requestId,
        deadlineOf: (context) => context.deadline,
        breakers,
        // Only what the subgraph needs: its secret, the caller's verified token, the request id for the logs.
        headersFor: (context) => ({
          [GATEWAY_SECRET_HEADER]: gatewaySecretFor(config, name as SubgraphName),
          ...(context.authorization ? { authorization: context.authorization } : {}),
          ...(context.requestId ? { 'x-request-id': context.requestId } : {}),
        }),
      });
      // Concurrent fetches of one request to this subgraph travel as one (gateway/batching.ts).
      return config.subgraphBatching ? new BatchingDataSource(dataSource) : dataSource;
    },
  });

  // Workers of one gateway share Redis when set; otherwise their memory caches are invalidated together (gateway/workers.ts).
  const localStore = createResponseCacheStore(
    config.redisUrl,
    config.responseCache.maxEntries,
    config.redisKeyPrefix,
    Math.max(config.responseCache.ttlMs, 1000),
  );
  const responseCacheStore = inClusterWorker() && !config.redisUrl ? clusterWideStore(localStore) : localStore;
  const verifier = createTokenVerifier(config.auth);
  // Operation limits, error masking, CORS, CSRF, rate limits, safelist (gateway/hardening/).
  const hardening = createHardening<GatewayContext>(config, verifier, (error) =>
    logger.warn({ err: error.message }, 'rate limit store unavailable'),
  );
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', hardening.trustProxy);
  const httpServer: Server = createHttpServer(app);
  const responseCache =
    config.responseCache.ttlMs > 0
      ? // Anonymous reads, invalidated by what mutations change (gateway/response-cache.ts).
        [
          responseCachePlugin({
            store: responseCacheStore,
            ttlMs: config.responseCache.ttlMs,
            isAnonymous: (c) => !(c as GatewayContext).identity,
          }),
        ]
      : [];
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...APOLLO_SERVER_SIGNALS,
    ...hardening.apollo,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      metricsPlugin(),
      errorLoggingPlugin(logger),
      ...hardening.plugins,
      ...responseCache,
    ],
  });
  await apollo.start();

  app.use(requestLogging(logger), countHttpRequests, ...hardening.beforeAll);
  if (inClusterWorker()) joinClusterMetrics();
  const metrics = inClusterWorker() ? clusterMetrics : serveMetrics;
  // /metrics: on its own port when METRICS_PORT is set; else on this one, but never public in production.
  const metricsServer = config.exposure.metricsPort !== undefined ? await serveMetricsOn(config, metrics) : undefined;
  if (!metricsServer && config.env !== 'production') app.get('/metrics', metrics);
  const { rateLimits } = hardening;
  // The open-data feeds (/feeds/programs, /feeds/notices) share the feed bucket of each caller.
  app.use([PROGRAM_FEED.path, NOTICE_FEED.path], rateLimits.feed);
  const feedSettings = {
    publicUrl: config.exposure.publicUrl,
    requestDeadlineMs: config.requestDeadlineMs,
    includeGenerated: config.feedIncludesGenerated,
  };
  mountFeed(app, PROGRAM_FEED, apollo, feedSettings);
  mountFeed(app, NOTICE_FEED, apollo, feedSettings);
  mountEntityRelay(app, config); // /internal/entities: subgraphs' cross-subgraph lookups, each with its own secret
  // The pages, their assets and the probes share one bucket; GET /graphql from a browser is the explorer.
  app.use(['/assets', '/network', '/health', '/ready'], rateLimits.pages);
  app.get('/graphql', (req, res, next) =>
    config.exposure.explorer && wantsHtml(req) ? rateLimits.pages(req, res, next) : next(),
  );
  mountPages(app, { explorer: config.exposure.explorer }); // the explorer (unless off), /network and their /assets
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const readiness = readinessProbe(config);
  app.get('/ready', async (_req, res) => {
    const subgraphs = await readiness();
    const ready = Object.values(subgraphs).every(Boolean);
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'degraded',
      subgraphs,
      breakers: breakers.states(Object.keys(config.subgraphs)),
    });
  });
  app.use(
    '/graphql',
    ...hardening.beforeGraphQL,
    ...(tracingOn() ? [traceHttpRequests] : []),
    expressMiddleware(apollo, {
      // A bad token is refused here (401) before any subgraph is asked; the subgraphs verify it again.
      context: async ({ req }) => {
        const deadline = Date.now() + config.requestDeadlineMs; // from the request's arrival
        const authorization = req.header('authorization');
        const identity = await verifier.identify(authorization);
        return {
          authorization: identity ? authorization : undefined,
          identity,
          requestId: req.header('x-request-id') ?? randomUUID(),
          deadline,
        };
      },
    }),
  );

  httpServer.listen(port, config.host);
  await once(httpServer, 'listening');
  const { port: boundPort } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  return {
    url: `http://${host}:${boundPort}/graphql`,
    async stop() {
      await apollo.stop();
      if (metricsServer) await new Promise((resolve) => metricsServer.close(resolve));
      await responseCacheStore.close();
      await hardening.close();
      await pool.close();
      breakers.shutdown();
    },
  };
}
