/**
 * Statements built once per shape. MikroORM builds a statement anew on every
 * `em.find` (query helper, criteria nodes, knex's compiler), and on SQLite knex
 * prepares it anew too: for the short reads a subgraph makes per request that
 * cost more than running them (issue 15's profiles, BENCHMARKS.md). Here
 * MikroORM's own QueryBuilder builds a statement once with stand-ins in place of
 * the values; later calls of the same shape bind their values into it
 * (lib/subgraph/rows.ts: on SQLite a statement prepared once).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
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
  let changed = false;
  const mapped = bindings.map((binding) => {
    if (typeof binding !== 'string' || !binding.includes(STAND_IN)) return { constant: binding };
    const digits = binding.startsWith(STAND_IN) ? binding.slice(STAND_IN.length) : '';
    const index = /^\d+$/.test(digits) ? Number(digits) : NaN;
    // Anything but a stand-in as placed (one joined with others, say) means MikroORM converted it.
    if (!Number.isInteger(index) || index >= valueCount) changed = true;
    placed.add(index);
    return { value: index };
  });
  return !changed && placed.size === valueCount ? { sql, bindings: mapped } : null;
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
  /** The condition with stand-ins, made only when its statement is built (its raw fragments are used up there). */
  template(): FilterQuery<T>;
  values: unknown[];
  /** The keys of the raw SQL fragments the condition holds. */
  fragments: string[];
}

type Template = () => unknown;

/**
 * Splits a condition into its shape and its values: strings, numbers and booleans become stand-ins, also in the
 * parameters of raw SQL fragments used as keys (text search). Undefined for anything else (a date, an entity, a raw
 * fragment as a value, a query builder): such a condition is built per call.
 */
export function parametrize<T>(where: FilterQuery<T>): ParametrizedWhere<T> | undefined {
  const values: unknown[] = [];
  const fragments: string[] = [];
  const walk = (value: unknown): { template: Template; shape: unknown } | undefined => {
    if (value === null) return { template: () => null, shape: null };
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const index = values.push(value) - 1;
      return { template: () => standIn(index), shape: `?${typeof value}` };
    }
    if (Array.isArray(value)) {
      const parts = value.map(walk);
      if (parts.some((part) => !part)) return undefined;
      return { template: () => parts.map((part) => part!.template()), shape: parts.map((part) => part!.shape) };
    }
    if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
    const entries: [() => string, Template][] = [];
    const shape: unknown[] = [];
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      let templateKey = () => key;
      let shapeKey: unknown = key;
      if (RawQueryFragment.isKnownFragment(key)) {
        const fragment = RawQueryFragment.getKnownFragment(key, false)!;
        const params = fragment.params.map(walk);
        if (params.some((param) => !param)) return undefined;
        fragments.push(key);
        templateKey = () =>
          raw(
            fragment.sql,
            params.map((param) => param!.template()),
          ) as unknown as string;
        shapeKey = ['raw', fragment.sql, params.map((param) => param!.shape)];
      }
      const part = walk(inner);
      if (!part) return undefined;
      entries.push([templateKey, part.template]);
      shape.push([shapeKey, part.shape]);
    }
    return {
      template: () => Object.fromEntries(entries.map(([templateKey, template]) => [templateKey(), template()])),
      shape,
    };
  };
  const result = walk(where);
  return (
    result && {
      shape: JSON.stringify(result.shape),
      template: result.template as () => FilterQuery<T>,
      values,
      fragments,
    }
  );
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
      build(parametrized.template()),
    );
  if (!statement) return selectRows(em, build(Utils.copy(where))); // a copy: a query builder uses up raw fragments
  // A raw fragment stays in MikroORM's process-wide map until a query uses it up, and no query does here: in a
  // request it is let go, and goes when the request ends (its count may still read it).
  if (requestScope.getStore()) for (const key of parametrized.fragments) RawQueryFragment.remove(key);
  return selectRows(em, bind(statement, parametrized.values));
}

const requestScope = new AsyncLocalStorage<true>();

/**
 * Runs the work of one request: MikroORM forgets a raw SQL fragment (lib/subgraph/text.ts) once a query used it, and
 * a connection's condition is used twice (page, then count); within `RawQueryFragment.run` used fragments live until
 * the work ends, and then go, with those `selectWhere` let go.
 */
export function runRequest<R>(work: () => Promise<R>): Promise<R> {
  return RawQueryFragment.run(() => requestScope.run(true, work));
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
