/**
 * The change feed of public programs behind the gateway's /feeds/programs
 * (OpenActive RPDE, "modified and id" ordering): every published or archived
 * program once, at its latest change, in (modified, id) order. Archived
 * programs are deletion markers. Drafts were never public and never appear
 * (a program cannot go back to DRAFT once published), nor do drafts archived
 * without being published (`publishedAt` null).
 */
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { badInput } from '../../../lib/errors';
import { Program, ProgramStatus } from './program.entity';

export enum FeedItemState {
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(FeedItemState, {
  name: 'FeedItemState',
  description: 'UPDATED: the program is public as `program`; DELETED: it was withdrawn (archived).',
});

@ObjectType({ description: 'One entry of the program change feed.' })
export class FeedProgram {
  @Field(() => ID)
  id!: string;

  @Field(() => Float, {
    description:
      'Change number, a whole number that grows with every change: pass the last one read as `afterModified`.',
  })
  modified!: number;

  @Field(() => FeedItemState)
  state!: FeedItemState;

  @Field(() => Program, { nullable: true, description: 'The program as it is now; null for a deletion marker.' })
  program!: Program | null;
}

export const MAX_FEED_LIMIT = 500;

@Resolver()
export class ProgramFeedResolver {
  @Query(() => [FeedProgram], {
    description:
      'Public programs changed after (afterModified, afterId), in (modified, id) order; ends with an empty list.',
  })
  async programFeed(
    @Arg('afterModified', () => Float, { nullable: true }) afterModified: number | null | undefined,
    @Arg('afterId', () => ID, { nullable: true }) afterId: string | null | undefined,
    @Arg('limit', () => Int, { defaultValue: 100, description: `Entries per page, 1 to ${MAX_FEED_LIMIT}.` })
    limit: number,
    @Ctx() { em }: SubgraphContext,
  ): Promise<FeedProgram[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_LIMIT)
      throw badInput(`limit must be from 1 to ${MAX_FEED_LIMIT}`, 'limit');
    if (afterModified != null && !Number.isSafeInteger(afterModified))
      throw badInput('afterModified must be a whole number', 'afterModified');
    if (afterId != null && afterModified == null) throw badInput('afterId needs afterModified', 'afterId');
    const after: FilterQuery<Program> =
      afterModified == null
        ? {}
        : afterId == null
          ? { modified: { $gt: afterModified } }
          : { $or: [{ modified: { $gt: afterModified } }, { modified: afterModified, id: { $gt: afterId } }] };
    const programs = await em.find(
      Program,
      // A program is in the feed once it was published: a draft archived unpublished was never public, so it gets no deletion marker either.
      {
        $and: [
          { status: { $in: [ProgramStatus.PUBLISHED, ProgramStatus.ARCHIVED] }, publishedAt: { $ne: null } },
          after,
        ],
      },
      { orderBy: [{ modified: 'asc' }, { id: 'asc' }], limit },
    );
    return programs.map((program) => {
      const deleted = program.status === ProgramStatus.ARCHIVED;
      return {
        id: program.id,
        modified: program.modified,
        state: deleted ? FeedItemState.DELETED : FeedItemState.UPDATED,
        program: deleted ? null : program,
      };
    });
  }
}
