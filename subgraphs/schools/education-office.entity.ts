import { Collection, Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ServedDistrict } from './served-district.entity';
import { ProvenanceColumn, type SourceColumn } from '../../lib/subgraph/provenance';

/** One of the 11 district education support offices of the Seoul Metropolitan Office of Education. */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'A district education support office (교육지원청).' })
@Entity({ tableName: 'education_office' })
export class EducationOffice {
  @Field(() => ID, { description: 'The office code of the national school data, e.g. "7021000".' })
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
