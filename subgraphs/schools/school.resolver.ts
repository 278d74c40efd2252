import { Ctx, Field, FieldResolver, ID, InputType, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { PlaceResolver } from '../../lib/subgraph/institution.resolver';
import { spaceResolvers } from '../../lib/subgraph/space.resolver';
import { EducationOffice } from './education-office.entity';
import { SchoolConnection } from './school.connection';
import { School, SchoolLevel } from './school.entity';
import { SchoolSpace } from './school-space.entity';

@InputType({ description: 'All given conditions must hold.' })
class SchoolFilter {
  @Field(() => ID, { nullable: true }) districtCode?: string;
  @Field(() => ID, { nullable: true }) dongCode?: string;
  @Field(() => ID, { nullable: true }) educationOfficeCode?: string;
  @Field(() => SchoolLevel, { nullable: true }) level?: SchoolLevel;
  @Field({ nullable: true, description: 'Part of the school name.' }) nameContains?: string;
}

@Resolver(() => School)
export class SchoolResolver extends PlaceResolver({
  entity: School,
  connection: SchoolConnection,
  filter: SchoolFilter,
  queries: { one: 'school', many: 'schools' },
  conditions: { educationOfficeCode: (code) => ({ educationOffice: code as never }) },
  noun: 'school',
}) {
  @FieldResolver(() => EducationOffice)
  async educationOffice(@Root() school: School, @Ctx() { loaders }: SubgraphContext): Promise<EducationOffice> {
    return (await loaders.byId(EducationOffice, 'code').load(school.educationOffice.unwrap().code))!;
  }
}

/** `School.spaces` and `SchoolSpace.school`, after the school's own fields. */
export const schoolSpaceResolvers = spaceResolvers({
  owner: School,
  space: SchoolSpace,
  ownerProperty: 'school',
  description: 'Rooms it offers to programs, by name (removed rooms are left out).',
});
