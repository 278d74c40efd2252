import { Entity, Enum, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Place } from '../../lib/subgraph/place.entity';

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
  description: "A public, small, children's or school library (national library data merged with Seoul Open Data).",
})
@Entity({ tableName: 'library' })
export class Library extends Place {
  @Field(() => ID, { description: 'A stable id numbered in district and name order, e.g. "LIB0001".' })
  declare id: string;

  @Field(() => LibraryKind)
  @Enum({ items: () => LibraryKind, index: true })
  kind!: LibraryKind;

  @Field(() => Int, { nullable: true, description: 'Reading seats, summed over the reading rooms the source lists.' })
  @Property({ type: 'integer', nullable: true })
  seats!: number | null;
}
