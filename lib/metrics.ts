/**
 * Prometheus metrics (prom-client) of one service process, served at /metrics
 * by the gateway and every subgraph. One registry per process; other modules
 * count through the small API below (e.g. `countCacheLookup('response', true)`).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { errorCode } from './errors';
import { pathOf, type ServiceMiddleware } from './logger';

export const registry = new Registry();
let defaultsCollected = false;

/** Names the service in every series and starts the process metrics (CPU, memory, event loop); call once at start. */
export function initMetrics(service: string): void {
  registry.setDefaultLabels({ service });
  if (!defaultsCollected) {
    collectDefaultMetrics({ register: registry });
    defaultsCollected = true;
  }
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequests = new Counter({
  name: 'baeumteo_http_requests_total',
  help: 'HTTP requests answered, by route and status code.',
  labelNames: ['route', 'status'] as const,
  registers: [registry],
});

export const graphqlRequests = new Counter({
  name: 'baeumteo_graphql_requests_total',
  help: 'GraphQL operations executed, by operation name and type.',
  labelNames: ['operation', 'type'] as const,
  registers: [registry],
});

export const graphqlDuration = new Histogram({
  name: 'baeumteo_graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL request to sending its response, by operation name and type.',
  labelNames: ['operation', 'type'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const graphqlErrors = new Counter({
  name: 'baeumteo_graphql_errors_total',
  help: 'GraphQL errors returned, by operation name and error code.',
  labelNames: ['operation', 'code'] as const,
  registers: [registry],
});

export const subgraphFetchDuration = new Histogram({
  name: 'baeumteo_subgraph_fetch_duration_seconds',
  help: 'Gateway: time of one subgraph fetch attempt, by subgraph and outcome (ok, error).',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const subgraphFetchFailures = new Counter({
  name: 'baeumteo_subgraph_fetch_failures_total',
  help: 'Gateway: subgraph fetch attempts that failed, by subgraph and reason (timeout, network, http_<status>).',
  labelNames: ['subgraph', 'reason'] as const,
  registers: [registry],
});

export const subgraphFetchRetries = new Counter({
  name: 'baeumteo_subgraph_fetch_retries_total',
  help: 'Gateway: subgraph query fetches retried after a failure, by subgraph.',
  labelNames: ['subgraph'] as const,
  registers: [registry],
});

export const subgraphBreakerState = new Gauge({
  name: 'baeumteo_subgraph_breaker_state',
  help: "Gateway: each subgraph's circuit breaker: 0 closed, 1 half-open (probing), 2 open (failing fast).",
  labelNames: ['subgraph'] as const,
  aggregator: 'max', // across gateway workers: the worst state
  registers: [registry],
});

export const cacheLookups = new Counter({
  name: 'baeumteo_cache_lookups_total',
  help: 'Cache lookups by cache name and result (hit, miss).',
  labelNames: ['cache', 'result'] as const,
  registers: [registry],
});

export const sqlStatements = new Counter({
  name: 'baeumteo_sql_statements_total',
  help: 'Subgraph: SQL statements sent to the database.',
  registers: [registry],
});

/** Counts one lookup of a cache (response cache, entity cache, ...): `countCacheLookup('response', hit)`. */
export function countCacheLookup(cache: string, hit: boolean): void {
  cacheLookups.inc({ cache, result: hit ? 'hit' : 'miss' });
}

// Operation names come from clients: only well-formed ones become labels, and only so many.
const MAX_OPERATION_LABELS = 200;
const seenOperations = new Set<string>();

/** The label of an operation name: a bounded set, so a client cannot blow up the series count. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'invalid';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_LABELS) return 'other';
  seenOperations.add(name);
  return name;
}

/** Apollo Server plugin: requests, latency and errors by operation name. */
export function metricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(context) {
          const operation = operationLabel(context.operationName ?? context.request.operationName);
          const type = context.operation?.operation ?? 'unknown';
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          graphqlRequests.inc({ operation, type });
          graphqlDuration.observe({ operation, type }, seconds);
          for (const error of context.errors ?? []) {
            graphqlErrors.inc({ operation, code: errorCode(error) });
          }
        },
      };
    },
  };
}

/** Counts every HTTP response by route (the mount path, never the raw URL) and status. */
export const countHttpRequests: ServiceMiddleware = (req, res, next) => {
  const path = pathOf(req);
  const route =
    ['/graphql', '/health', '/ready', '/metrics'].find((mount) => path === mount || path.startsWith(`${mount}/`)) ??
    'other';
  res.once('finish', () => httpRequests.inc({ route, status: String(res.statusCode) }));
  next();
};

export const serveMetrics: RequestHandler = async (_req, res) => {
  res.set('content-type', registry.contentType).send(await registry.metrics());
};
