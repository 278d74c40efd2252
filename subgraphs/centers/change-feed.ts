/**
 * What the open-data change feeds of this subgraph share (programFeed, noticeFeed; the gateway serves them as
 * OpenActive RPDE feeds, gateway/feeds.ts): the entry state, the paging arguments and their checks, the page query
 * in (modified, id) order, and the change number every write of a feed's rows takes.
 *
 * The change number: readers remember the last (modified, id) they saw, so a change must never get a number below one
 * already handed out:
 * - not the clock alone: seeded rows may carry creation times in the future, so `modified` is
 *   max(now in ms, highest so far + 1);
 * - on PostgreSQL a transaction-scoped advisory lock (one per feed) makes writes take their numbers one after the
 *   other until commit, so a slow transaction cannot commit a number below one a reader has already passed. SQLite
 *   has a single writer anyway.
 */
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Field, Float, ID, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { badInput } from '../../lib/errors';
import { seoulNow } from './seoul-time';

export enum FeedItemState {
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(FeedItemState, {
  name: 'FeedItemState',
  description:
    'UPDATED: the item is public as it is now; DELETED: it was withdrawn (a program archived, a notice withdrawn).',
});

export const MAX_FEED_LIMIT = 500;
export const DEFAULT_FEED_LIMIT = 100;

/** Declares `<name> { id modified state <field> }`, an entry of the change feed of `nodeType`. */
export function FeedEntryType<T extends object>(nodeType: ClassType<T>, field: string, name: string) {
  @ObjectType(name, { description: `One entry of the ${field} change feed.` })
  class FeedEntryClass {
    @Field(() => ID)
    id!: string;

    @Field(() => Float, {
      description:
        'Change number, a whole number that grows with every change: pass the last one read as `afterModified`.',
    })
    modified!: number;

    @Field(() => FeedItemState)
    state!: FeedItemState;
  }
  Field(() => nodeType, { nullable: true, description: `The ${field} as it is now; null for a deletion marker.` })(
    FeedEntryClass.prototype,
    field,
  );
  return FeedEntryClass;
}

/** A feed entry as its GraphQL type holds it: `node` under the type's field name. */
export function feedEntryOf<T extends { id: string; modified: number }>(
  row: T,
  field: string,
  deleted: boolean,
): Record<string, unknown> {
  return {
    id: row.id,
    modified: row.modified,
    state: deleted ? FeedItemState.DELETED : FeedItemState.UPDATED,
    [field]: deleted ? null : row,
  };
}

/** Where a reader of a feed is: after (afterModified, afterId), `limit` entries a page; generated records only in a demo's feed. */
export interface FeedPosition {
  afterModified: number | null | undefined;
  afterId: string | null | undefined;
  limit: number;
  includeGenerated: boolean;
}

/** The feeds' `includeGenerated` argument: the gateway passes FEED_INCLUDE_GENERATED (lib/config.ts). */
export const INCLUDE_GENERATED_ARG = {
  defaultValue: false,
  description:
    'Also list records the demonstration seed generated (provenance GENERATED): only for a demo, never as real open data.',
};

/** The rows of `entity` matching `where` changed after the position, in (modified, id) order; BAD_USER_INPUT for a bad position. */
export function changesAfter<T extends { id: string; modified: number }>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  { afterModified, afterId, limit, includeGenerated }: FeedPosition,
): Promise<T[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_LIMIT)
    throw badInput(`limit must be from 1 to ${MAX_FEED_LIMIT}`, 'limit');
  if (afterModified != null && !Number.isSafeInteger(afterModified))
    throw badInput('afterModified must be a whole number', 'afterModified');
  if (afterId != null && afterModified == null) throw badInput('afterId needs afterModified', 'afterId');
  const after =
    afterModified == null
      ? {}
      : afterId == null
        ? { modified: { $gt: afterModified } }
        : { $or: [{ modified: { $gt: afterModified } }, { modified: afterModified, id: { $gt: afterId } }] };
  // Made-up demonstration records never pass for real open data, nor do their deletion markers.
  const real = includeGenerated ? {} : { source: { $ne: 'GENERATED' } };
  return em.find(entity, { $and: [where, after, real] } as FilterQuery<T>, {
    orderBy: [{ modified: 'asc' }, { id: 'asc' }] as never,
    limit,
  }) as Promise<T[]>;
}

export interface ChangeStamp {
  updatedAt: string;
  modified: number;
}

/** The feed whose rows a write changes: its table, and any fixed number for its advisory lock. */
export interface ChangeFeedTable {
  table: string;
  lock: number;
}

export async function nextChangeStamp(
  em: EntityManager,
  { table, lock }: ChangeFeedTable,
  now = Date.now(),
): Promise<ChangeStamp> {
  if (em.getDriver().constructor.name === 'PostgreSqlDriver') await em.execute(`select pg_advisory_xact_lock(${lock})`);
  const [row] = await em.execute<{ latest: string | number | null }[]>(`select max(modified) as latest from ${table}`);
  return { updatedAt: seoulNow(now), modified: Math.max(now, Number(row?.latest ?? 0) + 1) };
}
