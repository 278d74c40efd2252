import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { District } from '../places/district.entity';
import type { LearningCenter } from '../places/learning-center.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

/** The duties the city's plan gives the experts, in the plan's order ("etc." is OTHER). */
export enum ExpertDuty {
  PROGRAM_DEVELOPMENT = 'PROGRAM_DEVELOPMENT',
  COMMUNITY_SUPPORT = 'COMMUNITY_SUPPORT',
  LEARNER_COUNSELING = 'LEARNER_COUNSELING',
  RESIDENT_COMMUNICATION = 'RESIDENT_COMMUNICATION',
  RESOURCE_DISCOVERY = 'RESOURCE_DISCOVERY',
  OTHER = 'OTHER',
}
registerEnumType(ExpertDuty, {
  name: 'ExpertDuty',
  description: "What a Dong Lifelong Learning Expert does, as Seoul's lifelong-learning plan lists it.",
  valuesConfig: {
    PROGRAM_DEVELOPMENT: {
      description: 'Develops and operates programs suited to the district (프로그램 개발·운영).',
    },
    COMMUNITY_SUPPORT: { description: 'Supports the activities of learning communities (학습공동체 지원).' },
    LEARNER_COUNSELING: {
      description: 'Counsels learners and promotes their motivation (학습상담 및 동기부여).',
    },
    RESIDENT_COMMUNICATION: { description: 'Communicates with residents (주민 소통).' },
    RESOURCE_DISCOVERY: { description: 'Discovers learning resources in the district (학습자원 발굴).' },
    OTHER: { description: 'Other duties the district gives its experts (기타).' },
  },
});

/** A Dong Lifelong Learning Expert (동 평생학습 전문가); every district has at least two. */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A Dong Lifelong Learning Expert (동 평생학습 전문가). In the demonstration seed these are generated (provenance GENERATED).',
})
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

  /**
   * The token subject (`sub`) the expert signs in with, set by the district's officers or the city: an EXPERT token
   * of the expert's district with this subject is this expert (`viewer.expert`). Null: not linked to an account.
   */
  @Property({ length: 255, nullable: true, unique: true })
  subject!: string | null;

  // A JSON array: the same column type on SQLite (text) and PostgreSQL (jsonb), read back as an array.
  @Field(() => [ExpertDuty])
  @Property({ type: 'json' })
  duties!: ExpertDuty[];

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
