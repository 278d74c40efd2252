/**
 * Residents join and leave learning communities themselves. Both are idempotent by nature: joining twice keeps one
 * membership, leaving a community one is not in changes nothing; either way the answer is the community as it is.
 */
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { requireRole, runMutation, toPayload } from '../../../lib/subgraph/mutation';
import { findOrFail, newId } from '../mutation-support';
import { seoulNow } from '../seoul-time';
import { CommunityMembershipInput } from './community.input';
import { LearningCommunityPayload } from './community.mutation';
import { CommunityMembership } from './community-membership.entity';
import { LearningCommunity } from './learning-community.entity';

@Resolver()
export class CommunityMembershipMutations {
  @Mutation(() => LearningCommunityPayload, {
    description: 'The signed-in resident joins a learning community (joining again changes nothing).',
  })
  async joinLearningCommunity(
    @Arg('input', () => CommunityMembershipInput) input: CommunityMembershipInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => void requireRole(ctx.identity, [Role.RESIDENT]);
    const outcome = await runMutation(ctx, { operation: 'joinLearningCommunity', precheck }, async (em) => {
      const community = await findOrFail(em, LearningCommunity, input.communityId, 'communityId');
      // Insert-or-nothing on the unique (community, resident): concurrent joins keep one membership, and none fails.
      await em
        .createQueryBuilder(CommunityMembership)
        .insert({ id: newId('LCJ'), community: community.id, residentId: ctx.identity!.subject, joinedAt: seoulNow() })
        .onConflict(['community', 'residentId'])
        .ignore()
        .execute();
      return community;
    });
    return toPayload('learningCommunity', outcome);
  }

  @Mutation(() => LearningCommunityPayload, {
    description: 'The signed-in resident leaves a learning community (leaving one not joined changes nothing).',
  })
  async leaveLearningCommunity(
    @Arg('input', () => CommunityMembershipInput) input: CommunityMembershipInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => void requireRole(ctx.identity, [Role.RESIDENT]);
    const outcome = await runMutation(ctx, { operation: 'leaveLearningCommunity', precheck }, async (em) => {
      const community = await findOrFail(em, LearningCommunity, input.communityId, 'communityId');
      await em.nativeDelete(CommunityMembership, { community, residentId: ctx.identity!.subject });
      return community;
    });
    return toPayload('learningCommunity', outcome);
  }
}
