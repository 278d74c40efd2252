/**
 * How the gateway fetches from subgraphs: a GraphQLDataSource of our own over
 * a keep-alive connection pool (undici Agent; a BalancedPool over the replicas
 * when a subgraph has several URLs). Each attempt is bounded by
 * SUBGRAPH_TIMEOUT_MS; queries are retried (SUBGRAPH_RETRIES times, small
 * backoff) on network errors, timeouts and 502/503/504 — mutations never, since
 * a retry could repeat a write. Identical queries in flight share one fetch
 * (gateway/dedup.ts). A fetch that still fails becomes one GraphQL error naming
 * the subgraph (`extensions.serviceName`, code SUBGRAPH_UNAVAILABLE): the
 * gateway answers with the data of the other subgraphs, and the next request
 * tries again, so it recovers by itself when the subgraph returns.
 *
 * Why not RemoteGraphQLDataSource: per fetch it builds node-fetch Headers twice
 * and a Request it never sends, and goes through the WHATWG fetch and stream
 * layers; on the dong page (six subgraph requests per client request) that was
 * a large part of the gateway's CPU. undici's request() reads the body directly.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Agent, BalancedPool } from 'undici';
import type { Logger } from '../lib/logger';
import { subgraphFetchDuration, subgraphFetchFailures, subgraphFetchRetries } from '../lib/metrics';
import { InFlightSharing, type SubgraphAnswer } from './dedup';

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export interface SubgraphFetchOptions {
  /** Bound of one attempt. */
  timeoutMs: number;
  /** Most open connections per subgraph. */
  connections?: number;
}

/** Sends one POST with a JSON body and reads the whole answer. */
export type Transport = (url: string, body: string, headers: Record<string, string>) => Promise<SubgraphAnswer>;

/** The connection pool shared by every subgraph data source of one gateway. */
export class SubgraphConnectionPool {
  private readonly agent: Agent;
  /** Replicated subgraphs by their URL list ("http://a/graphql,http://b/graphql"). */
  private readonly balanced = new Map<string, BalancedPool>();

  constructor(private readonly options: SubgraphFetchOptions) {
    this.agent = new Agent(this.poolOptions());
  }

  private poolOptions() {
    return {
      connections: this.options.connections ?? 64,
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 30_000,
      connectTimeout: Math.min(this.options.timeoutMs, 5_000),
    };
  }

  /**
   * The URL to fetch a subgraph at: its only URL, or for several replicas a key for a BalancedPool over them
   * (weighted round robin; a replica that refuses connections loses weight, and a retry goes to the next one).
   */
  target(urls: string[]): string {
    if (urls.length === 1) return urls[0];
    const key = urls.join(',');
    if (!this.balanced.has(key)) this.balanced.set(key, new BalancedPool(urls.map((url) => new URL(url).origin), this.poolOptions()));
    return key;
  }

  /** A POST over the pool, bounded by the timeout. */
  readonly post: Transport = async (url, body, headers) => {
    const balanced = this.balanced.get(url);
    const { origin, pathname } = new URL(balanced ? url.slice(0, url.indexOf(',')) : url);
    const { statusCode, body: responseBody } = await (balanced ?? this.agent).request({
      origin: balanced ? undefined : origin, // the BalancedPool picks the origin
      path: pathname,
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    return { status: statusCode, body: await responseBody.text() };
  };

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  async close(): Promise<void> {
    await Promise.all([this.agent, ...this.balanced.values()].map((dispatcher) => dispatcher.close()));
  }
}

type FailureReason = 'timeout' | 'network' | `http_${number}` | 'other';

/** A subgraph's non-2xx answer; 401/403 keep their meaning for the client. */
class SubgraphHttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export function failureReason(error: unknown): FailureReason {
  const { name, code } = error as { name?: string; code?: string };
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  if (error instanceof SubgraphHttpError) return `http_${error.status}`;
  if (typeof code === 'string' || (error as { cause?: { code?: string } }).cause?.code) return 'network';
  return 'other';
}

const RETRYABLE = new Set<FailureReason>(['timeout', 'network', 'http_502', 'http_503', 'http_504']);

function describe(reason: FailureReason, timeoutMs: number): string {
  if (reason === 'timeout') return `did not answer within ${timeoutMs} ms`;
  if (reason === 'network') return 'could not be reached';
  if (reason.startsWith('http_')) return `answered HTTP ${reason.slice(5)}`;
  return 'failed';
}

/** A query (or subscription) may be retried and shared; a mutation never. Subgraph operations are printed by the gateway. */
export function isMutation(query: string | undefined): boolean {
  return /^\s*mutation\b/.test(query ?? '');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SubgraphDataSourceOptions<TContext extends Record<string, any>> {
  name: string;
  url: string;
  pool: SubgraphConnectionPool;
  retries: number;
  backoffMs?: number;
  logger?: Logger;
  /** The headers this subgraph gets for a request (its gateway secret, the caller's token, the request id). */
  headersFor: (context: TContext) => Record<string, string>;
  requestIdOf?: (context: TContext) => string | undefined;
  /** How a request travels; the pool's POST unless a test stands in. */
  transport?: Transport;
  /** Identical queries in flight share one fetch (on by default). */
  sharing?: InFlightSharing;
}

/** A subgraph reached over the pool, with timeouts, retries of queries, sharing of identical queries, metrics and a named error. */
export class SubgraphDataSource<TContext extends Record<string, any>> implements GraphQLDataSource<TContext> {
  private readonly transport: Transport;
  private readonly sharing: InFlightSharing;

  constructor(private readonly options: SubgraphDataSourceOptions<TContext>) {
    this.transport = options.transport ?? options.pool.post;
    this.sharing = options.sharing ?? new InFlightSharing();
  }

  async process({ request, context }: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayResponse> {
    if (!request.query) throw new Error('Missing query');
    const { name, url, pool, retries, logger } = this.options;
    const mutation = isMutation(request.query);
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions });
    const headers: Record<string, string> = { 'content-type': 'application/json', ...this.options.headersFor(context as TContext) };
    const send = () => this.transport(url, body, headers);
    const attempts = mutation ? 1 : 1 + retries;
    let delay = this.options.backoffMs ?? 50;
    for (let attempt = 1; ; attempt += 1) {
      const started = process.hrtime.bigint();
      try {
        // Mutations always run; a query waits for an identical one in flight (same body, same caller).
        const answer = mutation ? await send() : await this.sharing.share(`${url}\n${headers.authorization ?? ''}\n${body}`, send);
        if (answer.status < 200 || answer.status > 299) throw new SubgraphHttpError(answer.status);
        const parsed = JSON.parse(answer.body) as GatewayResponse;
        subgraphFetchDuration.observe({ subgraph: name, outcome: 'ok' }, Number(process.hrtime.bigint() - started) / 1e9);
        return parsed;
      } catch (error) {
        subgraphFetchDuration.observe({ subgraph: name, outcome: 'error' }, Number(process.hrtime.bigint() - started) / 1e9);
        const reason = failureReason(error);
        subgraphFetchFailures.inc({ subgraph: name, reason });
        const retry = attempt < attempts && RETRYABLE.has(reason);
        logger?.warn(
          { requestId: this.options.requestIdOf?.(context as TContext), subgraph: name, reason, attempt, retry, error: (error as Error).message },
          'subgraph fetch failed',
        );
        if (!retry) throw this.namedError(reason, pool.timeoutMs);
        subgraphFetchRetries.inc({ subgraph: name });
        await sleep(delay);
        delay *= 3;
      }
    }
  }

  /** The error the client sees: says which subgraph failed and how, without internal addresses. */
  private namedError(reason: FailureReason, timeoutMs: number): GraphQLError {
    const { name } = this.options;
    if (reason === 'http_401' || reason === 'http_403') {
      const code = reason === 'http_401' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      return new GraphQLError(`Subgraph "${name}" refused the request.`, { extensions: { code, serviceName: name } });
    }
    return new GraphQLError(`Subgraph "${name}" is unavailable: it ${describe(reason, timeoutMs)}.`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: name, reason },
    });
  }
}
