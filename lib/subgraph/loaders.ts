/**
 * Per-request DataLoaders. A resolver asks for a loader by what it loads and
 * gets the one instance of this request, so every `__resolveReference` and
 * list field of one GraphQL operation turns into one `where ... in (...)`.
 */
import DataLoader from 'dataloader';
import { Reference, wrap, type EntityClass, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { findByKeys } from './keyed-reads';
import { paginateGroups, type Connection, type ConnectionArgs, type SortOrder } from './relay';

type Key = string;

export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<Key, unknown>>();

  constructor(private readonly em: EntityManager) {}

  /** A loader for an arbitrary batch function, created once per request under `name`. */
  custom<V>(name: string, batch: (keys: readonly Key[]) => Promise<ReadonlyArray<V | Error>>): DataLoader<Key, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<Key, unknown>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<Key, V>;
  }

  /** Entities by primary key (null when absent). */
  byId<T extends object>(entity: EntityClass<T>, primaryKey = 'id'): DataLoader<Key, T | null> {
    return this.custom(`byId:${nameOf(entity)}:${primaryKey}`, async (keys) => {
      const rows = await findByKeys(this.em, entity, keys, { property: primaryKey as keyof T & string });
      const byKey = new Map(rows.map((row) => [String((row as Record<string, unknown>)[primaryKey]), row as T]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
  }

  /** All entities whose `property` equals the key, in `order`. For short lists (spaces, dongs of a district). */
  listBy<T extends object>(
    entity: EntityClass<T>,
    property: keyof T & string,
    order: SortOrder<T>,
    where: FilterQuery<T> = {},
  ): DataLoader<Key, T[]> {
    return this.custom(`listBy:${nameOf(entity)}:${property}:${JSON.stringify(where)}`, async (keys) => {
      const rows = await findByKeys(this.em, entity, keys, {
        property,
        where,
        orderBy: order.map(({ property: p, direction }) => ({ [p]: direction })) as never,
      });
      const byKey = new Map<string, T[]>(keys.map((key) => [key, []]));
      for (const row of rows) byKey.get(foreignKeyOf(row, property))?.push(row as T);
      this.primeById(entity, rows as T[]);
      return keys.map((key) => byKey.get(key)!);
    });
  }

  /** Entities a list loaded whole are known by id too: a later reference to one of them (a program's host) costs no statement. */
  private primeById<T extends object>(entity: EntityClass<T>, rows: T[]): void {
    const [primaryKey] = this.em.getMetadata().get(entity.name).primaryKeys;
    const byId = this.byId(entity, primaryKey);
    for (const row of rows) byId.prime(String((row as Record<string, unknown>)[primaryKey]), row);
  }

  /** One Relay page per parent key, all parents in one statement (see paginateGroups). */
  connectionBy<T extends object>(
    entity: EntityClass<T>,
    property: keyof T & string,
    args: ConnectionArgs,
    order: SortOrder<T>,
    where: FilterQuery<T> = {},
  ): DataLoader<Key, Connection<T>> {
    const name = `connectionBy:${nameOf(entity)}:${property}:${JSON.stringify([where, args.first, args.after, order])}`;
    return this.custom(name, async (keys) => {
      const pages = await paginateGroups(this.em, entity, property, keys, where, args, order);
      return keys.map((key) => pages.get(key)!);
    });
  }
}

function nameOf(entity: { name: string }): string {
  return entity.name;
}

/** The key a row belongs to: a plain column value, or the primary key of a ManyToOne relation. */
function foreignKeyOf(row: object, property: string): string {
  const value = (row as Record<string, unknown>)[property];
  if (value && typeof value === 'object') {
    const target = Reference.isReference(value) ? value.unwrap() : value;
    return String(wrap(target as object, true).getPrimaryKey());
  }
  return String(value);
}
