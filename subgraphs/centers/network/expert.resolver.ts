import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Role, type Identity } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { CitySupport } from './city-support.entity';
import { District } from '../places/district.entity';
import { LifelongLearningExpert } from './expert.entity';
import { LearningCenter } from '../places/learning-center.entity';
import { LearningCommunity } from './learning-community.entity';

@Resolver(() => LifelongLearningExpert)
export class ExpertResolver {
  @FieldResolver(() => District)
  async district(@Root() expert: LifelongLearningExpert, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(expert.district.code))!;
  }

  @FieldResolver(() => LearningCenter, {
    nullable: true,
    description: 'The center the expert works from; null when district-wide.',
  })
  center(
    @Root() expert: LifelongLearningExpert,
    @Ctx() { loaders }: SubgraphContext,
  ): Promise<LearningCenter | null> | null {
    return expert.center ? loaders.byId(LearningCenter).load(expert.center.id) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The token subject the expert signs in with: for the expert, the district's officers and the city; null for everyone else.",
  })
  subject(@Root() expert: LifelongLearningExpert, @Ctx() { identity }: SubgraphContext): string | null {
    return mayReadSubject(identity, expert) ? expert.subject : null;
  }
}

/** An account link is staff data: the expert sees their own, those who manage the district's experts see all. */
function mayReadSubject(identity: Identity | null, expert: LifelongLearningExpert): boolean {
  if (identity?.role === Role.CITY_ADMIN) return true;
  if (identity?.district !== expert.district.code) return false;
  return (
    identity.role === Role.DISTRICT_OFFICER || (identity.role === Role.EXPERT && identity.subject === expert.subject)
  );
}

@Resolver(() => LearningCommunity)
export class LearningCommunityResolver {
  @FieldResolver(() => LearningCenter)
  async center(@Root() community: LearningCommunity, @Ctx() { loaders }: SubgraphContext): Promise<LearningCenter> {
    return (await loaders.byId(LearningCenter).load(community.center.id))!;
  }
}

@Resolver(() => CitySupport)
export class CitySupportResolver {
  @FieldResolver(() => District)
  async district(@Root() support: CitySupport, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(support.district.code))!;
  }
}
