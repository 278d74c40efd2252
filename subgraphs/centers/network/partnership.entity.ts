import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../lib/subgraph/scalars';
import { PARTNER_TYPENAMES, type PartnerTypename } from '../../../lib/typenames';
import type { LearningCenter } from '../places/learning-center.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

export enum PartnershipKind {
  VENUE_SHARING = 'VENUE_SHARING',
  CO_HOSTING = 'CO_HOSTING',
  INSTRUCTOR_EXCHANGE = 'INSTRUCTOR_EXCHANGE',
  RESOURCE_SHARING = 'RESOURCE_SHARING',
}
registerEnumType(PartnershipKind, { name: 'PartnershipKind', description: 'What a center and its partner share.' });

/** PROPOSED → ACTIVE (approved) or DECLINED; ACTIVE → ENDED. An officer's own partnership starts ACTIVE. */
export enum PartnershipStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  DECLINED = 'DECLINED',
  ENDED = 'ENDED',
}
registerEnumType(PartnershipStatus, {
  name: 'PartnershipStatus',
  description: 'Where a partnership is in its life: proposed by an expert, agreed (active), declined or ended.',
  valuesConfig: {
    PROPOSED: {
      description: "Proposed by an expert of the district, awaiting the officer's (or the city's) decision.",
    },
    ACTIVE: { description: 'Agreed and running.' },
    DECLINED: { description: 'A proposal that was not agreed.' },
    ENDED: { description: 'Was active, has ended; stays on record.' },
  },
});

/** Partnerships recorded before the lifecycle were all agreed: the inactive ones had ended. */
export const PARTNERSHIP_STATUS_BACKFILL = `update partnership set status = 'ENDED' where not active`;

/** Agreed partnerships, running or ended: the public record. A proposal, and a declined one, are not public. */
export const AGREED_STATUSES = [PartnershipStatus.ACTIVE, PartnershipStatus.ENDED];

/** A cooperation link between a center and a school, library, cultural center or civil provider. */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A cooperation link between a learning center and a partner institution. In the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'partnership' })
@Index({ properties: ['since', 'id'] })
@Index({ properties: ['districtCode', 'since', 'id'] })
@Index({ properties: ['partnerType', 'partnerId'] })
export class Partnership {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @ManyToOne('LearningCenter', { ref: true, index: true })
  center!: Ref<LearningCenter>;

  /** The center's district, copied so district filters and coverage counts need no join. */
  @Property({ length: 5 })
  districtCode!: string;

  @Enum({ items: [...PARTNER_TYPENAMES] })
  partnerType!: PartnerTypename;

  @Property({ length: 32 })
  partnerId!: string;

  @Field(() => PartnershipKind)
  @Enum({ items: () => PartnershipKind, index: true })
  kind!: PartnershipKind;

  @Field(() => DateScalar, { description: 'When the partnership began.' })
  @Property({ length: 10 })
  since!: string;

  @Field({ description: 'Whether it is running now (status ACTIVE).' })
  @Property({ index: true })
  active!: boolean;

  @Field(() => PartnershipStatus)
  @Enum({ items: () => PartnershipStatus, default: PartnershipStatus.ACTIVE })
  status: PartnershipStatus = PartnershipStatus.ACTIVE;

  /** Who proposed it (the token subject); PartnershipResolver shows it to the district's staff only. */
  @Property({ nullable: true, length: 128 })
  proposedBy: string | null = null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ nullable: true, length: 32 })
  proposedAt: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why the expert proposed it.' })
  @Property({ nullable: true, length: 1000 })
  proposalNote: string | null = null;

  /** Who approved, declined or created it (the token subject); shown like proposedBy. */
  @Property({ nullable: true, length: 128 })
  decidedBy: string | null = null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Property({ nullable: true, length: 32 })
  decidedAt: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why a proposal was declined, when a reason was given.' })
  @Property({ nullable: true, length: 1000 })
  declineReason: string | null = null;
  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
