/**
 * Statements built once per shape. MikroORM builds a statement anew on every
 * `em.find` (query helper, criteria nodes, knex's compiler), and on SQLite knex
 * prepares it anew too: for the short reads a subgraph makes per request that
 * cost more than running them (issue 15's profiles, BENCHMARKS.md). Here
 * MikroORM's own QueryBuilder builds a statement once with stand-ins in place of
 * the values; later calls of the same shape bind their values into it
 * (lib/subgraph/rows.ts: on SQLite a statement prepared once).
 */
import { raw, RawQueryFragment, Utils, type EntityClass, type EntityMetadata, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { selectRows, type Statement } from './rows';

/** No value of a request can hold it: the gateway refuses the NUL character (gateway/hardening/text.ts). */
const STAND_IN = '\u0000baeumteo-value:';

export function standIn(index: number): string {
  return `${STAND_IN}${index}`;
}

/** A built statement: each binding a constant of the shape, or `{ value: i }` for the i-th value of a call. */
export interface PreparedStatement {
  sql: string;
  bindings: ({ constant: unknown } | { value: number })[];
}

const MAX_SHAPES_PER_ENTITY = 200;
/** Per ORM (its metadata) and shape; `null` for a shape whose values MikroORM did not pass through as bindings. */
const built = new WeakMap<EntityMetadata, Map<string, PreparedStatement | null>>();

/**
 * The statement of `shape`, built by `build` (which places `standIn(0..valueCount-1)` where the values go) on first
 * use. Null when MikroORM changed a stand-in on its way (a custom type converting it) or wrote one into the SQL
 * text: such a shape takes the caller's per-call path, now and later.
 */
export function preparedStatement<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  shape: string,
  valueCount: number,
  build: () => Statement,
): PreparedStatement | null {
  const meta = em.getMetadata().get(entity.name);
  let shapes = built.get(meta);
  if (!shapes) built.set(meta, (shapes = new Map<string, PreparedStatement | null>()));
  let statement = shapes.get(shape);
  if (statement === undefined) {
    if (shapes.size >= MAX_SHAPES_PER_ENTITY) shapes.clear(); // shapes are few; this only bounds the unexpected
    statement = fromBuilt(build(), valueCount);
    shapes.set(shape, statement);
  }
  return statement;
}

function fromBuilt({ sql, bindings }: Statement, valueCount: number): PreparedStatement | null {
  if (sql.includes(STAND_IN)) return null;
  const placed = new Set<number>();
  const mapped = bindings.map((binding) => {
    if (typeof binding !== 'string' || !binding.startsWith(STAND_IN)) return { constant: binding };
    const index = Number(binding.slice(STAND_IN.length));
    placed.add(index);
    return { value: index };
  });
  return placed.size === valueCount ? { sql, bindings: mapped } : null;
}

/** The statement with the values of one call bound. */
export function bind(statement: PreparedStatement, values: readonly unknown[]): Statement {
  return {
    sql: statement.sql,
    bindings: statement.bindings.map((binding) => ('value' in binding ? values[binding.value] : binding.constant)),
  };
}

/** A condition with stand-ins in place of its values, and the values in order. */
export interface ParametrizedWhere<T> {
  /** The condition's structure: two conditions of one shape differ only in their values. */
  shape: string;
  template: FilterQuery<T>;
  values: unknown[];
}

/**
 * Splits a condition into its shape and its values: strings, numbers and booleans become stand-ins, also in the
 * parameters of raw SQL fragments used as keys (text search). Undefined for anything else (a date, an entity, a raw
 * fragment as a value, a query builder): such a condition is built per call.
 */
export function parametrize<T>(where: FilterQuery<T>): ParametrizedWhere<T> | undefined {
  const values: unknown[] = [];
  const walk = (value: unknown): { template: unknown; shape: unknown } | undefined => {
    if (value === null) return { template: null, shape: null };
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values.push(value);
      return { template: standIn(values.length - 1), shape: `?${typeof value}` };
    }
    if (Array.isArray(value)) {
      const parts = value.map(walk);
      if (parts.some((part) => !part)) return undefined;
      return { template: parts.map((part) => part!.template), shape: parts.map((part) => part!.shape) };
    }
    if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
    const template: Record<string, unknown> = {};
    const shape: unknown[] = [];
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      let templateKey = key;
      let shapeKey: unknown = key;
      if (RawQueryFragment.isKnownFragment(key)) {
        const fragment = RawQueryFragment.getKnownFragment(key, false)!;
        const params = fragment.params.map(walk);
        if (params.some((param) => !param)) return undefined;
        templateKey = raw(
          fragment.sql,
          params.map((param) => param!.template),
        ) as unknown as string;
        shapeKey = ['raw', fragment.sql, params.map((param) => param!.shape)];
      }
      const part = walk(inner);
      if (!part) return undefined;
      template[templateKey] = part.template;
      shape.push([shapeKey, part.shape]);
    }
    return { template, shape };
  };
  const result = walk(where);
  return result && { shape: JSON.stringify(result.shape), template: result.template as FilterQuery<T>, values };
}

/**
 * The rows of the statement `build` makes of a condition: built once per `shape` and shape of the condition, with
 * stand-ins in its values, and bound to this call's values; built for this call alone when the condition holds
 * other values than text, numbers and booleans, or MikroORM would change a stand-in.
 */
export async function selectWhere<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  shape: string,
  where: FilterQuery<T>,
  build: (where: FilterQuery<T>) => Statement,
): Promise<Record<string, unknown>[]> {
  const parametrized = parametrize(where);
  const statement =
    parametrized &&
    preparedStatement(em, entity, JSON.stringify([shape, parametrized.shape]), parametrized.values.length, () =>
      build(parametrized.template),
    );
  // A copy: a query builder uses up the raw fragments (text conditions) of the condition it is given.
  return selectRows(em, statement ? bind(statement, parametrized.values) : build(Utils.copy(where)));
}

/** The keys padded to a power of two (1, 2, 3-4, 5-8 ...) by repeating the last: few shapes serve every batch. */
export function padded<K>(keys: readonly K[]): K[] {
  const size = 2 ** Math.ceil(Math.log2(Math.max(keys.length, 1)));
  return Array.from({ length: size }, (_, i) => keys[Math.min(i, keys.length - 1)]);
}

/**
 * A statement matching a list of keys, bound to `keys`: built once per shape and number of keys rounded up to a power
 * of two (`padded`). `build` places the stand-ins it is given where the keys go. Null as for `preparedStatement`.
 */
export function keyedStatement<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  shape: string,
  keys: readonly unknown[],
  build: (standIns: string[]) => Statement,
): Statement | null {
  const values = padded(keys);
  const statement = preparedStatement(em, entity, `${shape}:${values.length}`, values.length, () =>
    build(values.map((_, i) => standIn(i))),
  );
  return statement && bind(statement, values);
}
