import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ProvenanceColumn, type SourceColumn } from './provenance';

/**
 * A room an institution opens to programs (SchoolSpace, LibrarySpace,
 * CulturalSpace). Each entity extends it with its table, key directive and its
 * ManyToOne to its owner; lib/subgraph/space-mutations.ts writes them. No field returns a
 * Space, so the type itself stays out of the schema.
 */
@ObjectType()
@Entity({ abstract: true })
export abstract class Space {
  @Field(() => ID)
  @PrimaryKey({ length: 24 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @Field(() => Int)
  @Property()
  capacity!: number;

  /** When its institution removed it (ISO 8601); null while it is offered. Removed rooms are kept for the programs held there. */
  @Property({ length: 40, nullable: true })
  removedAt!: string | null;

  @Field(() => Boolean, {
    description: 'True once its institution stopped offering it: it still names the venue of programs held there.',
  })
  get removed(): boolean {
    return this.removedAt !== null;
  }

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
