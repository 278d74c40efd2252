/**
 * How the gateway fetches from subgraphs: over a keep-alive connection pool
 * (undici Agent), each attempt bounded by SUBGRAPH_TIMEOUT_MS, queries retried
 * (SUBGRAPH_RETRIES times, small backoff) on network errors, timeouts and
 * 502/503/504 — mutations never, since a retry could repeat a write. A fetch
 * that still fails becomes one GraphQL error naming the subgraph
 * (`extensions.serviceName`, code SUBGRAPH_UNAVAILABLE): the gateway answers
 * with the data of the other subgraphs, and the next request tries again, so
 * it recovers by itself when the subgraph returns.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Logger } from '../lib/logger';
import { subgraphFetchDuration, subgraphFetchFailures, subgraphFetchRetries } from '../lib/metrics';

export interface SubgraphFetchOptions {
  /** Bound of one attempt. */
  timeoutMs: number;
  /** Extra attempts for a query whose fetch failed in a retryable way. */
  retries: number;
  /** Delay before the first retry; doubled for each next one. */
  backoffMs?: number;
  /** Most open connections per subgraph. */
  connections?: number;
}

/** The connection pool shared by every subgraph data source of one gateway. */
export class SubgraphConnectionPool {
  private readonly agent: Agent;

  constructor(private readonly options: SubgraphFetchOptions) {
    this.agent = new Agent({
      connections: options.connections ?? 64,
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 30_000,
      connectTimeout: Math.min(options.timeoutMs, 5_000),
    });
  }

  /** A fetch over the pool, each call bounded by the timeout. */
  readonly fetch = ((input: string, init: Record<string, unknown> = {}) =>
    undiciFetch(input, { ...init, dispatcher: this.agent, signal: AbortSignal.timeout(this.options.timeoutMs) } as never)) as unknown as typeof fetch;

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

type FailureReason = 'timeout' | 'network' | `http_${number}` | 'other';

function failureReason(error: unknown): FailureReason {
  const { name, extensions } = error as { name?: string; extensions?: { response?: { status?: number } } };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  const status = extensions?.response?.status;
  if (typeof status === 'number') return `http_${status}`;
  if (error instanceof TypeError || name === 'FetchError' || (error as { cause?: { code?: string } }).cause?.code) return 'network';
  return 'other';
}

const RETRYABLE = new Set<FailureReason>(['timeout', 'network', 'http_502', 'http_503', 'http_504']);

function describe(reason: FailureReason, timeoutMs: number): string {
  if (reason === 'timeout') return `did not answer within ${timeoutMs} ms`;
  if (reason === 'network') return 'could not be reached';
  if (reason.startsWith('http_')) return `answered HTTP ${reason.slice(5)}`;
  return 'failed';
}

/** A query (or subscription) may be retried; a mutation never. Subgraph operations are printed by the gateway. */
export function isMutation(query: string | undefined): boolean {
  return /^\s*mutation\b/.test(query ?? '');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ResilientDataSourceOptions<TContext extends Record<string, any>> {
  name: string;
  url: string;
  pool: SubgraphConnectionPool;
  retries: number;
  backoffMs?: number;
  logger?: Logger;
  willSendRequest?: (options: GraphQLDataSourceProcessOptions<TContext>) => void | Promise<void>;
  requestIdOf?: (context: TContext) => string | undefined;
}

/** RemoteGraphQLDataSource with timeouts, pooled connections, retries of queries, metrics and a named error. */
export class ResilientDataSource<TContext extends Record<string, any>> extends RemoteGraphQLDataSource<TContext> {
  private readonly resilience: ResilientDataSourceOptions<TContext>;

  constructor(options: ResilientDataSourceOptions<TContext>) {
    super({ url: options.url, fetcher: options.pool.fetch as never });
    this.resilience = options;
    if (options.willSendRequest) this.willSendRequest = options.willSendRequest;
  }

  override async process(options: GraphQLDataSourceProcessOptions<TContext>): ReturnType<RemoteGraphQLDataSource<TContext>['process']> {
    const { name, pool, retries, logger } = this.resilience;
    const context = options.context as TContext;
    const attempts = isMutation(options.request.query) ? 1 : 1 + retries;
    let delay = this.resilience.backoffMs ?? 50;
    for (let attempt = 1; ; attempt += 1) {
      const started = process.hrtime.bigint();
      try {
        const response = await super.process(options);
        subgraphFetchDuration.observe({ subgraph: name, outcome: 'ok' }, Number(process.hrtime.bigint() - started) / 1e9);
        return response;
      } catch (error) {
        subgraphFetchDuration.observe({ subgraph: name, outcome: 'error' }, Number(process.hrtime.bigint() - started) / 1e9);
        const reason = failureReason(error);
        subgraphFetchFailures.inc({ subgraph: name, reason });
        const retry = attempt < attempts && RETRYABLE.has(reason);
        logger?.warn(
          { requestId: this.resilience.requestIdOf?.(context), subgraph: name, reason, attempt, retry, error: (error as Error).message },
          'subgraph fetch failed',
        );
        if (!retry) throw this.namedError(error, reason, pool.timeoutMs);
        subgraphFetchRetries.inc({ subgraph: name });
        await sleep(delay);
        delay *= 3;
      }
    }
  }

  /** The error the client sees: says which subgraph failed and how, without internal addresses. */
  private namedError(error: unknown, reason: FailureReason, timeoutMs: number): GraphQLError {
    const { name } = this.resilience;
    const extensions = (error as GraphQLError).extensions ?? {};
    if (extensions.code === 'UNAUTHENTICATED' || extensions.code === 'FORBIDDEN') {
      return new GraphQLError(`Subgraph "${name}" refused the request.`, { extensions: { code: extensions.code, serviceName: name } });
    }
    return new GraphQLError(`Subgraph "${name}" is unavailable: it ${describe(reason, timeoutMs)}.`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: name, reason },
    });
  }
}
