import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { District } from '../places/district.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

export enum CitySupportKind {
  EXPERT_STAFFING = 'EXPERT_STAFFING',
  FINANCIAL = 'FINANCIAL',
  CONSULTING = 'CONSULTING',
}
registerEnumType(CitySupportKind, {
  name: 'CitySupportKind',
  description: 'How the city helps a district run its centers.',
});

@ObjectType({
  description:
    "The city's support to a district in one year. In the demonstration seed these are generated (provenance GENERATED).",
})
@Entity({ tableName: 'city_support' })
export class CitySupport {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @ManyToOne('District', { ref: true, index: true })
  district!: Ref<District>;

  @Field(() => CitySupportKind)
  @Enum({ items: () => CitySupportKind })
  kind!: CitySupportKind;

  @Field(() => Int)
  @Property()
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Amount in won; null for support in kind.' })
  @Property({ type: 'integer', nullable: true })
  amountKrw!: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
