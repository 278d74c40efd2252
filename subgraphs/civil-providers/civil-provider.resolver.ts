import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { District, districtRef } from '../../lib/subgraph/district.stub';
import { InstitutionResolver } from '../../lib/subgraph/institution.resolver';
import { CivilProviderConnection } from './civil-provider.connection';
import { CivilProvider, CivilProviderKind } from './civil-provider.entity';
import { ServedArea } from './served-area.entity';

@InputType({ description: 'All given conditions must hold.' })
class CivilProviderFilter {
  @Field(() => ID, { nullable: true, description: 'Only providers serving this district.' }) districtCode?: string;
  @Field(() => CivilProviderKind, { nullable: true }) kind?: CivilProviderKind;
  @Field({ nullable: true, description: 'Only certified (true) or only uncertified (false) providers.' })
  certifiedExcellent?: boolean;
  @Field({ nullable: true, description: 'Part of the provider name.' }) nameContains?: string;
}

@Resolver(() => CivilProvider)
export class CivilProviderResolver extends InstitutionResolver({
  entity: CivilProvider,
  connection: CivilProviderConnection,
  filter: CivilProviderFilter,
  queries: { one: 'civilProvider', many: 'civilProviders', manyDescription: 'Civil program providers, by name.' },
  // A provider serves a district at most once (composite key), so this join never repeats a provider.
  conditions: { districtCode: (code) => ({ servedAreas: { districtCode: code } }) },
}) {
  @FieldResolver(() => [District], { nullable: true, description: 'The districts the provider serves, by code.' })
  async districts(@Root() provider: CivilProvider, @Ctx() { loaders }: SubgraphContext): Promise<District[]> {
    const areas = await loaders
      .listBy(ServedArea, 'provider', [{ property: 'districtCode', direction: 'asc' }])
      .load(provider.id);
    return areas.map((area) => districtRef(area.districtCode));
  }
}
