import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../lib/subgraph/scalars';
import { INSTITUTION_TYPENAMES, type InstitutionTypename } from '../../../lib/typenames';
import type { LearningCenter } from '../places/learning-center.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

export enum PartnershipKind {
  VENUE_SHARING = 'VENUE_SHARING',
  CO_HOSTING = 'CO_HOSTING',
  INSTRUCTOR_EXCHANGE = 'INSTRUCTOR_EXCHANGE',
  RESOURCE_SHARING = 'RESOURCE_SHARING',
}
registerEnumType(PartnershipKind, { name: 'PartnershipKind', description: 'What a center and its partner share.' });

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

  @Enum({ items: [...INSTITUTION_TYPENAMES] })
  partnerType!: InstitutionTypename;

  @Property({ length: 32 })
  partnerId!: string;

  @Field(() => PartnershipKind)
  @Enum({ items: () => PartnershipKind, index: true })
  kind!: PartnershipKind;

  @Field(() => DateScalar, { description: 'When the partnership began.' })
  @Property({ length: 10 })
  since!: string;

  @Field()
  @Property({ index: true })
  active!: boolean;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
