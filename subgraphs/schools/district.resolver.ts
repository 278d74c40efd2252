import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/context';
import { ConnectionArgs, type Connection } from '../../lib/relay';
import { District, Dong } from './district.stub';
import { EducationOffice } from './education-office.entity';
import { SchoolConnection, SCHOOL_ORDER } from './school.connection';
import { School } from './school.entity';
import { ServedDistrict } from './served-district.entity';

@Resolver(() => District)
export class DistrictSchoolsResolver {
  @FieldResolver(() => EducationOffice, { description: 'The education support office serving the district.' })
  async educationOffice(@Root() district: District, @Ctx() { loaders }: SubgraphContext): Promise<EducationOffice> {
    const served = await loaders.byId(ServedDistrict, 'districtCode').load(district.code);
    if (!served) throw new Error(`No education office serves district ${district.code}`);
    return (await loaders.byId(EducationOffice, 'code').load(served.educationOffice.unwrap().code))!;
  }

  @FieldResolver(() => SchoolConnection)
  schools(@Root() district: District, @Args() page: ConnectionArgs, @Ctx() { loaders }: SubgraphContext): Promise<Connection<School>> {
    return loaders.connectionBy(School, 'districtCode', page, SCHOOL_ORDER).load(district.code);
  }
}

@Resolver(() => Dong)
export class DongSchoolsResolver {
  @FieldResolver(() => [School], { description: 'Schools located in the dong.' })
  schools(@Root() dong: Dong, @Ctx() { loaders }: SubgraphContext): Promise<School[]> {
    return loaders.listBy(School, 'dongCode', SCHOOL_ORDER).load(dong.code);
  }
}
