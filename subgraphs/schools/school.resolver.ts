import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root, Arg } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { PlaceResolver } from '../../lib/subgraph/place.resolver';
import { ConnectionArgs, NAME_ORDER, paginate, type Connection } from '../../lib/subgraph/relay';
import { EducationOffice } from './education-office.entity';
import { SchoolConnection } from './school.connection';
import { School, SchoolLevel } from './school.entity';
import { SchoolSpace } from './school-space.entity';
import { containsText } from '../../lib/subgraph/text';

@InputType({ description: 'All given conditions must hold.' })
export class SchoolFilter {
  @Field(() => ID, { nullable: true }) districtCode?: string;
  @Field(() => ID, { nullable: true }) dongCode?: string;
  @Field(() => ID, { nullable: true }) educationOfficeCode?: string;
  @Field(() => SchoolLevel, { nullable: true }) level?: SchoolLevel;
  @Field({ nullable: true, description: 'Part of the school name.' }) nameContains?: string;
}

export function schoolWhere(filter: SchoolFilter | undefined): FilterQuery<School> {
  const where: FilterQuery<School> & Record<string, unknown> = {};
  if (filter?.districtCode) where.districtCode = filter.districtCode;
  if (filter?.dongCode) where.dongCode = filter.dongCode;
  if (filter?.educationOfficeCode) where.educationOffice = filter.educationOfficeCode as never;
  if (filter?.level) where.level = filter.level;
  if (filter?.nameContains) Object.assign(where, containsText('name', filter.nameContains));
  return where;
}

@Resolver(() => School)
export class SchoolResolver extends PlaceResolver(School, 'school') {
  @Query(() => School, { nullable: true })
  school(@Arg('id', () => ID) id: string, @Ctx() { loaders }: SubgraphContext): Promise<School | null> {
    return loaders.byId(School).load(id);
  }

  @Query(() => SchoolConnection)
  schools(
    @Arg('filter', () => SchoolFilter, { nullable: true }) filter: SchoolFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() { em }: SubgraphContext,
  ): Promise<Connection<School>> {
    return paginate(em, School, schoolWhere(filter), page, NAME_ORDER);
  }

  @FieldResolver(() => EducationOffice)
  async educationOffice(@Root() school: School, @Ctx() { loaders }: SubgraphContext): Promise<EducationOffice> {
    return (await loaders.byId(EducationOffice, 'code').load(school.educationOffice.unwrap().code))!;
  }

  @FieldResolver(() => [SchoolSpace], { description: 'Rooms it offers to programs, by name (removed rooms are left out).' })
  spaces(@Root() school: School, @Ctx() { loaders }: SubgraphContext): Promise<SchoolSpace[]> {
    return loaders.listBy(SchoolSpace, 'school', NAME_ORDER, { removedAt: null }).load(school.id);
  }
}

@Resolver(() => SchoolSpace)
export class SchoolSpaceResolver {
  @FieldResolver(() => School)
  async school(@Root() space: SchoolSpace, @Ctx() { loaders }: SubgraphContext): Promise<School> {
    return (await loaders.byId(School).load(space.school.id))!;
  }
}
