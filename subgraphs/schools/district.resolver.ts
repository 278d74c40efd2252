import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { District, Dong } from '../../lib/subgraph/district.stub';
import { ConnectionArgs, NAME_ORDER, type Connection } from '../../lib/subgraph/relay';
import { EducationOffice } from './education-office.entity';
import { SchoolConnection } from './school.connection';
import { School } from './school.entity';
import { ServedDistrict } from './served-district.entity';

@Resolver(() => District)
export class DistrictSchoolsResolver {
  @FieldResolver(() => EducationOffice, { nullable: true, description: 'The education support office serving the district.' })
  async educationOffice(@Root() district: District, @Ctx() { loaders }: SubgraphContext): Promise<EducationOffice> {
    const served = await loaders.byId(ServedDistrict, 'districtCode').load(district.code);
    if (!served) throw new Error(`No education office serves district ${district.code}`);
    return (await loaders.byId(EducationOffice, 'code').load(served.educationOffice.unwrap().code))!;
  }

  @FieldResolver(() => SchoolConnection, { nullable: true })
  schools(@Root() district: District, @Args() page: ConnectionArgs, @Ctx() { loaders }: SubgraphContext): Promise<Connection<School>> {
    return loaders.connectionBy(School, 'districtCode', page, NAME_ORDER).load(district.code);
  }
}

@Resolver(() => Dong)
export class DongSchoolsResolver {
  @FieldResolver(() => [School], { nullable: true, description: 'Schools located in the dong.' })
  schools(@Root() dong: Dong, @Ctx() { loaders }: SubgraphContext): Promise<School[]> {
    return loaders.listBy(School, 'dongCode', NAME_ORDER).load(dong.code);
  }
}
