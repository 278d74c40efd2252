import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { PlaceResolver } from '../../lib/subgraph/place.resolver';
import { ConnectionArgs, NAME_ORDER, paginate, type Connection } from '../../lib/subgraph/relay';
import { CulturalCenterConnection } from './cultural-center.connection';
import { CulturalCenter, CulturalCenterKind } from './cultural-center.entity';
import { CulturalSpace } from './cultural-space.entity';
import { containsText } from '../../lib/subgraph/text';

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
export class CulturalCenterResolver extends PlaceResolver(CulturalCenter, 'center') {
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
    return paginate(em, CulturalCenter, culturalCenterWhere(filter), page, NAME_ORDER);
  }

  @FieldResolver(() => [CulturalSpace], { description: 'Rooms that can host programs, by name (removed rooms are left out).' })
  spaces(@Root() center: CulturalCenter, @Ctx() { loaders }: SubgraphContext): Promise<CulturalSpace[]> {
    return loaders.listBy(CulturalSpace, 'culturalCenter', NAME_ORDER, { removedAt: null }).load(center.id);
  }
}

@Resolver(() => CulturalSpace)
export class CulturalSpaceResolver {
  @FieldResolver(() => CulturalCenter)
  async culturalCenter(@Root() space: CulturalSpace, @Ctx() { loaders }: SubgraphContext): Promise<CulturalCenter> {
    return (await loaders.byId(CulturalCenter).load(space.culturalCenter.id))!;
  }
}
