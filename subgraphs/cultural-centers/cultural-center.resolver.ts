import { Field, ID, InputType, Resolver } from 'type-graphql';
import { PlaceResolver } from '../../lib/subgraph/institution.resolver';
import { spaceResolvers } from '../../lib/subgraph/space.resolver';
import { CulturalCenterConnection } from './cultural-center.connection';
import { CulturalCenter, CulturalCenterKind } from './cultural-center.entity';
import { CulturalSpace } from './cultural-space.entity';

@InputType({ description: 'All given conditions must hold.' })
class CulturalCenterFilter {
  @Field(() => ID, { nullable: true }) districtCode?: string;
  @Field(() => ID, { nullable: true }) dongCode?: string;
  @Field(() => CulturalCenterKind, { nullable: true }) kind?: CulturalCenterKind;
  @Field({ nullable: true, description: 'Part of the name.' }) nameContains?: string;
}

@Resolver(() => CulturalCenter)
export class CulturalCenterResolver extends PlaceResolver({
  entity: CulturalCenter,
  connection: CulturalCenterConnection,
  filter: CulturalCenterFilter,
  queries: {
    one: 'culturalCenter',
    many: 'culturalCenters',
    manyDescription: 'Cultural centers matching the filter, by name then id.',
  },
  noun: 'center',
}) {}

/** `CulturalCenter.spaces` and `CulturalSpace.culturalCenter`. */
export const culturalSpaceResolvers = spaceResolvers({
  owner: CulturalCenter,
  space: CulturalSpace,
  ownerProperty: 'culturalCenter',
  description: 'Rooms that can host programs, by name (removed rooms are left out).',
});
