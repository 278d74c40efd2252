import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { districtPlacesResolvers } from '../../lib/subgraph/district.resolver';
import { District } from '../../lib/subgraph/district.stub';
import { EducationOffice } from './education-office.entity';
import { SchoolConnection } from './school.connection';
import { School } from './school.entity';
import { ServedDistrict } from './served-district.entity';

@Resolver(() => District)
export class DistrictEducationOfficeResolver {
  @FieldResolver(() => EducationOffice, {
    nullable: true,
    description: 'The education support office serving the district.',
  })
  async educationOffice(@Root() district: District, @Ctx() { loaders }: SubgraphContext): Promise<EducationOffice> {
    const served = await loaders.byId(ServedDistrict, 'districtCode').load(district.code);
    if (!served) throw new Error(`No education office serves district ${district.code}`);
    return (await loaders.byId(EducationOffice, 'code').load(served.educationOffice.unwrap().code))!;
  }
}

/** `District.schools` and `Dong.schools`, after `District.educationOffice`. */
export const districtSchoolsResolvers = districtPlacesResolvers({
  entity: School,
  connection: SchoolConnection,
  field: 'schools',
  dongDescription: 'Schools located in the dong.',
});
