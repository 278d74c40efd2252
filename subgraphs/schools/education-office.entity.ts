import { Collection, Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ServedDistrict } from './served-district.entity';
import { ProvenanceColumn, type SourceColumn } from '../../lib/subgraph/provenance';

/** The Seoul Metropolitan Office of Education (서울특별시교육청) or one of its 11 district education support offices. */
@Directive('@key(fields: "code")')
@ObjectType({
  description:
    "The city's office of education (서울특별시교육청, serving no district of its own) or a district education support office (교육지원청).",
})
@Entity({ tableName: 'education_office' })
export class EducationOffice {
  @Field(() => ID, {
    description: 'The office code of the national school data, e.g. "7021000" (the city\'s office: "7010000").',
  })
  @PrimaryKey({ length: 16 })
  code!: string;

  @Field()
  @Property()
  nameKo!: string;

  @Field()
  @Property()
  nameEn!: string;

  @OneToMany(() => ServedDistrict, (served) => served.educationOffice)
  servedDistricts = new Collection<ServedDistrict>(this);

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
