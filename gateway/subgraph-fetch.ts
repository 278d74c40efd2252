/**
 * How the gateway fetches from subgraphs: a GraphQLDataSource of our own over
 * a keep-alive connection pool (undici Agent; a BalancedPool over the replicas
 * when a subgraph has several URLs, so a retry may go to another replica).
 *
 * - Deadline: every client request has one end-to-end budget
 *   (REQUEST_DEADLINE_MS, from the gateway context). An attempt is bounded by
 *   the shorter of SUBGRAPH_TIMEOUT_MS and what is left of it, and the
 *   subgraph is told when that bound ends (header `x-request-deadline`, lib/deadline.ts) so it stops
 *   work nobody waits for. A stalled subgraph costs a request at most its deadline.
 * - Retries: queries only (a retry could repeat a write), SUBGRAPH_RETRIES
 *   times with a small backoff, on network errors, timeouts and 502/503/504,
 *   and only while the budget leaves room for another attempt.
 * - Circuit breaker per subgraph (opossum): after repeated failures its
 *   fetches fail at once for BREAKER_RESET_TIMEOUT_MS, then one probe
 *   (half-open) closes it again when it answers.
 * - Identical queries in flight share one fetch (gateway/dedup.ts).
 *
 * A fetch that still fails becomes one GraphQL error naming the subgraph
 * (`extensions.serviceName`, code SUBGRAPH_UNAVAILABLE, `reason`) with the path
 * of the first field the fetch was to fill: the gateway answers with the data
 * of the other subgraphs (every field another subgraph fills is nullable:
 * lib/partial-answers.ts), and the next request tries again, so it recovers
 * by itself when the subgraph returns.
 *
 * Why not RemoteGraphQLDataSource: per fetch it builds node-fetch Headers twice
 * and a Request it never sends, and goes through the WHATWG fetch and stream
 * layers; on the dong page (six subgraph requests per client request) that was
 * a large part of the gateway's CPU. undici's request() reads the body directly.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import CircuitBreaker from 'opossum';
import { Agent, BalancedPool } from 'undici';
import type { BreakerConfig } from '../lib/config';
import { REQUEST_DEADLINE_HEADER } from '../lib/deadline';
import type { Logger } from '../lib/logger';
import {
  subgraphBreakerState,
  subgraphFetchDuration,
  subgraphFetchFailures,
  subgraphFetchRetries,
} from '../lib/metrics';
import { InFlightSharing, type SubgraphAnswer } from './dedup';

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export interface SubgraphFetchOptions {
  /** Bound of one attempt. */
  timeoutMs: number;
  /** Most open connections per subgraph. */
  connections?: number;
}

/** Sends one POST with a JSON body and reads the whole answer, within `timeoutMs`. */
export type Transport = (
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs?: number,
) => Promise<SubgraphAnswer>;

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
    if (!this.balanced.has(key))
      this.balanced.set(
        key,
        new BalancedPool(
          urls.map((url) => new URL(url).origin),
          this.poolOptions(),
        ),
      );
    return key;
  }

  /** A POST over the pool, bounded by the timeout. */
  readonly post: Transport = async (url, body, headers, timeoutMs = this.options.timeoutMs) => {
    const balanced = this.balanced.get(url);
    const { origin, pathname } = new URL(balanced ? url.slice(0, url.indexOf(',')) : url);
    const { statusCode, body: responseBody } = await (balanced ?? this.agent).request({
      origin: balanced ? undefined : origin, // the BalancedPool picks the origin
      path: pathname,
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(timeoutMs),
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

type FailureReason = 'timeout' | 'deadline' | 'circuit_open' | 'network' | `http_${number}` | 'other';

/** A subgraph's non-2xx answer; 401/403 keep their meaning for the client. */
class SubgraphHttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

export function failureReason(error: unknown): FailureReason {
  const { name, code } = error as { name?: string; code?: string };
  if (code === 'EOPENBREAKER') return 'circuit_open';
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  )
    return 'timeout';
  if (error instanceof SubgraphHttpError) return `http_${error.status}`;
  if (typeof code === 'string' || (error as { cause?: { code?: string } }).cause?.code) return 'network';
  return 'other';
}

const RETRYABLE = new Set<FailureReason>(['timeout', 'network', 'http_502', 'http_503', 'http_504']);

function describe(reason: FailureReason, timeoutMs: number): string {
  if (reason === 'timeout') return `did not answer within ${timeoutMs} ms`;
  if (reason === 'deadline') return "could not be asked within the request's deadline";
  if (reason === 'circuit_open') return 'failed repeatedly and is not asked for a few seconds (circuit breaker open)';
  if (reason === 'network') return 'could not be reached';
  if (reason.startsWith('http_')) return `answered HTTP ${reason.slice(5)}`;
  return 'failed';
}

/** A query (or subscription) may be retried and shared; a mutation never. Subgraph operations are printed by the gateway. */
export function isMutation(query: string | undefined): boolean {
  return /^\s*mutation\b/.test(query ?? '');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An attempt shorter than this is not worth starting: a retry needs this much of the budget left. */
const MIN_ATTEMPT_MS = 50;

/** Rejects with a TimeoutError when `promise` takes longer than `ms` (a caller sharing another's fetch keeps its own bound). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms} ms`), { name: 'TimeoutError' })),
      ms,
    );
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

export type BreakerState = 'closed' | 'half_open' | 'open';
const BREAKER_GAUGE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/** One opossum circuit breaker per subgraph; an attempt that fails (network, timeout, HTTP 5xx) counts against it. */
export class SubgraphBreakers {
  private readonly breakers = new Map<string, CircuitBreaker<[() => Promise<SubgraphAnswer>], SubgraphAnswer>>();

  constructor(
    private readonly settings: BreakerConfig,
    private readonly logger?: Logger,
  ) {}

  /** Runs one attempt through the subgraph's breaker: at once rejected (EOPENBREAKER) while it is open. */
  fire(subgraph: string, attempt: () => Promise<SubgraphAnswer>): Promise<SubgraphAnswer> {
    return this.breakerOf(subgraph).fire(attempt);
  }

  state(subgraph: string): BreakerState {
    const breaker = this.breakers.get(subgraph);
    if (!breaker || breaker.closed) return 'closed';
    return breaker.halfOpen ? 'half_open' : 'open';
  }

  states(subgraphs: readonly string[]): Record<string, BreakerState> {
    return Object.fromEntries(subgraphs.map((name) => [name, this.state(name)]));
  }

  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
  }

  private breakerOf(subgraph: string) {
    let breaker = this.breakers.get(subgraph);
    if (breaker) return breaker;
    breaker = new CircuitBreaker(
      async (attempt: () => Promise<SubgraphAnswer>) => {
        const answer = await attempt();
        if (answer.status >= 500) throw new SubgraphHttpError(answer.status);
        return answer;
      },
      {
        name: subgraph,
        timeout: false, // the data source bounds each attempt by the request's deadline
        errorThresholdPercentage: this.settings.errorThresholdPercentage,
        volumeThreshold: this.settings.volumeThreshold,
        resetTimeout: this.settings.resetTimeoutMs,
        rollingCountTimeout: this.settings.windowMs,
      },
    );
    const report = (state: BreakerState) => () => {
      subgraphBreakerState.set({ subgraph }, BREAKER_GAUGE[state]);
      this.logger?.warn({ subgraph, breaker: state }, `circuit breaker ${state.replace('_', '-')}`);
    };
    breaker.on('open', report('open'));
    breaker.on('halfOpen', report('half_open'));
    breaker.on('close', report('closed'));
    subgraphBreakerState.set({ subgraph }, 0);
    this.breakers.set(subgraph, breaker);
    return breaker;
  }
}

/** Each subgraph operation's parsed document, kept for the error paths of failed fetches (a finite set of plans). */
const documents = new Map<string, DocumentNode>();

function documentOf(query: string): DocumentNode {
  let document = documents.get(query);
  if (!document) {
    document = parse(query, { noLocation: true });
    if (documents.size >= 1_000) documents.delete(documents.keys().next().value!);
    documents.set(query, document);
  }
  return document;
}

/** The response key of the first field a selection set asks for (through fragments), skipping __typename. */
function firstField(
  selectionSet: SelectionSetNode | undefined,
  document: DocumentNode,
): { key: string; selectionSet?: SelectionSetNode } | undefined {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__typename') continue;
      return { key: (selection.alias ?? selection.name).value, selectionSet: selection.selectionSet };
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection
        : document.definitions.find(
            (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
          );
    const found = fragment && 'selectionSet' in fragment ? firstField(fragment.selectionSet, document) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * The answer of a plan fetch that failed: no data, and the subgraph's error at
 * the first field the fetch was to fill (for an entity fetch, that field of the
 * first entity), so the client's error has a path like `dong.culturalCenters`.
 * The gateway turns `_entities` paths into paths of the client's query.
 */
export function failedFetchAnswer(query: string | undefined, error: GraphQLError): GatewayResponse {
  let path: (string | number)[] | undefined;
  if (query) {
    const document = documentOf(query);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const root = operation && 'selectionSet' in operation ? firstField(operation.selectionSet, document) : undefined;
    if (root?.key === '_entities') {
      const field = firstField(root.selectionSet, document);
      path = field ? ['_entities', 0, field.key] : ['_entities', 0];
    } else if (root) {
      path = [root.key];
    }
  }
  return { errors: [{ message: error.message, ...(path ? { path } : {}), extensions: error.extensions }] };
}

/** A fetch of the query plan for one client request (not a schema load, not a merged batch): it has a place in the response. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bound Apollo's GraphQLDataSource declares
export type GatewayContext = Record<string, any>;

export const answersAPlanFetch = (options: GraphQLDataSourceProcessOptions<GatewayContext>): boolean =>
  'incomingRequestContext' in options && Array.isArray(options.pathInIncomingRequest);

export interface SubgraphDataSourceOptions<TContext extends GatewayContext> {
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
  /** When the client request's budget runs out (epoch ms); none: each attempt has the pool's timeout. */
  deadlineOf?: (context: TContext) => number | undefined;
  /** The subgraphs' circuit breakers (none: no breaker). */
  breakers?: SubgraphBreakers;
}

/** A subgraph reached over the pool, with timeouts, retries of queries, sharing of identical queries, metrics and a named error. */
export class SubgraphDataSource<TContext extends GatewayContext> implements GraphQLDataSource<TContext> {
  private readonly transport: Transport;
  private readonly sharing: InFlightSharing;

  constructor(private readonly options: SubgraphDataSourceOptions<TContext>) {
    this.transport = options.transport ?? options.pool.post;
    this.sharing = options.sharing ?? new InFlightSharing();
  }

  async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayResponse> {
    try {
      return await this.fetch(options);
    } catch (error) {
      // A plan fetch's failure is an error at its place in the response (a merged batch's parts get theirs in gateway/batching.ts).
      if (error instanceof GraphQLError && answersAPlanFetch(options))
        return failedFetchAnswer(options.request.query, error);
      throw error;
    }
  }

  private async fetch({ request, context }: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayResponse> {
    if (!request.query) throw new Error('Missing query');
    const { name, url, pool, retries, logger, breakers } = this.options;
    const mutation = isMutation(request.query);
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      extensions: request.extensions,
    });
    const baseHeaders: Record<string, string> = {
      'content-type': 'application/json',
      ...this.options.headersFor(context as TContext),
    };
    const deadline = this.options.deadlineOf?.(context as TContext) ?? Number.POSITIVE_INFINITY;
    const attempts = mutation ? 1 : 1 + retries;
    let delay = this.options.backoffMs ?? 50;
    for (let attempt = 1; ; attempt += 1) {
      // A mutation is tried once, so it may use what is left of the deadline (a burst of writes queues on the database);
      // a query's attempt is bounded shorter so a retry still fits.
      const timeoutMs = Math.floor(
        mutation && Number.isFinite(deadline) ? deadline - Date.now() : Math.min(pool.timeoutMs, deadline - Date.now()),
      );
      if (timeoutMs <= 0) throw this.namedError('deadline', 0);
      const headers: Record<string, string> = {
        ...baseHeaders,
        [REQUEST_DEADLINE_HEADER]: String(Date.now() + timeoutMs),
      };
      const send = () => this.transport(url, body, headers, timeoutMs);
      const guarded = breakers ? () => breakers.fire(name, send) : send;
      const started = process.hrtime.bigint();
      try {
        // Mutations always run; a query waits for an identical one in flight (same body, same caller), within its own bound.
        const answer = mutation
          ? await guarded()
          : await within(this.sharing.share(`${url}\n${headers.authorization ?? ''}\n${body}`, guarded), timeoutMs);
        if (answer.status < 200 || answer.status > 299) throw new SubgraphHttpError(answer.status);
        const parsed = JSON.parse(answer.body) as GatewayResponse;
        subgraphFetchDuration.observe(
          { subgraph: name, outcome: 'ok' },
          Number(process.hrtime.bigint() - started) / 1e9,
        );
        return parsed;
      } catch (error) {
        subgraphFetchDuration.observe(
          { subgraph: name, outcome: 'error' },
          Number(process.hrtime.bigint() - started) / 1e9,
        );
        const reason = failureReason(error);
        subgraphFetchFailures.inc({ subgraph: name, reason });
        const retry = attempt < attempts && RETRYABLE.has(reason) && deadline - Date.now() >= delay + MIN_ATTEMPT_MS;
        logger?.warn(
          {
            requestId: this.options.requestIdOf?.(context as TContext),
            subgraph: name,
            reason,
            attempt,
            retry,
            error: (error as Error).message,
          },
          'subgraph fetch failed',
        );
        if (!retry) throw this.namedError(reason, timeoutMs);
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
