/**
 * The keyed batch reads of the request loaders (lib/subgraph/loaders.ts), with
 * their SQL built once per shape. `em.find` builds its statement anew on every
 * call (query helper, criteria nodes, knex's compiler) and registers each row in
 * the identity map the slow way: for a five-key lookup that was 0.47 ms of CPU
 * against 0.04 ms for the statement itself, and these lookups are most of what
 * a subgraph does per request (BENCHMARKS.md, issue 15). Here MikroORM's own
 * QueryBuilder builds the statement of a shape (entity, condition, order, number
 * of keys rounded up to a power of two) once, with stand-in keys; later batches
 * run it with their keys, and the rows become managed entities the way `em.find`
 * makes them. On SQLite the statement is also prepared only once.
 */
import {
  RawQueryFragment,
  type EntityClass,
  type EntityMetadata,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';

/** A statement with the positions of its keys among its bindings. */
interface KeyedStatement {
  sql: string;
  /** A binding of the condition as is, or `{ key: i }` for the i-th key. */
  bindings: ({ value: unknown } | { key: number })[];
}

const STAND_IN = '\u0000baeumteo-key:';

const MAX_SHAPES_PER_ENTITY = 200;

/** Statements per ORM (its metadata), per shape: tests run several ORMs of one subgraph in one process. */
const built = new WeakMap<EntityMetadata, Map<string, KeyedStatement>>();

export interface KeyedRead<T> {
  /** The column (property) the keys are matched against. */
  property: keyof T & string;
  /** A further condition of plain values (no raw SQL fragments, no dates): it becomes part of the shape. */
  where?: FilterQuery<T>;
  orderBy?: QueryOrderMap<T>[];
}

/** The rows of `entity` whose `property` is one of `keys`, as managed entities, in `orderBy` order. */
export async function findByKeys<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  keys: readonly string[],
  read: KeyedRead<T>,
): Promise<T[]> {
  if (keys.length === 0) return [];
  const where = read.where ?? ({} as FilterQuery<T>);
  if (!isPlain(where)) {
    // A raw fragment or an object value cannot be told apart by its JSON: built per call as before.
    return em.find(entity, { $and: [where, { [read.property]: { $in: keys } }] } as FilterQuery<T>, {
      orderBy: read.orderBy as never,
    });
  }
  // Few shapes per entity: one statement each serves 1, 2, 3-4, 5-8 ... keys (the last key repeated).
  const size = 2 ** Math.ceil(Math.log2(keys.length));
  const statement = statementFor(em, entity, size, read, where);
  const bindings = statement.bindings.map((binding) =>
    'key' in binding ? keys[Math.min(binding.key, keys.length - 1)] : binding.value,
  );
  const rows = await selectRows(em, statement.sql, bindings);
  // What em.find does with its rows: an entity this request already holds (perhaps changed by a mutation and not
  // yet flushed, or loaded with a few fields) keeps its changes and gains the fields it lacked.
  const meta = em.getMetadata().get<T>(entity.name);
  const factory = em.getEntityFactory();
  const found = rows.map((row): T =>
    factory.create<T>(entity, em.getDriver().mapResult(row as never, meta)!, { merge: true, convertCustomTypes: true }),
  );
  await em.getUnitOfWork().dispatchOnLoadEvent();
  return found;
}

function statementFor<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  size: number,
  read: KeyedRead<T>,
  where: FilterQuery<T>,
): KeyedStatement {
  const meta = em.getMetadata().get(entity.name);
  let shapes = built.get(meta);
  if (!shapes) built.set(meta, (shapes = new Map<string, KeyedStatement>()));
  const shape = JSON.stringify([read.property, where, read.orderBy ?? [], size]);
  let statement = shapes.get(shape);
  if (!statement) {
    // Conditions carry values (a scope's district, today's date for notices): a bound, not an expected case.
    if (shapes.size >= MAX_SHAPES_PER_ENTITY) shapes.clear();
    const standIns = Array.from({ length: size }, (_, i) => `${STAND_IN}${i}`);
    const query = em
      .createQueryBuilder(entity, 'e0')
      .select('*')
      .where({ $and: [where, { [read.property]: { $in: standIns } }] } as FilterQuery<T>);
    if (read.orderBy) query.orderBy(read.orderBy);
    const { sql, bindings } = query.getKnexQuery().toSQL();
    statement = {
      sql,
      bindings: bindings.map((value) =>
        typeof value === 'string' && value.startsWith(STAND_IN)
          ? { key: Number(value.slice(STAND_IN.length)) }
          : { value },
      ),
    };
    shapes.set(shape, statement);
  }
  return statement;
}

/**
 * The rows of a select with `?` placeholders, in the request's transaction if it has one: on SQLite from a statement
 * prepared once, otherwise through the ORM's connection.
 */
export async function selectRows(
  em: EntityManager,
  sql: string,
  bindings: unknown[],
): Promise<Record<string, unknown>[]> {
  try {
    return await selectRowsOnce(em, sql, bindings);
  } catch (error) {
    // As em.find rethrows it: a DriverException, whose statement and values the subgraph keeps out of answers and logs.
    throw em.getDriver().convertException(error as Error);
  }
}

async function selectRowsOnce(em: EntityManager, sql: string, bindings: unknown[]): Promise<Record<string, unknown>[]> {
  const transaction = em.getTransactionContext<unknown>();
  const sqlite = transaction ? undefined : await sqliteHandle(em);
  // Outside any transaction only: one that is open holds the one connection, and its statements go the ORM's way.
  if (!sqlite || sqlite.inTransaction) return em.getConnection().execute(sql, bindings, 'all', transaction as never);
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

/** Only strings, numbers, booleans, null, arrays and plain objects: what JSON names exactly. */
function isPlain(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlain);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  // A raw fragment used as a key (`[raw()]: ...`) is a string naming a fragment that lives only for this request.
  if (Object.keys(value as object).some((key) => RawQueryFragment.isKnownFragment(key))) return false;
  return Object.values(value as object).every(isPlain);
}
