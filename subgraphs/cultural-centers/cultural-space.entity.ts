import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { SortOrder } from '../../lib/relay';
import type { CulturalCenter } from './cultural-center.entity';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A room of a cultural center that can host programs (generated).' })
@Entity({ tableName: 'cultural_space' })
export class CulturalSpace {
  @Field(() => ID)
  @PrimaryKey({ length: 24 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @Field(() => Int)
  @Property()
  capacity!: number;

  @ManyToOne('CulturalCenter', { ref: true, index: true })
  culturalCenter!: Ref<CulturalCenter>;

  /** When its institution removed it (ISO 8601); null while it is offered. Removed rooms are kept for the programs held there. */
  @Property({ length: 40, nullable: true })
  removedAt!: string | null;

  @Field(() => Boolean, { description: 'True once its institution stopped offering it: it still names the venue of programs held there.' })
  get removed(): boolean {
    return this.removedAt !== null;
  }
}

export const CULTURAL_SPACE_ORDER: SortOrder<CulturalSpace> = [
  { property: 'name', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];
