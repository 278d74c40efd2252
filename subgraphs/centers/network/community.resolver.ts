/** What residents and supporters see of a learning community's life: its activities, how many joined, one's own. */
import { raw } from '@mikro-orm/core';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import type { SortOrder } from '../../../lib/subgraph/relay';
import { Viewer } from '../viewer.resolver';
import { CommunityActivity } from './community-activity.entity';
import { CommunityMembership } from './community-membership.entity';
import { LearningCommunity } from './learning-community.entity';

/** Latest first. */
const ACTIVITY_ORDER: SortOrder<CommunityActivity> = [
  { property: 'heldOn', direction: 'desc' },
  { property: 'id', direction: 'desc' },
];

@Resolver(() => LearningCommunity)
export class CommunityLifeResolver {
  @FieldResolver(() => [CommunityActivity], { description: 'Its recorded activities, latest first.' })
  activities(@Root() community: LearningCommunity, @Ctx() { loaders }: SubgraphContext): Promise<CommunityActivity[]> {
    return loaders.listBy(CommunityActivity, 'community', ACTIVITY_ORDER).load(community.id);
  }

  @FieldResolver(() => Int, {
    description: 'How many residents joined it on the hub (memberCount is the size its supporters recorded).',
  })
  joinedMemberCount(@Root() community: LearningCommunity, @Ctx() { em, loaders }: SubgraphContext): Promise<number> {
    const counts = loaders.custom<number>('joinedMemberCount', async (keys) => {
      const rows: { community_id: string; total: string | number }[] = await em
        .createQueryBuilder(CommunityMembership, 'm')
        .select(['community', raw('count(*) as total')])
        .where({ community: { $in: keys as string[] } })
        .groupBy('community')
        .execute('all', false);
      const byCommunity = new Map(rows.map((row) => [String(row.community_id), Number(row.total)]));
      return keys.map((key) => byCommunity.get(key) ?? 0);
    });
    return counts.load(community.id);
  }
}

@Resolver(() => Viewer)
export class ViewerCommunitiesResolver {
  @FieldResolver(() => [LearningCommunity], {
    nullable: true,
    description: 'The learning communities a RESIDENT joined, latest first; null for other roles.',
  })
  async communities(@Ctx() { em, identity }: SubgraphContext): Promise<LearningCommunity[] | null> {
    // Only from the verified token: no one reads another resident's memberships.
    if (identity?.role !== Role.RESIDENT) return null;
    const memberships = await em.find(
      CommunityMembership,
      { residentId: identity.subject },
      { populate: ['community'], orderBy: [{ joinedAt: 'desc' }, { id: 'desc' }] },
    );
    return memberships.map((membership) => membership.community.getEntity());
  }
}
