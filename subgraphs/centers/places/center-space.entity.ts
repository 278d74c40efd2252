import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { LearningCenter } from './learning-center.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A room of a learning center itself (in its dong community service center). In the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'center_space' })
export class CenterSpace {
  @Field(() => ID)
  @PrimaryKey({ length: 32 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @Field(() => Int)
  @Property()
  capacity!: number;

  @ManyToOne('LearningCenter', { ref: true, index: true })
  center!: Ref<LearningCenter>;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
