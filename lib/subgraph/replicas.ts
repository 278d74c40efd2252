/**
 * What lets a subgraph run as several replicas, and what stops it where it
 * cannot. Every subgraph keeps its state in its database (the gateway's in
 * Redis), so replicas on one PostgreSQL database are safe: row locks and
 * transaction-scoped advisory locks order the writes across processes. Two
 * things happen once per database and would race:
 * - creating, migrating and seeding a PostgreSQL database at start: done under
 *   a session advisory lock per database, so the second replica waits, then
 *   finds it ready;
 * - an embedded SQLite file has a single writer, and its writes rely on that:
 *   a second process on the same file is refused at start (an exclusive lock
 *   on `<file>.lock`, held until the process ends — the kernel releases it even
 *   when the process is killed, so a crash leaves no stale lock).
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SubgraphConfig, SubgraphName } from '../config';
import { embeddedDatabaseUnsupported, maintenanceConnection, postgresDatabaseName } from './orm';
import type { Logger } from '../logger';

export const SQLITE_ONE_PROCESS =
  'SQLite allows one process per database: use DATABASE_URL (PostgreSQL) to run replicas';

/** Any fixed number: the advisory lock class of "this database is being created, migrated or seeded". */
const STARTUP_LOCK_CLASS = 4_242_002;

/** The subset of better-sqlite3 used here (it comes with @mikro-orm/better-sqlite; it ships no types). */
interface SqliteDatabase {
  pragma(source: string): unknown;
  exec(source: string): void;
  close(): void;
}
type SqliteDatabaseClass = new (file: string, options: { timeout: number }) => SqliteDatabase;

export interface ProcessLock {
  release(): void;
}

/**
 * Takes this process's exclusive hold on a subgraph's SQLite database, or throws with a clear message when
 * another process holds it. SQLite's own file locking does the work (fcntl locks), so no hand-written lock file.
 */
export function holdSqliteDatabase(config: Pick<SubgraphConfig, 'dataDir'>, subgraph: SubgraphName): ProcessLock {
  // Before the driver is loaded: where it cannot run, loading it fails (or aborts) without saying what to do.
  const unsupported = embeddedDatabaseUnsupported();
  if (unsupported) throw new Error(unsupported);
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, `${subgraph}.sqlite`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as SqliteDatabaseClass;
  const lock = new Database(`${file}.lock`, { timeout: 0 });
  try {
    lock.pragma('locking_mode = exclusive');
    lock.exec('begin exclusive');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new Error(`${file} is in use by another process. ${SQLITE_ONE_PROCESS}.`, { cause: error });
    throw error;
  }
  return {
    release() {
      lock.close();
    },
  };
}

/** Runs `work` (create, migrate, seed) while no other replica does it for the same PostgreSQL database. */
export async function underStartupLock<T>(
  config: Pick<SubgraphConfig, 'databaseUrl'>,
  subgraph: SubgraphName,
  logger: Logger,
  work: () => Promise<T>,
): Promise<T> {
  if (!config.databaseUrl) return work();
  const dbName = postgresDatabaseName(config.databaseUrl, subgraph);
  const key = createHash('sha256').update(dbName).digest().readInt32BE(0);
  // Advisory locks are per database: every replica takes it in the maintenance database, which always exists.
  const orm = await maintenanceConnection(config.databaseUrl);
  const connection = orm.em.getConnection();
  try {
    const [{ locked }] = (await connection.execute('select pg_try_advisory_lock(?, ?) as locked', [
      STARTUP_LOCK_CLASS,
      key,
    ])) as { locked: boolean }[];
    if (!locked) {
      logger.info({ database: dbName }, 'another replica is preparing the database: waiting for it');
      await connection.execute('select pg_advisory_lock(?, ?)', [STARTUP_LOCK_CLASS, key]);
    }
    return await work();
  } finally {
    await orm.close(true); // ends the session, and with it the lock
  }
}
