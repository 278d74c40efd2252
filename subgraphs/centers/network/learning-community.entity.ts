import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { LearningCenter } from '../places/learning-center.entity';
import { ProgramTrack } from '../programs/program-track';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A learning community (학습공동체) that grew around a center. In the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'learning_community' })
export class LearningCommunity {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @ManyToOne('LearningCenter', { ref: true, index: true })
  center!: Ref<LearningCenter>;

  @Field(() => Int)
  @Property()
  memberCount!: number;

  @Field(() => ProgramTrack)
  @Enum({ items: () => ProgramTrack })
  track!: ProgramTrack;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
