import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { District } from '../places/district.entity';
import type { LearningCenter } from '../places/learning-center.entity';

export enum ExpertDuty {
  PROGRAM_DEVELOPMENT = 'PROGRAM_DEVELOPMENT',
  COMMUNITY_SUPPORT = 'COMMUNITY_SUPPORT',
  LEARNER_COUNSELING = 'LEARNER_COUNSELING',
  RESIDENT_COMMUNICATION = 'RESIDENT_COMMUNICATION',
  RESOURCE_DISCOVERY = 'RESOURCE_DISCOVERY',
}
registerEnumType(ExpertDuty, { name: 'ExpertDuty', description: 'What a Dong Lifelong Learning Expert does.' });

/** A Dong Lifelong Learning Expert (동 평생학습 전문가); every district has at least two. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A Dong Lifelong Learning Expert (동 평생학습 전문가).' })
@Entity({ tableName: 'lifelong_learning_expert' })
export class LifelongLearningExpert {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @ManyToOne('District', { ref: true, index: true })
  district!: Ref<District>;

  @ManyToOne('LearningCenter', { ref: true, nullable: true, index: true })
  center!: Ref<LearningCenter> | null;

  // A JSON array: the same column type on SQLite (text) and PostgreSQL (jsonb), read back as an array.
  @Field(() => [ExpertDuty])
  @Property({ type: 'json' })
  duties!: ExpertDuty[];
}
