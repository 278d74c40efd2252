/**
 * The one subgraph server factory: opens the subgraph's database (seeding it
 * on first start), builds its federated schema and serves it over HTTP with
 * /graphql, /health and /ready. Every subgraph's main.ts is a call to
 * `runSubgraph`; the tests start the same servers in-process.
 */
import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import type { EntityManager } from '@mikro-orm/knex';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { createTokenVerifier, GATEWAY_SECRET_HEADER, secretMatches } from '../auth';
import type { SeedSettings, SubgraphConfig } from '../config';
import type { SubgraphContext } from './context';
import { buildFederatedSchema, type SchemaDefinition } from './federation';
import { RequestLoaders } from './loaders';
import { openDatabase, StatementCountingLogger, type DatabaseSpec, type Orm } from './orm';
import { IdempotencyRecord } from './idempotency-record.entity';
import { SeedRun } from './seed-run.entity';
import { APOLLO_SERVER_SIGNALS, createHttpServer, runService } from '../service';
import { databaseUnavailableError, isDatabaseUnavailable } from './database-errors';
import { deadlineFrom, deadlinePlugin, REQUEST_DEADLINE_HEADER } from '../deadline';
import { createLogger, errorLoggingPlugin, isDatabaseError, requestLogging, type ServiceMiddleware } from '../logger';
import { graphqlEndpoint, headerOf, isGraphqlRequest, sendJson } from './graphql-endpoint';
import { countHttpRequests, initMetrics, metricsPlugin, serveMetrics } from '../metrics';
import { tracingOn, tracingPlugin } from '../tracing';
import { holdSqliteDatabase, underStartupLock } from './replicas';
import { tablesWithUnlabelledRows } from './provenance';

export interface SubgraphDefinition extends DatabaseSpec, SchemaDefinition {
  /** Writes this subgraph's slice of the seed network (its own seed module builds it from the settings), in one transaction. */
  seed(em: EntityManager, settings: SeedSettings): Promise<void>;
}

/** Only the gateway may call a subgraph: every /graphql request must carry this subgraph's secret. */
function requireGatewaySecret(secret: string): ServiceMiddleware {
  return (req, res, next) => {
    if (secretMatches(headerOf(req, GATEWAY_SECRET_HEADER), secret)) return next();
    sendJson(res, 401, 'UNAUTHENTICATED', 'This subgraph answers only the Baeumteo gateway.');
  };
}

export interface RunningSubgraph {
  url: string;
  orm: Orm;
  schema: GraphQLSchema;
  stop(): Promise<void>;
}

/** The entities the factory adds to every subgraph. */
export function entitiesOf(definition: SubgraphDefinition): DatabaseSpec {
  return { ...definition, entities: [...definition.entities, SeedRun, IdempotencyRecord] };
}

/** Seeds the database unless a completed seed is recorded (or `force` asks for a fresh one). */
export async function seedDatabase(
  orm: Orm,
  definition: SubgraphDefinition,
  config: Pick<SubgraphConfig, 'seed' | 'databaseUrl'>,
): Promise<boolean> {
  const em = orm.em.fork();
  if ((await em.count(SeedRun, {})) > 0) return false;
  await em.transactional(async (tx) => {
    await definition.seed(tx, config.seed);
    const unlabelled = await tablesWithUnlabelledRows(tx);
    if (unlabelled.length > 0)
      throw new Error(`the ${definition.subgraph} seed wrote rows without their source into ${unlabelled.join(', ')}`);
    tx.create(SeedRun, {
      seed: config.seed.seed,
      programs: config.seed.programs,
      finishedAt: new Date().toISOString(),
    });
  });
  // Fresh planner statistics: without them PostgreSQL estimates one row where a bulk load put thousands.
  // On PostgreSQL also the visibility map, without which no index-only scan (counts) skips the table.
  await em.getConnection().execute(config.databaseUrl ? 'vacuum (analyze)' : 'analyze main');
  return true;
}

export async function startSubgraph(
  definition: SubgraphDefinition,
  config: SubgraphConfig,
  port = config.port,
): Promise<RunningSubgraph> {
  const logger = createLogger(definition.subgraph, config.logLevel);
  // Replicas starting together: one creates, migrates and seeds the database, the others wait (lib/subgraph/replicas.ts).
  const { orm, seeded } = await underStartupLock(config, definition.subgraph, logger, async () => {
    const opened = await openDatabase(entitiesOf(definition), config);
    return { orm: opened, seeded: await seedDatabase(opened, definition, config) };
  });
  const schema = await buildFederatedSchema(definition);

  const app = express();
  const httpServer: Server = createHttpServer(); // its request handler comes once Apollo Server has started
  initMetrics(definition.subgraph);
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    ...APOLLO_SERVER_SIGNALS,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // Cache hints are computed by a hook on every resolved field, and nothing reads them: the gateway's response
      // cache has its own rules (gateway/response-cache.ts). Issue 15's profile: a per-field cost on every request.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      metricsPlugin(),
      errorLoggingPlugin(logger),
      ...(tracingOn() ? [tracingPlugin(definition.subgraph)] : []), // the operation's span, continuing the gateway's trace
      deadlinePlugin(definition.subgraph), // an operation the gateway no longer waits for is not started
    ],
    // A lost database is one clear error (no stack, no driver detail); /ready says 503 meanwhile.
    formatError: (formatted, error) => {
      if (isDatabaseUnavailable(error))
        return { ...databaseUnavailableError(definition.subgraph).toJSON(), path: formatted.path };
      // Any other database error is a bug: its text (the statement with its values) stays out of the answer too.
      if (isDatabaseError((error as { originalError?: unknown }).originalError)) {
        return {
          message: 'Unexpected error: the request id in the logs tells what failed.',
          path: formatted.path,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        };
      }
      return formatted;
    },
  });
  await apollo.start();

  const logRequest = requestLogging(logger);
  app.use(logRequest, countHttpRequests);
  app.get('/metrics', serveMetrics);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.subgraph });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready', subgraph: definition.subgraph });
    } catch (error) {
      const reason = isDatabaseUnavailable(error) ? 'database unavailable' : 'database check failed';
      logger.warn({ error: (error as Error).message }, `not ready: ${reason}`);
      res.status(503).json({ status: 'unavailable', subgraph: definition.subgraph, reason });
    }
  });
  if (config.env !== 'production') {
    // The SQL-count tests and the benchmark diff this counter around requests (never exposed in production).
    app.get('/debug/sql-statements', (_req, res) => {
      res.json({ subgraph: definition.subgraph, statements: StatementCountingLogger.statements });
    });
  }
  const verifier = createTokenVerifier(config.auth);
  const serveGraphql = graphqlEndpoint(apollo, {
    logger,
    before: [logRequest, countHttpRequests, requireGatewaySecret(config.gatewaySecret)],
    context: async (req) => {
      const deadline = deadlineFrom(headerOf(req, REQUEST_DEADLINE_HEADER));
      const identity = await verifier.identify(headerOf(req, 'authorization'));
      const em = orm.em.fork();
      return {
        em,
        loaders: new RequestLoaders(em),
        requestId: req.requestId,
        identity,
        config,
        deadline,
      };
    },
  });

  // /graphql on node's own server (lib/subgraph/graphql-endpoint.ts), the rest on express.
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isGraphqlRequest(req)) serveGraphql(req, res);
    else app(req, res);
  });
  httpServer.listen(port, config.host);
  await once(httpServer, 'listening');
  const address = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${address.port}/graphql`;
  if (seeded) logger.info('seeded its database');

  return {
    url,
    orm,
    schema,
    async stop() {
      await apollo.stop();
      await orm.close(true);
    },
  };
}

/** Entry point of a subgraph process; on SQLite it refuses to start while another process serves the same file. */
export function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  return runService(definition.subgraph, async (config) => {
    const lock = config.databaseUrl ? undefined : holdSqliteDatabase(config, definition.subgraph);
    try {
      const running = await startSubgraph(definition, config);
      return { ...running, stop: () => running.stop().finally(() => lock?.release()) };
    } catch (error) {
      lock?.release();
      throw error;
    }
  });
}
