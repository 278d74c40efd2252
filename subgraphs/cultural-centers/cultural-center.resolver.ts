import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/context';
import { ConnectionArgs, paginate, type Connection } from '../../lib/relay';
import { CulturalCenterConnection, CULTURAL_CENTER_ORDER } from './cultural-center.connection';
import { CulturalCenter, CulturalCenterKind } from './cultural-center.entity';
import { CulturalSpace, CULTURAL_SPACE_ORDER } from './cultural-space.entity';
import { District, Dong, districtRef, dongRef } from './district.stub';
import { containsText } from '../../lib/text';

@InputType({ description: 'All given conditions must hold.' })
export class CulturalCenterFilter {
  @Field(() => ID, { nullable: true }) districtCode?: string;
  @Field(() => ID, { nullable: true }) dongCode?: string;
  @Field(() => CulturalCenterKind, { nullable: true }) kind?: CulturalCenterKind;
  @Field({ nullable: true, description: 'Part of the name.' }) nameContains?: string;
}

export function culturalCenterWhere(filter: CulturalCenterFilter | undefined): FilterQuery<CulturalCenter> {
  const where: FilterQuery<CulturalCenter> & Record<string, unknown> = {};
  if (filter?.districtCode) where.districtCode = filter.districtCode;
  if (filter?.dongCode) where.dongCode = filter.dongCode;
  if (filter?.kind) where.kind = filter.kind;
  if (filter?.nameContains) Object.assign(where, containsText('name', filter.nameContains));
  return where;
}

@Resolver(() => CulturalCenter)
export class CulturalCenterResolver {
  @Query(() => CulturalCenter, { nullable: true })
  culturalCenter(@Arg('id', () => ID) id: string, @Ctx() { loaders }: SubgraphContext): Promise<CulturalCenter | null> {
    return loaders.byId(CulturalCenter).load(id);
  }

  @Query(() => CulturalCenterConnection, { description: 'Cultural centers matching the filter, by name then id.' })
  culturalCenters(
    @Arg('filter', () => CulturalCenterFilter, { nullable: true }) filter: CulturalCenterFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() { em }: SubgraphContext,
  ): Promise<Connection<CulturalCenter>> {
    return paginate(em, CulturalCenter, culturalCenterWhere(filter), page, CULTURAL_CENTER_ORDER);
  }

  @FieldResolver(() => District)
  district(@Root() center: CulturalCenter): District {
    return districtRef(center.districtCode);
  }

  @FieldResolver(() => Dong, { nullable: true, description: 'The dong the center lies in (point in polygon).' })
  dong(@Root() center: CulturalCenter): Dong | null {
    return dongRef(center.dongCode);
  }

  @FieldResolver(() => [CulturalSpace], { description: 'Rooms that can host programs, by name (removed rooms are left out).' })
  spaces(@Root() center: CulturalCenter, @Ctx() { loaders }: SubgraphContext): Promise<CulturalSpace[]> {
    return loaders.listBy(CulturalSpace, 'culturalCenter', CULTURAL_SPACE_ORDER, { removedAt: null }).load(center.id);
  }
}

@Resolver(() => CulturalSpace)
export class CulturalSpaceResolver {
  @FieldResolver(() => CulturalCenter)
  async culturalCenter(@Root() space: CulturalSpace, @Ctx() { loaders }: SubgraphContext): Promise<CulturalCenter> {
    return (await loaders.byId(CulturalCenter).load(space.culturalCenter.id))!;
  }
}
