import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { District, Dong } from '../../lib/subgraph/district.stub';
import { ConnectionArgs, NAME_ORDER, type Connection } from '../../lib/subgraph/relay';
import { LibraryConnection } from './library.connection';
import { Library } from './library.entity';

@Resolver(() => District)
export class DistrictLibrariesResolver {
  @FieldResolver(() => LibraryConnection, { nullable: true, description: 'Libraries in the district, by name.' })
  libraries(@Root() district: District, @Args() page: ConnectionArgs, @Ctx() { loaders }: SubgraphContext): Promise<Connection<Library>> {
    return loaders.connectionBy(Library, 'districtCode', page, NAME_ORDER).load(district.code);
  }
}

@Resolver(() => Dong)
export class DongLibrariesResolver {
  @FieldResolver(() => [Library], { nullable: true, description: 'Libraries located in the dong, by name.' })
  libraries(@Root() dong: Dong, @Ctx() { loaders }: SubgraphContext): Promise<Library[]> {
    return loaders.listBy(Library, 'dongCode', NAME_ORDER).load(dong.code);
  }
}
