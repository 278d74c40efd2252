import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../lib/subgraph/scalars';
import type { LearningCenter } from '../places/learning-center.entity';
import type { LifelongLearningExpert } from './expert.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

/** What a counseling session was about: a closed list, so sessions count by topic without free text. */
export enum CounselingTopic {
  COURSE_CHOICE = 'COURSE_CHOICE',
  MOTIVATION = 'MOTIVATION',
  CAREER = 'CAREER',
  DIGITAL_SKILLS = 'DIGITAL_SKILLS',
  COMMUNITY = 'COMMUNITY',
  OTHER = 'OTHER',
}
registerEnumType(CounselingTopic, {
  name: 'CounselingTopic',
  description: 'What a learner was counseled about (학습상담 주제).',
  valuesConfig: {
    COURSE_CHOICE: { description: 'Choosing a program or course (과정 선택).' },
    MOTIVATION: { description: 'Motivation to (keep on) learning (학습 동기부여).' },
    CAREER: { description: 'Work and career (진로·취업).' },
    DIGITAL_SKILLS: { description: 'Digital skills and devices (디지털 역량).' },
    COMMUNITY: { description: 'Joining or starting a learning community (학습공동체).' },
    OTHER: { description: 'Anything else (기타).' },
  },
});

/**
 * A learner counseled by a Dong Lifelong Learning Expert (학습상담). It holds no personal data: the learner is an
 * opaque reference given by the center, stored only as a digest (counseling.ts), never a name or a resident id.
 */
@ObjectType({
  description:
    'A counseling session with a learner, without personal data (학습상담 기록). In the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'counseling_session' })
@Index({ properties: ['districtCode', 'heldOn', 'id'] })
export class CounselingSession {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @Field(() => DateScalar, { description: 'The day the session took place.' })
  @Property({ length: 10 })
  heldOn!: string;

  @Field(() => CounselingTopic)
  @Enum({ items: () => CounselingTopic })
  topic!: CounselingTopic;

  @ManyToOne('LearningCenter', { ref: true, index: true })
  center!: Ref<LearningCenter>;

  /** The center's district, copied so district lists and counts need no join. */
  @Property({ length: 5 })
  districtCode!: string;

  @Field({
    description:
      "A digest of the learner reference: the same learner's sessions in a district share it; it reveals no reference.",
  })
  @Property({ length: 64 })
  learnerKey!: string;

  /** The expert record linked to the token that recorded it (null when an officer or the city recorded it). */
  @ManyToOne('LifelongLearningExpert', { ref: true, nullable: true, index: true })
  expert!: Ref<LifelongLearningExpert> | null;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  recordedAt!: string;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
