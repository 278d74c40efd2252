import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../lib/subgraph/scalars';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

export enum CooperationStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  ENDED = 'ENDED',
}
registerEnumType(CooperationStatus, {
  name: 'CooperationStatus',
  description: "Where a district stands in the city's cooperation model.",
  valuesConfig: {
    ACTIVE: { description: 'The district takes part and may ask the city for support.' },
    SUSPENDED: { description: 'Paused by the city: the district asks for no support until it is active again.' },
    ENDED: { description: 'The district left the cooperation model.' },
  },
});

/**
 * A district's cooperation agreement with the city (지역 협력 모델): one per district, recorded by the city.
 * In the real model all 25 districts took part; the seed's dates are generated demonstration data.
 */
@ObjectType({
  description:
    "A district's agreement to take part in the city's cooperation model (one per district, kept by the city). All 25 districts took part; in the demonstration seed the agreements are generated (provenance GENERATED).",
})
@Entity({ tableName: 'cooperation_agreement' })
export class CooperationAgreement {
  [PrimaryKeyProp]?: 'districtCode';

  /** The district's code: one agreement per district (the mutation checks that the district exists). */
  @PrimaryKey({ length: 5 })
  districtCode!: string;

  @Field(() => DateScalar, { description: 'The day the district joined the cooperation model.' })
  @Property({ length: 10 })
  since!: string;

  @Field(() => CooperationStatus)
  @Enum({ items: () => CooperationStatus })
  status!: CooperationStatus;

  @Field(() => String, { nullable: true, description: "The city's note on the agreement." })
  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the city last recorded it.' })
  @Property({ length: 32 })
  updatedAt!: string;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
