import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { District, districtRef } from '../../lib/subgraph/district.stub';
import { ConnectionArgs, NAME_ORDER, type Connection } from '../../lib/subgraph/relay';
import { EducationOffice } from './education-office.entity';
import { SchoolConnection } from './school.connection';
import { School } from './school.entity';
import { ServedDistrict } from './served-district.entity';

@Resolver(() => EducationOffice)
export class EducationOfficeResolver {
  @Query(() => [EducationOffice], {
    description: "The city's office of education and its 11 district support offices, by code.",
  })
  educationOffices(@Ctx() { em }: SubgraphContext): Promise<EducationOffice[]> {
    return em.find(EducationOffice, {}, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => [District], { nullable: true, description: 'The districts this office serves.' })
  async districts(@Root() office: EducationOffice, @Ctx() { loaders }: SubgraphContext): Promise<District[]> {
    const served = await loaders
      .listBy(ServedDistrict, 'educationOffice', [{ property: 'districtCode', direction: 'asc' }])
      .load(office.code);
    return served.map((row) => districtRef(row.districtCode));
  }

  @FieldResolver(() => SchoolConnection)
  schools(
    @Root() office: EducationOffice,
    @Args() page: ConnectionArgs,
    @Ctx() { loaders }: SubgraphContext,
  ): Promise<Connection<School>> {
    return loaders.connectionBy(School, 'educationOffice', page, NAME_ORDER).load(office.code);
  }
}
