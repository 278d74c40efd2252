import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { SortOrder } from '../../lib/relay';
import type { Library } from './library.entity';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A library room opened to residents for programs.' })
@Entity({ tableName: 'library_space' })
export class LibrarySpace {
  @Field(() => ID)
  @PrimaryKey({ length: 24 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @Field(() => Int, { description: 'How many people the room seats.' })
  @Property()
  capacity!: number;

  @ManyToOne('Library', { ref: true, index: true })
  library!: Ref<Library>;

  /** When its institution removed it (ISO 8601); null while it is offered. Removed rooms are kept for the programs held there. */
  @Property({ length: 40, nullable: true })
  removedAt!: string | null;

  @Field(() => Boolean, { description: 'True once its institution stopped offering it: it still names the venue of programs held there.' })
  get removed(): boolean {
    return this.removedAt !== null;
  }
}

export const LIBRARY_SPACE_ORDER: SortOrder<LibrarySpace> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
