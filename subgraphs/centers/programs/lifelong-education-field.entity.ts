import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

/** The national classification of lifelong-education programs: areas ("4") and their sub-areas ("4-2"). */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'A field of the national lifelong-education program classification.' })
@Entity({ tableName: 'lifelong_education_field' })
export class LifelongEducationField {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'An area code ("4") or a sub-area code ("4-2").' })
  @PrimaryKey({ length: 8 })
  code!: string;

  @Field()
  @Property()
  nameKo!: string;

  @Field()
  @Property()
  nameEn!: string;

  @ManyToOne('LifelongEducationField', { ref: true, nullable: true, index: true })
  parent!: Ref<LifelongEducationField> | null;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
