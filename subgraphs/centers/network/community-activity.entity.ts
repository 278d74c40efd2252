import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../lib/subgraph/scalars';
import type { LearningCommunity } from './learning-community.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

export enum CommunityActivityKind {
  MEETING = 'MEETING',
  STUDY = 'STUDY',
  EXHIBITION = 'EXHIBITION',
  VOLUNTEERING = 'VOLUNTEERING',
  OTHER = 'OTHER',
}
registerEnumType(CommunityActivityKind, { name: 'CommunityActivityKind', description: 'What a community did.' });

/** Something a learning community did, as the district's experts and officers record it in support of it. */
@ObjectType({ description: 'An activity of a learning community: when, what, and how many took part.' })
@Entity({ tableName: 'community_activity' })
@Index({ properties: ['community', 'heldOn', 'id'] })
export class CommunityActivity {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @ManyToOne('LearningCommunity', { ref: true, index: false })
  community!: Ref<LearningCommunity>;

  @Field(() => DateScalar)
  @Property({ length: 10 })
  heldOn!: string;

  @Field(() => CommunityActivityKind)
  @Enum({ items: () => CommunityActivityKind })
  kind!: CommunityActivityKind;

  @Field(() => Int, { description: 'How many took part.' })
  @Property()
  attendance!: number;

  @Field(() => String, { nullable: true })
  @Property({ length: 500, nullable: true })
  note!: string | null;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  recordedAt!: string;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
