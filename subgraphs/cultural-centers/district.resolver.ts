import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/context';
import { ConnectionArgs, type Connection } from '../../lib/relay';
import { CulturalCenterConnection, CULTURAL_CENTER_ORDER } from './cultural-center.connection';
import { CulturalCenter } from './cultural-center.entity';
import { District, Dong } from './district.stub';

@Resolver(() => District)
export class DistrictCulturalCentersResolver {
  @FieldResolver(() => CulturalCenterConnection, { description: 'Cultural centers of the district, by name.' })
  culturalCenters(
    @Root() district: District,
    @Args() page: ConnectionArgs,
    @Ctx() { loaders }: SubgraphContext,
  ): Promise<Connection<CulturalCenter>> {
    return loaders.connectionBy(CulturalCenter, 'districtCode', page, CULTURAL_CENTER_ORDER).load(district.code);
  }
}

@Resolver(() => Dong)
export class DongCulturalCentersResolver {
  @FieldResolver(() => [CulturalCenter], { description: 'Cultural centers located in the dong, by name.' })
  culturalCenters(@Root() dong: Dong, @Ctx() { loaders }: SubgraphContext): Promise<CulturalCenter[]> {
    return loaders.listBy(CulturalCenter, 'dongCode', CULTURAL_CENTER_ORDER).load(dong.code);
  }
}
