import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { DateScalar } from '../../../lib/subgraph/scalars';
import {
  AS_OF_ARGUMENT_DESCRIPTION,
  BREAKDOWN_DESCRIPTIONS,
  CityCoverage,
  cityCoverage,
  coverageDay,
  DistrictCoverage,
  districtFigures as figures,
  EXPERT_MINIMUM,
  PartnershipKindCount,
  ProgramFieldCount,
  ProgramTrackCount,
  RolloutYear,
} from './coverage';
import { District } from '../places/district.entity';
import { LifelongEducationField } from '../programs/lifelong-education-field.entity';

@Resolver(() => CityCoverage)
export class CoverageResolver {
  @Query(() => CityCoverage, { description: 'Coverage of the cooperation model, per district and for the city.' })
  coverage(
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF_ARGUMENT_DESCRIPTION })
    asOf: string | undefined,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CityCoverage> {
    return cityCoverage(ctx, coverageDay(asOf));
  }
}

/** Each figure is computed only when a query asks for it; the types and descriptions are DistrictCoverage's fields. */
@Resolver(() => DistrictCoverage)
export class DistrictCoverageResolver {
  @FieldResolver(() => District)
  async district(@Root() coverage: DistrictCoverage, @Ctx() { loaders }: SubgraphContext): Promise<District> {
    return (await loaders.byId(District, 'code').load(coverage.districtCode))!;
  }

  @FieldResolver(() => Int) dongCount(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return figures.dongCount(ctx, districtCode);
  }

  @FieldResolver(() => Int) dongsWithCenter(
    @Root() { districtCode, asOf }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return figures.dongsWithCenter(ctx, districtCode, asOf);
  }

  @FieldResolver(() => Int) centerCount(
    @Root() { districtCode, asOf }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return figures.centerCount(ctx, districtCode, asOf);
  }

  @FieldResolver(() => Int) expertCount(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return figures.expertCount(ctx, districtCode);
  }

  @FieldResolver(() => Boolean) async meetsExpertMinimum(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<boolean> {
    return (await figures.expertCount(ctx, districtCode)) >= EXPERT_MINIMUM;
  }

  @FieldResolver(() => Int) partnershipCount(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return figures.partnershipCount(ctx, districtCode);
  }

  @FieldResolver(() => Int) activePartnershipCount(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return figures.activePartnershipCount(ctx, districtCode);
  }

  @FieldResolver(() => Int) programCount(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return figures.programCount(ctx, districtCode);
  }

  @FieldResolver(() => Int) publishedProgramCount(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return figures.publishedProgramCount(ctx, districtCode);
  }

  /** Only those who see every draft of the district learn how many there are. */
  @FieldResolver(() => Int, { nullable: true })
  async draftProgramCount(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number | null> {
    const { identity } = ctx;
    const allowed =
      identity?.role === Role.CITY_ADMIN ||
      (identity?.role === Role.DISTRICT_OFFICER && identity.district === districtCode);
    return allowed ? figures.draftProgramCount(ctx, districtCode) : null;
  }

  @FieldResolver(() => Int, { description: BREAKDOWN_DESCRIPTIONS.seatsOffered }) seatsOffered(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return figures.seatsOffered(ctx, districtCode);
  }

  @FieldResolver(() => Int, { description: BREAKDOWN_DESCRIPTIONS.seatsTaken }) seatsTaken(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    return figures.seatsTaken(ctx, districtCode);
  }

  @FieldResolver(() => [RolloutYear], { description: BREAKDOWN_DESCRIPTIONS.rollout })
  rollout(@Root() { districtCode, asOf }: DistrictCoverage, @Ctx() ctx: SubgraphContext): Promise<RolloutYear[]> {
    return figures.rollout(ctx, districtCode, asOf);
  }

  @FieldResolver(() => [PartnershipKindCount], { description: BREAKDOWN_DESCRIPTIONS.partnershipsByKind })
  partnershipsByKind(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PartnershipKindCount[]> {
    return figures.partnershipsByKind(ctx, districtCode);
  }

  @FieldResolver(() => [ProgramTrackCount], { description: BREAKDOWN_DESCRIPTIONS.programsByTrack }) programsByTrack(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramTrackCount[]> {
    return figures.programsByTrack(ctx, districtCode);
  }

  @FieldResolver(() => [ProgramFieldCount], { description: BREAKDOWN_DESCRIPTIONS.programsByField }) programsByField(
    @Root() { districtCode }: DistrictCoverage,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramFieldCount[]> {
    return figures.programsByField(ctx, districtCode);
  }
}

@Resolver(() => ProgramFieldCount)
export class ProgramFieldCountResolver {
  @FieldResolver(() => LifelongEducationField, { description: 'The area (e.g. "4", culture and arts).' })
  async field(@Root() count: ProgramFieldCount, @Ctx() { loaders }: SubgraphContext): Promise<LifelongEducationField> {
    return (await loaders.byId(LifelongEducationField, 'code').load(count.fieldCode))!;
  }
}
