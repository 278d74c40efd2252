import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { School } from './school.entity';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A school room opened to residents for programs.' })
@Entity({ tableName: 'school_space' })
export class SchoolSpace {
  @Field(() => ID)
  @PrimaryKey({ length: 24 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @Field(() => Int)
  @Property()
  capacity!: number;

  @ManyToOne('School', { ref: true, index: true })
  school!: Ref<School>;

  /** When its institution removed it (ISO 8601); null while it is offered. Removed rooms are kept for the programs held there. */
  @Property({ length: 40, nullable: true })
  removedAt!: string | null;

  @Field(() => Boolean, { description: 'True once its institution stopped offering it: it still names the venue of programs held there.' })
  get removed(): boolean {
    return this.removedAt !== null;
  }
}
