import { Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Place } from '../../lib/subgraph/place.entity';
import { DateScalar } from '../../lib/subgraph/scalars';
import type { EducationOffice } from './education-office.entity';

export enum SchoolLevel {
  ELEMENTARY = 'ELEMENTARY',
  MIDDLE = 'MIDDLE',
  HIGH = 'HIGH',
}
registerEnumType(SchoolLevel, { name: 'SchoolLevel' });

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An elementary, middle or high school (national school data, 2026-03-20).' })
@Entity({ tableName: 'school' })
export class School extends Place {
  @Field(() => ID, { description: 'The national school id, e.g. "B000001838".' })
  declare id: string;

  @Field(() => String, { nullable: true, description: 'Phone number, as the school publishes it.' })
  declare phone: string | null;

  @Field(() => String, { nullable: true, description: 'Web site URL, as the school publishes it.' })
  declare homepage: string | null;

  @Field(() => SchoolLevel)
  @Enum({ items: () => SchoolLevel, index: true })
  level!: SchoolLevel;

  @ManyToOne('EducationOffice', { ref: true, index: true })
  educationOffice!: Ref<EducationOffice>;

  @Field(() => DateScalar, { nullable: true })
  @Property({ length: 10, nullable: true })
  foundedOn!: string | null;
}
