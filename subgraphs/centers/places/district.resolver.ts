import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { ConnectionArgs, paginate, type Connection } from '../../../lib/subgraph/relay';
import { CitySupport } from '../network/city-support.entity';
import { DateScalar } from '../../../lib/subgraph/scalars';
import { AS_OF_ARGUMENT_DESCRIPTION, coverageDay, DistrictCoverage, districtCoverage } from '../analytics/coverage';
import { District } from './district.entity';
import { DONG_ORDER, DongConnection } from './dong.connection';
import { Dong } from './dong.entity';
import { LifelongLearningExpert } from '../network/expert.entity';
import { CENTER_ORDER } from './learning-center.connection';
import { LearningCenter } from './learning-center.entity';
import { CITY_SUPPORT_ORDER, EXPERT_ORDER } from '../orders';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => [District], { description: 'All 25 districts, by code.' })
  districts(@Ctx() { em }: SubgraphContext): Promise<District[]> {
    return em.find(District, {}, { orderBy: { code: 'asc' } });
  }

  @Query(() => District, { nullable: true })
  district(@Arg('code', () => ID) code: string, @Ctx() { loaders }: SubgraphContext): Promise<District | null> {
    return loaders.byId(District, 'code').load(code);
  }

  @FieldResolver(() => [Dong], { description: 'Its dongs, by code.' })
  dongs(@Root() district: District, @Ctx() { loaders }: SubgraphContext): Promise<Dong[]> {
    return loaders.listBy(Dong, 'district', DONG_ORDER).load(district.code);
  }

  @FieldResolver(() => [LearningCenter], { description: 'Its learning centers, by name.' })
  learningCenters(@Root() district: District, @Ctx() { loaders }: SubgraphContext): Promise<LearningCenter[]> {
    return loaders.listBy(LearningCenter, 'district', CENTER_ORDER).load(district.code);
  }

  @FieldResolver(() => [LifelongLearningExpert], { description: 'Its Dong Lifelong Learning Experts, by name.' })
  experts(@Root() district: District, @Ctx() { loaders }: SubgraphContext): Promise<LifelongLearningExpert[]> {
    return loaders.listBy(LifelongLearningExpert, 'district', EXPERT_ORDER).load(district.code);
  }

  @FieldResolver(() => [CitySupport], { description: "The city's support, latest year first." })
  citySupport(@Root() district: District, @Ctx() { loaders }: SubgraphContext): Promise<CitySupport[]> {
    return loaders.listBy(CitySupport, 'district', CITY_SUPPORT_ORDER).load(district.code);
  }

  @FieldResolver(() => DistrictCoverage, { description: 'How far the cooperation model reaches in the district.' })
  coverage(
    @Root() district: District,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF_ARGUMENT_DESCRIPTION })
    asOf: string | undefined,
  ): DistrictCoverage {
    return districtCoverage(district.code, coverageDay(asOf));
  }
}

@Resolver(() => Dong)
export class DongResolver {
  @Query(() => Dong, { nullable: true })
  dong(@Arg('code', () => ID) code: string, @Ctx() { loaders }: SubgraphContext): Promise<Dong | null> {
    return loaders.byId(Dong, 'code').load(code);
  }

  @Query(() => DongConnection, { description: 'Dongs by code, of one district or of the whole city.' })
  dongs(
    @Arg('districtCode', () => ID, { nullable: true }) districtCode: string | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() { em }: SubgraphContext,
  ): Promise<Connection<Dong>> {
    return paginate(em, Dong, districtCode ? { district: districtCode } : {}, page, DONG_ORDER);
  }

  @FieldResolver(() => District)
  async district(@Root() dong: Dong, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(dong.district.code))!;
  }

  @FieldResolver(() => [LearningCenter], { description: 'The learning centers of the dong (one, by design).' })
  learningCenters(@Root() dong: Dong, @Ctx() { loaders }: SubgraphContext): Promise<LearningCenter[]> {
    return loaders.listBy(LearningCenter, 'dong', CENTER_ORDER).load(dong.code);
  }
}
