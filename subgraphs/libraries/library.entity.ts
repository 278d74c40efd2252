import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint, geoPoint } from '../../lib/geo-point';

export enum LibraryKind {
  PUBLIC = 'PUBLIC',
  SMALL = 'SMALL',
  CHILDREN = 'CHILDREN',
  SCHOOL = 'SCHOOL',
}
registerEnumType(LibraryKind, {
  name: 'LibraryKind',
  description: 'The library type of the national library data.',
  valuesConfig: {
    PUBLIC: { description: '공공도서관: a public library.' },
    SMALL: { description: '작은도서관: a small neighborhood library.' },
    CHILDREN: { description: "어린이도서관: a children's library." },
    SCHOOL: { description: '학교도서관: a school library open to residents.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({
  description: 'A public, small, children\'s or school library (national library data merged with Seoul Open Data).',
})
@Entity({ tableName: 'library' })
@Index({ properties: ['name', 'id'] })
export class Library {
  @Field(() => ID, { description: 'A stable id numbered in district and name order, e.g. "LIB0001".' })
  @PrimaryKey({ length: 16 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @Field(() => LibraryKind)
  @Enum({ items: () => LibraryKind, index: true })
  kind!: LibraryKind;

  @Property({ length: 5, index: true })
  districtCode!: string;

  @Property({ length: 10, nullable: true, index: true })
  dongCode!: string | null;

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

  @Field(() => String, { nullable: true })
  @Property({ length: 32, nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Web site URL.' })
  @Property({ nullable: true })
  homepage!: string | null;

  @Field(() => Int, { nullable: true, description: 'Reading seats, summed over the reading rooms the source lists.' })
  @Property({ type: 'integer', nullable: true })
  seats!: number | null;
}
