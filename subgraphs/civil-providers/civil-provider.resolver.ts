import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { District, districtRef } from '../../lib/subgraph/district.stub';
import { ConnectionArgs, NAME_ORDER, paginate, type Connection } from '../../lib/subgraph/relay';
import { CivilProviderConnection } from './civil-provider.connection';
import { CivilProvider, CivilProviderKind } from './civil-provider.entity';
import { ServedArea } from './served-area.entity';
import { containsText } from '../../lib/subgraph/text';

@InputType({ description: 'All given conditions must hold.' })
export class CivilProviderFilter {
  @Field(() => ID, { nullable: true, description: 'Only providers serving this district.' }) districtCode?: string;
  @Field(() => CivilProviderKind, { nullable: true }) kind?: CivilProviderKind;
  @Field({ nullable: true, description: 'Only certified (true) or only uncertified (false) providers.' }) certifiedExcellent?: boolean;
  @Field({ nullable: true, description: 'Part of the provider name.' }) nameContains?: string;
}

export function civilProviderWhere(filter: CivilProviderFilter | undefined): FilterQuery<CivilProvider> {
  const where: FilterQuery<CivilProvider> & Record<string, unknown> = {};
  // A provider serves a district at most once (composite key), so this join never repeats a provider.
  if (filter?.districtCode) where.servedAreas = { districtCode: filter.districtCode };
  if (filter?.kind) where.kind = filter.kind;
  if (filter?.certifiedExcellent != null) where.certifiedExcellent = filter.certifiedExcellent;
  if (filter?.nameContains) Object.assign(where, containsText('name', filter.nameContains));
  return where;
}

@Resolver(() => CivilProvider)
export class CivilProviderResolver {
  @Query(() => CivilProvider, { nullable: true })
  civilProvider(@Arg('id', () => ID) id: string, @Ctx() { loaders }: SubgraphContext): Promise<CivilProvider | null> {
    return loaders.byId(CivilProvider).load(id);
  }

  @Query(() => CivilProviderConnection, { description: 'Civil program providers, by name.' })
  civilProviders(
    @Arg('filter', () => CivilProviderFilter, { nullable: true }) filter: CivilProviderFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() { em }: SubgraphContext,
  ): Promise<Connection<CivilProvider>> {
    return paginate(em, CivilProvider, civilProviderWhere(filter), page, NAME_ORDER);
  }

  @FieldResolver(() => [District], { nullable: true, description: 'The districts the provider serves, by code.' })
  async districts(@Root() provider: CivilProvider, @Ctx() { loaders }: SubgraphContext): Promise<District[]> {
    const areas = await loaders.listBy(ServedArea, 'provider', [{ property: 'districtCode', direction: 'asc' }]).load(provider.id);
    return areas.map((area) => districtRef(area.districtCode));
  }
}
