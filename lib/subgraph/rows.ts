/**
 * Reads that skip MikroORM's query building: the rows of a statement built
 * beforehand (lib/subgraph/keyed-reads.ts, the grouped pages of
 * lib/subgraph/relay.ts and of the civil providers of a district), and the
 * managed entities they make, exactly as `em.find` makes them.
 */
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';

/** A select with `?` placeholders, as knex's `toSQL()` gives it. */
export interface Statement {
  sql: string;
  bindings: readonly unknown[];
}

/**
 * The rows of a select with `?` placeholders, in the request's transaction if it has one: on SQLite from a statement
 * prepared once, otherwise through the ORM's connection.
 */
export async function selectRows(em: EntityManager, { sql, bindings }: Statement): Promise<Record<string, unknown>[]> {
  try {
    return await selectRowsOnce(em, sql, bindings);
  } catch (error) {
    // As em.find rethrows it: a DriverException, whose statement and values the subgraph keeps out of answers and logs.
    throw em.getDriver().convertException(error as Error);
  }
}

async function selectRowsOnce(
  em: EntityManager,
  sql: string,
  bindings: readonly unknown[],
): Promise<Record<string, unknown>[]> {
  const transaction = em.getTransactionContext<unknown>();
  const sqlite = transaction ? undefined : await sqliteHandle(em);
  // Outside any transaction only: one that is open holds the one connection, and its statements go the ORM's way.
  if (!sqlite || sqlite.inTransaction)
    return em.getConnection().execute(sql, [...bindings], 'all', transaction as never);
  let prepared = preparedStatements.get(sqlite);
  if (!prepared) preparedStatements.set(sqlite, (prepared = new Map<string, SqliteStatement>()));
  let statement = prepared.get(sql);
  if (!statement) {
    if (prepared.size >= MAX_PREPARED_STATEMENTS) prepared.clear(); // shapes are few; this only bounds the unexpected
    prepared.set(sql, (statement = sqlite.prepare(sql)));
  }
  em.config.getLogger().logQuery({ query: sql, level: 'info' }); // counted like every other statement
  // As knex's better-sqlite3 dialect binds them: SQLite has no boolean or date type.
  return statement.all(
    bindings.map((value) =>
      typeof value === 'boolean' ? Number(value) : value instanceof Date ? value.valueOf() : value,
    ),
  ) as Record<string, unknown>[];
}

interface SqliteStatement {
  all(bindings: unknown[]): unknown[];
}
interface SqliteDatabase {
  open: boolean;
  inTransaction: boolean;
  prepare(sql: string): SqliteStatement;
}
interface KnexClient {
  driverName: string;
  acquireConnection(): Promise<SqliteDatabase>;
  releaseConnection(connection: SqliteDatabase): Promise<void>;
}

/**
 * better-sqlite3 prepares a statement anew for every knex query, which took twice as long as running it (issue 15's
 * profile of a subgraph). Its pool has one connection, so its handle is kept and its statements with it.
 */
const sqliteHandles = new WeakMap<KnexClient, SqliteDatabase>();
const MAX_PREPARED_STATEMENTS = 1000;
const preparedStatements = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

async function sqliteHandle(em: EntityManager): Promise<SqliteDatabase | undefined> {
  const client = em.getConnection().getKnex().client as KnexClient;
  if (client.driverName !== 'better-sqlite3') return undefined;
  let handle = sqliteHandles.get(client);
  if (!handle?.open) {
    handle = await client.acquireConnection();
    await client.releaseConnection(handle);
    sqliteHandles.set(client, handle);
  }
  return handle;
}

/**
 * Rows (columns named as in the table) as managed entities, the way `em.find` makes them: an entity this request
 * already holds, perhaps changed by a mutation and not yet flushed or loaded with a few fields, keeps its changes and
 * gains the fields it lacked.
 */
export async function entitiesOf<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: Record<string, unknown>[],
): Promise<T[]> {
  const meta = em.getMetadata().get<T>(entity.name);
  const factory = em.getEntityFactory();
  const found = rows.map((row): T =>
    factory.create<T>(entity, em.getDriver().mapResult(row as never, meta)!, { merge: true, convertCustomTypes: true }),
  );
  await em.getUnitOfWork().dispatchOnLoadEvent();
  return found;
}
