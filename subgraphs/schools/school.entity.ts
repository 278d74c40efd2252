import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint, geoPoint } from '../../lib/geo-point';
import { DateScalar } from '../../lib/scalars';
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
@Index({ properties: ['name', 'id'] })
export class School {
  @Field(() => ID, { description: 'The national school id, e.g. "B000001838".' })
  @PrimaryKey({ length: 16 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @Field(() => SchoolLevel)
  @Enum({ items: () => SchoolLevel, index: true })
  level!: SchoolLevel;

  @Property({ length: 5, index: true })
  districtCode!: string;

  @Property({ length: 10, nullable: true, index: true })
  dongCode!: string | null;

  @ManyToOne('EducationOffice', { ref: true, index: true })
  educationOffice!: Ref<EducationOffice>;

  @Property({ type: 'double' })
  lat!: number;

  @Property({ type: 'double' })
  lng!: number;

  @Field(() => GeoPoint)
  get location(): GeoPoint {
    return geoPoint(this);
  }

  @Field(() => String, { nullable: true, description: 'Road address.' })
  @Property({ nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number, as the school publishes it.' })
  @Property({ length: 32, nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Web site URL, as the school publishes it.' })
  @Property({ nullable: true })
  homepage!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Property({ length: 10, nullable: true })
  foundedOn!: string | null;
}
