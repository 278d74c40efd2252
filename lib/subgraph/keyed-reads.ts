/**
 * The keyed batch reads of the request loaders (lib/subgraph/loaders.ts), with
 * their SQL built once per shape. `em.find` builds its statement anew on every
 * call (query helper, criteria nodes, knex's compiler) and registers each row in
 * the identity map the slow way: for a five-key lookup that was 0.47 ms of CPU
 * against 0.04 ms for the statement itself, and these lookups are most of what
 * a subgraph does per request (BENCHMARKS.md, issue 15). Here MikroORM's own
 * QueryBuilder builds the statement of a shape (entity, condition, order, number
 * of keys rounded up to a power of two) once, with stand-in keys
 * (lib/subgraph/prepared-statements.ts); later batches
 * run it with their keys (lib/subgraph/rows.ts: on SQLite a statement prepared
 * once), and the rows become managed entities the way `em.find` makes them.
 */
import { RawQueryFragment, type EntityClass, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { keyedStatement } from './prepared-statements';
import { entitiesOf, selectRows } from './rows';

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
  const perCall = () =>
    em.find(entity, { $and: [where, { [read.property]: { $in: keys } }] } as FilterQuery<T>, {
      orderBy: read.orderBy as never,
    });
  // A raw fragment or an object value cannot be told apart by its JSON: built per call as before.
  if (!isPlain(where)) return perCall();
  const shape = JSON.stringify(['keys', read.property, where, read.orderBy ?? []]);
  const statement = keyedStatement(em, entity, shape, keys, (standIns) => {
    const query = em
      .createQueryBuilder(entity, 'e0')
      .select('*')
      .where({ $and: [where, { [read.property]: { $in: standIns } }] } as FilterQuery<T>);
    if (read.orderBy) query.orderBy(read.orderBy);
    return query.getKnexQuery().toSQL();
  });
  return statement ? entitiesOf(em, entity, await selectRows(em, statement)) : perCall();
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
