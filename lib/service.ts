import { createServer, type RequestListener, type Server } from 'node:http';
import { ConfigError, loadConfig, type ServiceConfig, type ServiceName } from './config';
import { createLogger } from './logger';
import { startTracing, stopTracing } from './tracing';

export interface RunningService {
  url: string;
  /** Stops accepting, lets in-flight requests finish, then closes pools (database, connections). */
  stop(): Promise<void>;
}

/**
 * An HTTP server whose idle keep-alive connections outlive its clients' (the gateway's pool drops them after 4 s,
 * browsers and load balancers after up to 60 s): the client, not the server, closes an idle connection, so a
 * request is never sent on a connection the server is closing at that moment ("other side closed"), which
 * would fail a mutation (never retried).
 */
export function createHttpServer(app?: RequestListener): Server {
  const server = app ? createServer(app) : createServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000; // must exceed keepAliveTimeout
  return server;
}

/**
 * The old-generation heap a service may grow to, in MB: its node flag is in every way a service is started (the
 * launcher of `npm start`, the tests and the benchmark; docker-compose.yml; deploy/kubernetes/), well inside the
 * memory limit of its container (512Mi a subgraph, 1Gi the gateway). Left to itself V8 let a service's heap grow to
 * several times what it holds live before collecting, so its memory sawed by 40-100%: issue 15's soak in BENCHMARKS.md,
 * where with a bound every process stayed within a few percent at the same throughput.
 */
export const HEAP_LIMIT_MB = { gateway: 384, subgraph: 256 } as const;

export function heapLimitFlag(service: ServiceName): string {
  return `--max-old-space-size=${service === 'gateway' ? HEAP_LIMIT_MB.gateway : HEAP_LIMIT_MB.subgraph}`;
}

/** Spread into every ApolloServer: runService, not Apollo Server, handles SIGINT/SIGTERM (see runService). */
export const APOLLO_SERVER_SIGNALS = { stopOnTerminationSignals: false } as const;

/** How long in-flight work may take after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 15_000;

/**
 * The entry point of one service process (a subgraph or the gateway): start
 * it, say where it serves, and shut it down gracefully on SIGINT/SIGTERM
 * (stop accepting, finish in-flight requests, close pools, exit 0). This is
 * the only signal handler: Apollo Server's own is off (stopOnTerminationSignals:
 * false, see APOLLO_SERVER_SIGNALS), because with both the second stop() waited
 * forever and the process was killed by the grace timer with code 1; a failure
 * to start ends the process with code 1 so the launcher can report it.
 * Logs are JSON lines (pino) on stdout.
 */
export async function runService<S extends ServiceName>(
  name: S,
  start: (config: ServiceConfig<S>) => Promise<RunningService>,
): Promise<void> {
  let logger = createLogger(name, 'info');
  try {
    const config = loadConfig(process.env, { service: name });
    logger = createLogger(name, config.logLevel);
    startTracing(name, config); // only when an exporter is configured
    const running = await start(config);
    logger.info({ url: running.url }, `serving ${running.url}`);
    let stopping = false;
    const shutdown = async (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
      try {
        await running.stop();
        await stopTracing().catch((error) =>
          logger.warn({ error: (error as Error).message }, 'traces could not be flushed'),
        );
        logger.info('stopped');
        process.exit(0);
      } catch (error) {
        logger.error({ error: (error as Error).message }, 'shutdown failed');
        process.exit(1);
      }
    };
    process.on('SIGINT', (signal) => void shutdown(signal));
    process.on('SIGTERM', (signal) => void shutdown(signal));
  } catch (error) {
    // A configuration error is the operator's to fix: its message says what, a stack would only hide it.
    if (error instanceof ConfigError) logger.fatal({ error: error.message }, `failed to start: ${error.message}`);
    else logger.fatal({ error: (error as Error).message, stack: (error as Error).stack }, 'failed to start');
    process.exit(1);
  }
}
