import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs, ConnectionType, paginate, type Connection, type SortOrder } from '../../../lib/subgraph/relay';
import { DateScalar } from '../../../lib/subgraph/scalars';
import {
  changesAfter,
  DEFAULT_FEED_LIMIT,
  feedEntryOf,
  FeedEntryType,
  INCLUDE_GENERATED_ARG,
  MAX_FEED_LIMIT,
} from '../change-feed';
import { seoulToday } from '../mutation-support';
import { District } from '../places/district.entity';
import { LearningCenter } from '../places/learning-center.entity';
import { definedOnly } from '../where';
import { Notice, NoticeStatus } from './notice.entity';

export const NoticeConnection = ConnectionType(Notice);
/** Latest first: the newest notice is what a reader wants first. */
const NOTICE_ORDER: SortOrder<Notice> = [
  { property: 'startsOn', direction: 'desc' },
  { property: 'id', direction: 'desc' },
];

@InputType({ description: 'All given conditions must hold.' })
export class NoticeFilter {
  @Field(() => ID, { nullable: true, description: "The district's notices, its centers' included." })
  districtCode?: string;

  @Field(() => ID, { nullable: true }) centerId?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Only notices current on this day.' })
  activeOn?: string;
}

/** Published notices current on `day`: withdrawn ones are gone for every reader. */
function currentOn(day: string | undefined): Record<string, unknown> {
  return definedOnly({
    status: NoticeStatus.PUBLISHED,
    startsOn: day === undefined ? undefined : { $lte: day },
    endsOn: day === undefined ? undefined : { $gte: day },
  });
}

export const FeedNotice = FeedEntryType(Notice, 'notice', 'FeedNotice');

@Resolver(() => Notice)
export class NoticeResolver {
  @Query(() => NoticeConnection, { description: 'Published notices, latest first.' })
  notices(
    @Arg('filter', () => NoticeFilter, { nullable: true }) filter: NoticeFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() { em }: SubgraphContext,
  ): Promise<Connection<Notice>> {
    const where = definedOnly({
      ...currentOn(filter?.activeOn ?? undefined),
      district: filter?.districtCode ?? undefined,
      center: filter?.centerId ?? undefined,
    }) as FilterQuery<Notice>;
    return paginate(em, Notice, where, page, NOTICE_ORDER);
  }

  @Query(() => [FeedNotice], {
    description:
      'Notices changed after (afterModified, afterId), in (modified, id) order; withdrawn ones as deletion markers.',
  })
  async noticeFeed(
    @Arg('afterModified', () => Float, { nullable: true }) afterModified: number | null | undefined,
    @Arg('afterId', () => ID, { nullable: true }) afterId: string | null | undefined,
    @Arg('limit', () => Int, {
      defaultValue: DEFAULT_FEED_LIMIT,
      description: `Entries per page, 1 to ${MAX_FEED_LIMIT}.`,
    })
    limit: number,
    @Arg('includeGenerated', () => Boolean, INCLUDE_GENERATED_ARG) includeGenerated: boolean,
    @Ctx() { em }: SubgraphContext,
  ): Promise<Record<string, unknown>[]> {
    // Every notice was published once (there are no drafts), so each one is in the feed.
    const notices = await changesAfter(em, Notice, {}, { afterModified, afterId, limit, includeGenerated });
    return notices.map((notice) => feedEntryOf(notice, 'notice', notice.status === NoticeStatus.WITHDRAWN));
  }

  @FieldResolver(() => District)
  async district(@Root() notice: Notice, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(notice.district.code))!;
  }

  @FieldResolver(() => LearningCenter, { nullable: true, description: 'Null for a notice to the whole district.' })
  center(@Root() notice: Notice, @Ctx() { loaders }: SubgraphContext): Promise<LearningCenter | null> | null {
    return notice.center ? loaders.byId(LearningCenter).load(notice.center.id) : null;
  }
}

@Resolver(() => LearningCenter)
export class LearningCenterNoticesResolver {
  @FieldResolver(() => [Notice], { nullable: true, description: "The center's notices current today, latest first." })
  notices(@Root() center: LearningCenter, @Ctx() { loaders }: SubgraphContext): Promise<Notice[]> {
    return loaders
      .listBy(Notice, 'center', NOTICE_ORDER, currentOn(seoulToday()) as FilterQuery<Notice>)
      .load(center.id);
  }
}

@Resolver(() => District)
export class DistrictNoticesResolver {
  @FieldResolver(() => [Notice], {
    nullable: true,
    description: "The district's notices current today, its centers' included, latest first.",
  })
  notices(@Root() district: District, @Ctx() { loaders }: SubgraphContext): Promise<Notice[]> {
    return loaders
      .listBy(Notice, 'district', NOTICE_ORDER, currentOn(seoulToday()) as FilterQuery<Notice>)
      .load(district.code);
  }
}
