/**
 * Opens a subgraph's own database: an embedded SQLite file under DATA_DIR by
 * default, or a PostgreSQL database of its own (`<db>_<subgraph>`) when
 * DATABASE_URL is set. PostgreSQL tables come only from the migrations checked
 * into the subgraph; the embedded SQLite file is created from entity metadata.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import {
  MikroORM,
  type EntityClass,
  type EntityMetadata,
  type LoggerOptions,
  type MigrationObject,
  type Options,
  DefaultLogger,
  type LogContext,
} from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import type { SubgraphConfig, SubgraphName } from '../config';
import { SeedRun } from './seed-run.entity';
import { sqlStatements } from '../metrics';
import { createLogger, withoutSqlValues, type Logger } from '../logger';

const ormLoggers = new Map<string, Logger>();
function ormLogger(subgraph: string): Logger {
  if (!ormLoggers.has(subgraph)) ormLoggers.set(subgraph, createLogger(subgraph, 'info').child({ component: 'orm' }));
  return ormLoggers.get(subgraph)!;
}

export interface DatabaseSpec {
  subgraph: SubgraphName;
  entities: EntityClass<object>[];
  /** Migrations in the order they run, e.g. `[{ name: 'Migration20261128', class: Migration20261128 }]`. */
  migrations: MigrationObject[];
  /**
   * Data to fill in when an embedded SQLite file gains a column (its PostgreSQL migration runs the same SQL):
   * run once, only by the upgrade that adds `column` to `table`.
   */
  sqliteBackfills?: ColumnBackfill[];
}

export interface ColumnBackfill {
  table: string;
  column: string;
  sql: string;
}

export type Orm = MikroORM<AbstractSqlDriver>;
export type DatabaseKind = 'sqlite' | 'postgresql';

/*
 * Each driver is required only when its database is used: a service on PostgreSQL never loads better-sqlite3
 * (a native module) nor SQLite's knex dialect. `require`, not `await import`: with module node16 a dynamic
 * import stays a native import, which jest cannot load (see /work/shared/STACK.md).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const postgreSqlDriver = () =>
  (require('@mikro-orm/postgresql') as typeof import('@mikro-orm/postgresql')).PostgreSqlDriver;
const betterSqliteDriver = () =>
  (require('@mikro-orm/better-sqlite') as typeof import('@mikro-orm/better-sqlite')).BetterSqliteDriver;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * better-sqlite3 before 13 (MikroORM 6.6's SQLite driver pins 11.10) aborts Node 24 processes: SIGABRT in a
 * statement's finalizer, as Node 24's ObjectWrap removes a cleanup hook (seen here on 24.21 while seeding; upstream
 * WiseLibs/better-sqlite3#1515), and 13 needs Node 22+. So on Node 24 the embedded database is refused at start with
 * a clear message rather than crashing later; PostgreSQL never loads it (see above).
 */
export function embeddedDatabaseUnsupported(nodeVersion = process.versions.node): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const driverVersion = (require('better-sqlite3/package.json') as { version: string }).version;
  if (Number(nodeVersion.split('.')[0]) < 24 || Number(driverVersion.split('.')[0]) >= 13) return undefined;
  return (
    `The embedded SQLite database does not run on Node ${nodeVersion} (better-sqlite3 ${driverVersion} aborts the process): ` +
    'set DATABASE_URL to run on PostgreSQL, or use Node 20 for the embedded database.'
  );
}

/** Counts every SQL statement, whatever `debug` is: the N+1 guard tests and the benchmark read it. */
export class StatementCountingLogger extends DefaultLogger {
  static statements = 0;
  override logQuery(context: { query: string } & LogContext): void {
    StatementCountingLogger.statements += 1;
    sqlStatements.inc();
    super.logQuery(context);
  }
}

/** The PostgreSQL database of one subgraph: `test` + `cultural-centers` -> `test_cultural_centers`. */
export function postgresDatabaseName(databaseUrl: string, subgraph: SubgraphName): string {
  const base = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, '')) || 'baeumteo';
  return `${base}_${subgraph.replace(/-/g, '_')}`;
}

export function databaseKind(config: Pick<SubgraphConfig, 'databaseUrl'>): DatabaseKind {
  return config.databaseUrl ? 'postgresql' : 'sqlite';
}

export function databaseOptions(spec: DatabaseSpec, config: Pick<SubgraphConfig, 'databaseUrl' | 'dataDir'>): Options {
  const common = {
    entities: spec.entities,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: { migrationsList: spec.migrations, transactional: true, allOrNothing: true, snapshot: false },
    loggerFactory: (options: LoggerOptions) => new StatementCountingLogger(options),
    // MikroORM's own lines (migrator, SQL_DEBUG) as JSON log lines like the rest of the service.
    // Values blanked: a logged statement would otherwise carry resident ids and other personal data.
    logger: (message: string) => ormLogger(spec.subgraph).info(withoutSqlValues(stripVTControlCharacters(message))),
    colors: false,
    debug: process.env.SQL_DEBUG === '1',
    allowGlobalContext: false,
    forceUtcTimezone: true,
  } satisfies Partial<Options>;

  if (config.databaseUrl) {
    return {
      ...common,
      driver: postgreSqlDriver(),
      clientUrl: config.databaseUrl,
      dbName: postgresDatabaseName(config.databaseUrl, spec.subgraph),
      pool: { min: 0, max: 10 },
    } as Options;
  }
  const unsupported = embeddedDatabaseUnsupported();
  if (unsupported) throw new Error(unsupported);
  return {
    ...common,
    driver: betterSqliteDriver(),
    dbName: join(config.dataDir, `${spec.subgraph}.sqlite`),
    // ANALYZE's statistics tables have untyped columns that MikroORM's schema reader cannot map.
    schemaGenerator: { skipTables: [/^sqlite_stat\d$/] },
    discovery: {
      ...common.discovery,
      // SQLite cannot add a STORED column to an existing table, so an older file could not be upgraded:
      // there generated columns are VIRTUAL (computed when read, and stored in the indexes that hold them).
      onMetadata: (meta: EntityMetadata) => {
        for (const prop of meta.props)
          if (typeof prop.generated === 'string') prop.generated = prop.generated.replace(/ stored$/i, ' virtual');
      },
    },
  } as Options;
}

/**
 * Creates the SQLite schema from entity metadata, and updates it (never
 * dropping anything) only when the entities changed since: the schema's
 * fingerprint is kept in `pragma user_version`. Comparing first matters
 * because MikroORM's SQLite diff always sees enum check constraints as changed
 * and would rebuild those tables on every start.
 */
async function ensureSqliteSchema(orm: Orm, backfills: ColumnBackfill[] = []): Promise<void> {
  const connection = orm.em.getConnection();
  const fingerprint =
    createHash('sha256')
      .update(await orm.schema.getCreateSchemaSQL())
      .digest()
      .readInt32BE(0) & 0x7fffffff;
  const [{ user_version: current }] = await connection.execute<{ user_version: number }[]>('pragma user_version');
  if (current === fingerprint) return;
  const [{ tables }] = await connection.execute<{ tables: number }[]>(
    "select count(*) as tables from sqlite_master where type = 'table'",
  );
  if (Number(tables) === 0) await orm.schema.createSchema();
  else {
    try {
      await execScript(orm, await sqliteUpgradeScript(orm, backfills));
    } catch (error) {
      // Never drop a user's data to make the schema fit: say what to do instead.
      throw new Error(
        `The embedded database ${orm.config.get('dbName')} was made by an older Baeumteo and cannot be upgraded in place ` +
          `(${(error as Error).message}). Keep it and run an older version, or recreate it with \`npm run seed\`; ` +
          'PostgreSQL databases upgrade through their migrations.',
        { cause: error },
      );
    }
  }
  await connection.execute(`pragma user_version = ${fingerprint}`);
}

/**
 * The update of an older SQLite file as one transaction (a failure leaves the file as it was), with the
 * backfills of the columns it adds. MikroORM's diff reads columns with `pragma table_info`, which hides
 * generated columns, so it would add the folded-title columns again: those statements are left out.
 * Its table rebuilds switch foreign keys off, which SQLite ignores inside a transaction: off around it instead.
 */
async function sqliteUpgradeScript(orm: Orm, backfills: ColumnBackfill[]): Promise<string> {
  const connection = orm.em.getConnection();
  const columnsOf = async (table: string) =>
    (await connection.execute<{ name: string }[]>(`pragma table_xinfo(\`${table}\`)`)).map((c) => c.name);
  const statements: string[] = [];
  for (const statement of (await orm.schema.getUpdateSchemaSQL({ safe: true }))
    .replace(/pragma foreign_keys = (on|off);/gi, '')
    .split(/;\s*\n/)) {
    const added = /^alter table `(\w+)` add column `(\w+)` .* generated always as /i.exec(statement.trim());
    if (added && (await columnsOf(added[1])).includes(added[2])) continue;
    if (statement.trim()) statements.push(statement.trim());
  }
  for (const backfill of backfills)
    if (!(await columnsOf(backfill.table)).includes(backfill.column)) statements.push(backfill.sql);
  return ['pragma foreign_keys = off', 'begin', ...statements, 'commit', 'pragma foreign_keys = on', ''].join(';\n');
}

/** Runs a multi-statement SQL script on SQLite (a prepared statement takes only one); an open transaction is rolled back on failure. */
async function execScript(orm: Orm, sql: string): Promise<void> {
  const client = orm.em.getConnection().getKnex().client as {
    acquireConnection(): Promise<{ exec(sql: string): void; inTransaction: boolean }>;
    releaseConnection(c: unknown): Promise<void>;
  };
  const connection = await client.acquireConnection();
  try {
    connection.exec(sql);
  } catch (error) {
    if (connection.inTransaction) connection.exec('rollback');
    throw error;
  } finally {
    await client.releaseConnection(connection);
  }
}

/** Opens the database and brings its schema up to date (migrations on PostgreSQL). */
export async function openDatabase(
  spec: DatabaseSpec,
  config: Pick<SubgraphConfig, 'databaseUrl' | 'dataDir'>,
): Promise<Orm> {
  const options = databaseOptions(spec, config);
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const orm = (await MikroORM.init({ ...options, connect: false })) as Orm;
  if (config.databaseUrl) {
    await orm.schema.ensureDatabase();
    await orm.connect();
    const applied = await orm.getMigrator().up();
    // A migration that rewrites a table (a generated column) empties its visibility map, and autovacuum does
    // not follow a rewrite: until a vacuum, index-only scans (the program search counts) read the table again.
    if (applied.length > 0) await orm.em.getConnection().execute('vacuum (analyze)');
  } else {
    await orm.connect();
    // WAL lets readers proceed while a writer commits; busy_timeout waits out a lock instead of failing.
    await orm.em.getConnection().execute('pragma journal_mode = wal');
    await orm.em.getConnection().execute('pragma busy_timeout = 5000');
    await ensureSqliteSchema(orm, spec.sqliteBackfills);
  }
  return orm;
}

/** One connection to the `postgres` maintenance database (which always exists): to drop databases, or to hold a lock. */
export function maintenanceConnection(databaseUrl: string): Promise<MikroORM> {
  return MikroORM.init({
    driver: postgreSqlDriver(),
    clientUrl: databaseUrl,
    dbName: 'postgres',
    entities: [SeedRun],
    debug: false,
    // Exactly one connection, never reaped while idle: a session-level advisory lock lives as long as it.
    pool: { min: 1, max: 1, idleTimeoutMillis: 2 ** 31 - 1 },
  });
}

/** Drops a PostgreSQL database if it exists, from a connection to the `postgres` maintenance database. */
export async function dropPostgresDatabase(databaseUrl: string, dbName: string): Promise<void> {
  const orm = await maintenanceConnection(databaseUrl);
  try {
    await orm.em.getConnection().execute(`drop database if exists "${dbName.replace(/"/g, '""')}" with (force)`);
  } finally {
    await orm.close(true);
  }
}

/** Drops a subgraph's database (PostgreSQL) or file (SQLite): used by `npm run seed` and the tests. */
export async function dropDatabase(
  subgraph: SubgraphName,
  config: Pick<SubgraphConfig, 'databaseUrl' | 'dataDir'>,
): Promise<void> {
  if (config.databaseUrl)
    return dropPostgresDatabase(config.databaseUrl, postgresDatabaseName(config.databaseUrl, subgraph));
  const file = join(config.dataDir, `${subgraph}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}
