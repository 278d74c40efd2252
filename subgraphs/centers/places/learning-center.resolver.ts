import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs, paginate, type Connection } from '../../../lib/subgraph/relay';
import { CenterSpace } from './center-space.entity';
import { District } from './district.entity';
import { Dong } from './dong.entity';
import { LifelongLearningExpert } from '../network/expert.entity';
import { Venue, venueByRef } from '../institutions/institution';
import { CENTER_ORDER, LearningCenterConnection } from './learning-center.connection';
import { LearningCenter } from './learning-center.entity';
import { LearningCommunity } from '../network/learning-community.entity';
import { COMMUNITY_ORDER, EXPERT_ORDER, SPACE_ORDER } from '../orders';
import { PARTNERSHIP_ORDER } from '../network/partnership.connection';
import { withinScope } from '../network/partnership.access';
import { Partnership } from '../network/partnership.entity';
import { PROGRAM_ORDER, ProgramConnection } from '../programs/program.connection';
import { Program } from '../programs/program.entity';
import { ProgramFilter, programWhere } from '../programs/program.filter';
import { containing, definedOnly } from '../where';

@InputType({ description: 'All given conditions must hold.' })
export class LearningCenterFilter {
  @Field(() => ID, { nullable: true }) districtCode?: string;
  @Field(() => ID, { nullable: true }) dongCode?: string;
  @Field({ nullable: true, description: 'Part of the center name.' }) nameContains?: string;
}

function learningCenterWhere(filter: LearningCenterFilter | undefined): FilterQuery<LearningCenter> {
  return definedOnly({
    district: filter?.districtCode ?? undefined,
    dong: filter?.dongCode ?? undefined,
    ...containing('name', filter?.nameContains),
  }) as FilterQuery<LearningCenter>;
}

@Resolver(() => LearningCenter)
export class LearningCenterResolver {
  @Query(() => LearningCenter, { nullable: true })
  learningCenter(@Arg('id', () => ID) id: string, @Ctx() { loaders }: SubgraphContext): Promise<LearningCenter | null> {
    return loaders.byId(LearningCenter).load(id);
  }

  @Query(() => LearningCenterConnection, { description: 'Learning centers by name.' })
  learningCenters(
    @Arg('filter', () => LearningCenterFilter, { nullable: true }) filter: LearningCenterFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() { em }: SubgraphContext,
  ): Promise<Connection<LearningCenter>> {
    return paginate(em, LearningCenter, learningCenterWhere(filter), page, CENTER_ORDER);
  }

  @FieldResolver(() => Dong)
  async dong(@Root() center: LearningCenter, @Ctx() { loaders }: SubgraphContext): Promise<Dong> {
    return (await loaders.byId(Dong, 'code').load(center.dong.code))!;
  }

  @FieldResolver(() => District)
  async district(@Root() center: LearningCenter, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(center.district.code))!;
  }

  @FieldResolver(() => Venue, { nullable: true, description: 'The room the center runs in.' })
  venue(@Root() center: LearningCenter, @Ctx() { loaders }: SubgraphContext): Promise<typeof Venue> | null {
    return venueByRef(loaders, center.venueType, center.venueId) as Promise<typeof Venue> | null;
  }

  @FieldResolver(() => ProgramConnection, { description: 'Programs run for this center, soonest first.' })
  async programs(
    @Root() center: LearningCenter,
    @Arg('filter', () => ProgramFilter, { nullable: true }) filter: ProgramFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<Program>> {
    const where = await programWhere(filter, ctx);
    return ctx.loaders.connectionBy(Program, 'center', page, PROGRAM_ORDER, where).load(center.id);
  }

  @FieldResolver(() => [Partnership], { description: "The center's partnerships, oldest first." })
  async partnerships(@Root() center: LearningCenter, @Ctx() ctx: SubgraphContext): Promise<Partnership[]> {
    return ctx.loaders.listBy(Partnership, 'center', PARTNERSHIP_ORDER, await withinScope(ctx, {})).load(center.id);
  }

  @FieldResolver(() => [LearningCommunity])
  communities(@Root() center: LearningCenter, @Ctx() { loaders }: SubgraphContext): Promise<LearningCommunity[]> {
    return loaders.listBy(LearningCommunity, 'center', COMMUNITY_ORDER).load(center.id);
  }

  @FieldResolver(() => [LifelongLearningExpert], { description: 'The experts assigned to this center.' })
  experts(@Root() center: LearningCenter, @Ctx() { loaders }: SubgraphContext): Promise<LifelongLearningExpert[]> {
    return loaders.listBy(LifelongLearningExpert, 'center', EXPERT_ORDER).load(center.id);
  }

  @FieldResolver(() => [CenterSpace], { description: "The center's own rooms." })
  spaces(@Root() center: LearningCenter, @Ctx() { loaders }: SubgraphContext): Promise<CenterSpace[]> {
    return loaders.listBy(CenterSpace, 'center', SPACE_ORDER).load(center.id);
  }
}

@Resolver(() => CenterSpace)
export class CenterSpaceResolver {
  @FieldResolver(() => LearningCenter)
  async center(@Root() space: CenterSpace, @Ctx() { loaders }: SubgraphContext): Promise<LearningCenter> {
    return (await loaders.byId(LearningCenter).load(space.center.id))!;
  }
}
