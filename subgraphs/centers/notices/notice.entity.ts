import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../lib/subgraph/scalars';
import type { District } from '../places/district.entity';
import type { LearningCenter } from '../places/learning-center.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

export enum NoticeStatus {
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(NoticeStatus, {
  name: 'NoticeStatus',
  description: 'PUBLISHED: anyone reads it during its period; WITHDRAWN: no reader sees it any more.',
});

/**
 * A notice to residents, for a learning center or a whole district, published by the district's experts and
 * officers or the city. Always carries its district (a center's notice: the center's), so a district's readers find
 * its centers' notices by one indexed column.
 */
@ObjectType({ description: 'A notice to residents of a learning center or a district, readable during its period.' })
@Entity({ tableName: 'notice' })
@Index({ properties: ['district', 'status', 'startsOn', 'id'] })
@Index({ properties: ['center', 'status', 'startsOn', 'id'] })
@Index({ properties: ['modified', 'id'] })
export class Notice {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @ManyToOne('District', { ref: true, index: false })
  district!: Ref<District>;

  /** Null for a notice to the whole district. */
  @ManyToOne('LearningCenter', { ref: true, nullable: true, index: false })
  center!: Ref<LearningCenter> | null;

  @Field()
  @Property({ length: 200 })
  title!: string;

  @Field()
  @Property({ type: 'text' })
  body!: string;

  @Field(() => DateScalar, { description: 'The first day it is current.' })
  @Property({ length: 10 })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'The last day it is current.' })
  @Property({ length: 10 })
  endsOn!: string;

  @Field(() => NoticeStatus)
  @Enum({ items: () => NoticeStatus })
  status!: NoticeStatus;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  publishedAt!: string;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  updatedAt!: string;

  /** The change number of /feeds/notices (change-feed.ts): every write sets it above all earlier ones. */
  @Property({ type: new BigIntType('number'), default: 0 })
  modified!: number;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
