import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { District, Dong } from '../../lib/subgraph/district.stub';
import { ConnectionArgs, NAME_ORDER, type Connection } from '../../lib/subgraph/relay';
import { CulturalCenterConnection } from './cultural-center.connection';
import { CulturalCenter } from './cultural-center.entity';

@Resolver(() => District)
export class DistrictCulturalCentersResolver {
  @FieldResolver(() => CulturalCenterConnection, { nullable: true, description: 'Cultural centers of the district, by name.' })
  culturalCenters(
    @Root() district: District,
    @Args() page: ConnectionArgs,
    @Ctx() { loaders }: SubgraphContext,
  ): Promise<Connection<CulturalCenter>> {
    return loaders.connectionBy(CulturalCenter, 'districtCode', page, NAME_ORDER).load(district.code);
  }
}

@Resolver(() => Dong)
export class DongCulturalCentersResolver {
  @FieldResolver(() => [CulturalCenter], { nullable: true, description: 'Cultural centers located in the dong, by name.' })
  culturalCenters(@Root() dong: Dong, @Ctx() { loaders }: SubgraphContext): Promise<CulturalCenter[]> {
    return loaders.listBy(CulturalCenter, 'dongCode', NAME_ORDER).load(dong.code);
  }
}
