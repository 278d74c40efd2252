/**
 * Relay cursor connections: the GraphQL types (`XConnection`, `XEdge`,
 * `PageInfo`), argument validation, and keyset pagination over MikroORM — for
 * one list (`paginate`) and for many parents in one SQL statement
 * (`paginateGroups`, a window function per parent, used by DataLoaders).
 * A cursor is the base64url JSON of the sort-key values of its row, so pages
 * stay stable while rows are added.
 */
import { raw, type EntityClass, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/knex';
import {
  ArgsType,
  Directive,
  Field,
  Int,
  ObjectType,
  UseMiddleware,
  type ClassType,
  type MiddlewareFn,
} from 'type-graphql';
import { badInput } from '../errors';
import { padded, selectWhere } from './prepared-statements';
import { entitiesOf, type Statement } from './rows';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@Directive('@shareable')
@ObjectType({ description: 'Where a page sits in its connection (Relay).' })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Page size, 1 to ${MAX_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A function, so the count query runs only when a client asks for totalCount. */
  totalCount: number | (() => Promise<number>);
}

/** A plain field resolver returns a `totalCount` thunk as is: call it, so the count runs only when asked for. */
const callLazyCount: MiddlewareFn = async (_data, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => unknown)() : value;
};

/** Declares `<Name>Connection` and `<Name>Edge` for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name = nodeType.name) {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field() cursor!: string;
    @Field(() => nodeType) node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} nodes (Relay connection).` })
  class ConnectionClass implements Connection<T> {
    @Field(() => [EdgeType]) edges!: Edge<T>[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @UseMiddleware(callLazyCount)
    @Field(() => Int, { description: 'How many nodes the whole connection holds.' })
    totalCount!: number;
  }
  return ConnectionClass as ClassType<Connection<T>>;
}

/** Sort keys in order; the last one must be unique (usually the id) so every row has one place. */
export type SortOrder<T> = ReadonlyArray<{ property: keyof T & string; direction: 'asc' | 'desc' }>;

export interface PageRequest {
  first: number;
  afterValues: unknown[] | null;
}

export function pageRequest(args: ConnectionArgs, order: SortOrder<object>): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, 'first');
  }
  return { first, afterValues: args.after ? decodeCursor(args.after, order.length) : null };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  if (!Array.isArray(values) || values.length !== length || !values.every(scalar)) {
    throw badInput('after is not a cursor of this connection', 'after');
  }
  return values;
}

function cursorOf<T>(node: T, order: SortOrder<T>): string {
  return encodeCursor(order.map(({ property }) => node[property] ?? null));
}

/** Rows strictly after the cursor row in the given order: (a > x) or (a = x and b > y) or ... */
export function afterCondition<T>(order: SortOrder<T>, values: unknown[]): FilterQuery<T> {
  const branches = order.map((key, index) => {
    const branch: Record<string, unknown> = {};
    order.slice(0, index).forEach((earlier, i) => (branch[earlier.property] = values[i]));
    branch[key.property] = { [key.direction === 'asc' ? '$gt' : '$lt']: values[index] };
    return branch;
  });
  return { $or: branches } as FilterQuery<T>;
}

/** A page from rows fetched one past the page size (the extra row only tells hasNextPage). */
export function toConnection<T>(
  rows: T[],
  request: PageRequest,
  order: SortOrder<T>,
  count: () => Promise<number>,
): Connection<T> {
  const nodes = rows.slice(0, request.first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node, order), node }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > request.first,
      hasPreviousPage: request.afterValues !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => (counted ??= count()),
  };
}

function orderBy<T>(order: SortOrder<T>) {
  return order.map(({ property, direction }) => ({ [property]: direction })) as never;
}

export interface PaginateOptions {
  /**
   * Find the page's primary keys first (a subquery), then load just those rows:
   * where one index holds every filtered and sorted column, PostgreSQL finds
   * the keys by an index-only scan instead of reading each candidate row from
   * the table (a rare title word in a large district reads thousands).
   */
  keysFirst?: boolean;
}

/** One page of `entity` rows matching `where`. */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  args: ConnectionArgs,
  order: SortOrder<T>,
  options: PaginateOptions = {},
): Promise<Connection<T>> {
  const request = pageRequest(args, order as SortOrder<object>);
  const page = (
    request.afterValues ? { $and: [where, afterCondition(order, request.afterValues)] } : where
  ) as FilterQuery<T>;
  const meta = em.getMetadata().get<T>(entity.name);
  // What em.find does first (flush mode auto): this request's changes to such rows are written before they are read.
  if (em.getUnitOfWork().shouldAutoFlush(meta)) await em.flush();
  const limit = request.first + 1;
  const shape = JSON.stringify(['page', order, limit, Boolean(options.keysFirst)]);
  const rows = await selectWhere(em, entity, shape, page, (condition) => {
    const query = em.createQueryBuilder(entity, 'e0').select('*').orderBy(orderBy(order));
    if (!options.keysFirst) return query.where(condition).limit(limit).getKnexQuery().toSQL();
    const [key] = meta.primaryKeys;
    const keys = em.createQueryBuilder(entity, 'k').select(key).where(condition).orderBy(orderBy(order)).limit(limit);
    return query
      .where({ [key]: { $in: keys.getKnexQuery() } } as FilterQuery<T>)
      .getKnexQuery()
      .toSQL();
  });
  const count = async () => {
    const [row] = await selectWhere(em.fork(), entity, 'count', where, (condition) =>
      em.createQueryBuilder(entity, 'e0').count().where(condition).getKnexQuery().toSQL(),
    );
    return Number(Object.values(row)[0]);
  };
  return toConnection(await entitiesOf(em, entity, rows), request, order, count);
}

/** The rows of a query ranking them per parent (`page_rank`) up to `rank`, in rank order. */
export function upToRank(em: EntityManager, ranked: Knex.QueryBuilder, rank: number): Statement {
  return em
    .getConnection()
    .getKnex()
    .select('*')
    .from(ranked.as('ranked'))
    .where('page_rank', '<=', rank)
    .orderBy('page_rank')
    .toSQL();
}

/**
 * The same page of `entity` rows for many parents at once: `groupProperty in
 * (keys)`, ranked per parent by a window function, so N parents cost one
 * statement (plus one grouped count when totalCount is asked for).
 */
export async function paginateGroups<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  groupProperty: keyof T & string,
  keys: readonly string[],
  where: FilterQuery<T>,
  args: ConnectionArgs,
  order: SortOrder<T>,
): Promise<Map<string, Connection<T>>> {
  const request = pageRequest(args, order as SortOrder<object>);
  const meta = em.getMetadata().get(entity.name);
  const column = (property: string) => meta.properties[property as never].fieldNames[0];
  const groupColumn = column(groupProperty);
  const filtered = { $and: [where, { [groupProperty]: { $in: padded(keys) } }] } as FilterQuery<T>;
  const page = (
    request.afterValues ? { $and: [filtered, afterCondition(order, request.afterValues)] } : filtered
  ) as FilterQuery<T>;

  const ranking = order.map(({ property, direction }) => `e0.${column(property)} ${direction}`).join(', ');
  const shape = JSON.stringify(['groups', groupProperty, order, request.first + 1]);
  const rows = await selectWhere(em, entity, shape, page, (condition) => {
    const ranked = em
      .createQueryBuilder(entity, 'e0')
      .select('*')
      .addSelect(raw(`row_number() over (partition by e0.${groupColumn} order by ${ranking}) as page_rank`))
      .where(condition)
      .getKnexQuery();
    return upToRank(em, ranked, request.first + 1);
  });
  const nodes = await entitiesOf(
    em,
    entity,
    rows.map(({ page_rank: _rank, ...fields }) => fields),
  );

  // Rows arrive in rank order, so each parent's list is already in sort order.
  const byKey = new Map<string, T[]>(keys.map((key) => [key, []]));
  rows.forEach((row, i) => byKey.get(String(row[groupColumn]))?.push(nodes[i]));

  let counts: Promise<Map<string, number>> | undefined;
  const countAll = async () => {
    const shape = JSON.stringify(['group-counts', groupProperty]);
    const result = await selectWhere(em.fork(), entity, shape, filtered, (condition) =>
      em
        .createQueryBuilder(entity, 'e0')
        .select([groupProperty, raw('count(*) as total')])
        .where(condition)
        .groupBy(groupProperty)
        .getKnexQuery()
        .toSQL(),
    );
    return new Map(result.map((r) => [String(r[groupColumn]), Number(r.total)]));
  };
  return new Map(
    keys.map((key) => [
      key,
      toConnection(byKey.get(key) ?? [], request, order, async () => (await (counts ??= countAll())).get(key) ?? 0),
    ]),
  );
}

/** By name, the id breaking ties: how every list of named things (institutions, their rooms) is ordered. */
export const NAME_ORDER: SortOrder<{ id: string; name: string }> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
