/**
 * The change feed of public programs behind the gateway's /feeds/programs
 * (OpenActive RPDE, "modified and id" ordering): every published or archived
 * program once, at its latest change, in (modified, id) order. Archived
 * programs are deletion markers. Drafts were never public and never appear
 * (a program cannot go back to DRAFT once published), nor do drafts archived
 * without being published (`publishedAt` null).
 */
import { Arg, Ctx, Float, ID, Int, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import {
  changesAfter,
  DEFAULT_FEED_LIMIT,
  feedEntryOf,
  FeedEntryType,
  INCLUDE_GENERATED_ARG,
  MAX_FEED_LIMIT,
} from '../change-feed';
import { Program, ProgramStatus } from './program.entity';

export const FeedProgram = FeedEntryType(Program, 'program', 'FeedProgram');

@Resolver()
export class ProgramFeedResolver {
  @Query(() => [FeedProgram], {
    description:
      'Public programs changed after (afterModified, afterId), in (modified, id) order; ends with an empty list.',
  })
  async programFeed(
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
    // A program is in the feed once it was published: a draft archived unpublished was never public, so it gets no deletion marker either.
    const programs = await changesAfter(
      em,
      Program,
      { status: { $in: [ProgramStatus.PUBLISHED, ProgramStatus.ARCHIVED] }, publishedAt: { $ne: null } },
      { afterModified, afterId, limit, includeGenerated },
    );
    return programs.map((program) => feedEntryOf(program, 'program', program.status === ProgramStatus.ARCHIVED));
  }
}
