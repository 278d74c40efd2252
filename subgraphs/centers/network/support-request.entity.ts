import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../lib/subgraph/scalars';
import type { District } from '../places/district.entity';
import { CitySupportKind, type CitySupport } from './city-support.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

export enum SupportRequestStatus {
  REQUESTED = 'REQUESTED',
  GRANTED = 'GRANTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(SupportRequestStatus, {
  name: 'SupportRequestStatus',
  description: 'Where a request for city support stands; only a REQUESTED one can still change.',
  valuesConfig: {
    REQUESTED: { description: 'Waiting for the city to decide.' },
    GRANTED: { description: 'The city granted it and recorded the support (`citySupport`).' },
    DECLINED: { description: 'The city declined it, with a reason.' },
    WITHDRAWN: { description: 'The district withdrew it before the city decided.' },
  },
});

/** A district's request for the city's support of one kind in one year, and the city's decision. */
@ObjectType({
  description:
    "A district's request for the city's support of one kind in one year: a district officer asks, the city grants (recording the support) or declines. In the demonstration seed these are generated (provenance GENERATED).",
})
@Entity({ tableName: 'support_request' })
@Index({ properties: ['district', 'requestedAt', 'id'] })
@Index({ properties: ['status', 'requestedAt', 'id'] })
@Index({ properties: ['requestedAt', 'id'] })
export class SupportRequest {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @ManyToOne('District', { ref: true, index: false })
  district!: Ref<District>;

  @Field(() => CitySupportKind)
  @Enum({ items: () => CitySupportKind })
  kind!: CitySupportKind;

  @Field(() => Int, { description: 'The year the support is for.' })
  @Property()
  year!: number;

  @Field({ description: 'What the district needs, in its own words.' })
  @Property({ type: 'text' })
  note!: string;

  @Field(() => SupportRequestStatus)
  @Enum({ items: () => SupportRequestStatus })
  status!: SupportRequestStatus;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  requestedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was granted, declined or withdrawn.' })
  @Property({ length: 32, nullable: true })
  decidedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the city declined it.' })
  @Property({ type: 'text', nullable: true })
  declineReason!: string | null;

  /** The support the city recorded when it granted the request. */
  @ManyToOne('CitySupport', { ref: true, nullable: true, index: false })
  citySupport!: Ref<CitySupport> | null;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
