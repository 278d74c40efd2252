import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/context';
import { CityCoverage, cityCoverage, DistrictCoverage, ProgramFieldCount } from './coverage';
import { District } from './district.entity';
import { LifelongEducationField } from './lifelong-education-field.entity';

@Resolver(() => CityCoverage)
export class CoverageResolver {
  @Query(() => CityCoverage, { description: 'Coverage of the cooperation model, per district and for the city.' })
  coverage(@Ctx() ctx: SubgraphContext): Promise<CityCoverage> {
    return cityCoverage(ctx);
  }
}

@Resolver(() => DistrictCoverage)
export class DistrictCoverageResolver {
  @FieldResolver(() => District)
  async district(@Root() coverage: DistrictCoverage, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(coverage.districtCode))!;
  }
}

@Resolver(() => ProgramFieldCount)
export class ProgramFieldCountResolver {
  @FieldResolver(() => LifelongEducationField, { description: 'The area (e.g. "4", culture and arts).' })
  async field(@Root() count: ProgramFieldCount, @Ctx() { loaders }: SubgraphContext): Promise<LifelongEducationField> {
    return (await loaders.byId(LifelongEducationField, 'code').load(count.fieldCode))!;
  }
}
