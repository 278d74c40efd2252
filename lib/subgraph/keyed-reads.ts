/**
 * The keyed batch reads of the request loaders (lib/subgraph/loaders.ts), with
 * their SQL built once per shape. `em.find` builds its statement anew on every
 * call (query helper, criteria nodes, knex's compiler) and registers each row in
 * the identity map the slow way: for a five-key lookup that was 0.47 ms of CPU
 * against 0.04 ms for the statement itself, and these lookups are most of what
 * a subgraph does per request (BENCHMARKS.md, issue 15). Here MikroORM's own
 * QueryBuilder builds the statement of a shape (entity, condition, order, number
 * of keys rounded up to a power of two) once, with stand-in keys; later batches
 * run it with their keys (lib/subgraph/rows.ts: on SQLite a statement prepared
 * once), and the rows become managed entities the way `em.find` makes them.
 */
import {
  RawQueryFragment,
  type EntityClass,
  type EntityMetadata,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { entitiesOf, selectRows } from './rows';

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
  return entitiesOf(em, entity, await selectRows(em, { sql: statement.sql, bindings }));
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

/** Only strings, numbers, booleans, null, arrays and plain objects: what JSON names exactly. */
function isPlain(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlain);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  // A raw fragment used as a key (`[raw()]: ...`) is a string naming a fragment that lives only for this request.
  if (Object.keys(value as object).some((key) => RawQueryFragment.isKnownFragment(key))) return false;
  return Object.values(value as object).every(isPlain);
}
