import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint, geoPoint } from '../../../lib/subgraph/geo-point';
import { DateScalar } from '../../../lib/subgraph/scalars';
import type { District } from './district.entity';
import type { Dong } from './dong.entity';
import { VENUE_TYPENAMES, type VenueTypename } from '../../../lib/typenames';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

/** The city's plan puts a center in every dong, and a few more where people work. */
export enum LearningCenterKind {
  DONG_CENTER = 'DONG_CENTER',
  NEAR_WORKPLACE_CENTER = 'NEAR_WORKPLACE_CENTER',
}
registerEnumType(LearningCenterKind, {
  name: 'LearningCenterKind',
  description: "Which part of the city's plan a learning center serves.",
  valuesConfig: {
    DONG_CENTER: {
      description:
        'A dong center (동네배움터): the center of its dong, within walking distance of residents; the city planned one in every dong from 2019 to the end of 2022.',
    },
    NEAR_WORKPLACE_CENTER: {
      description:
        'A near-workplace center (직장인 근처 배움터): an extra center near offices, for people who work in the dong, open after working hours; opened after the dong centers.',
    },
  },
});

/** Where residents read a center's contact details; the limits updateLearningCenter enforces. */
export const CENTER_CONTACT_LIMITS = {
  address: { max: 200 },
  phone: { max: 20 },
  openingHours: { max: 200 },
  accessibilityNotes: { max: 500 },
} as const;

const GENERATED = 'In the demonstration data it is generated.';

/** A Neighborhood Learning Center (동네배움터): one per dong, run by the district. */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A Neighborhood Learning Center (동네배움터): one in every dong (a dong center), and a few near workplaces. In the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'learning_center' })
@Index({ properties: ['name', 'id'] })
export class LearningCenter {
  @Field(() => ID)
  @PrimaryKey({ length: 32 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @ManyToOne('Dong', { ref: true, index: true })
  dong!: Ref<Dong>;

  @ManyToOne('District', { ref: true, index: true })
  district!: Ref<District>;

  @Property({ type: 'double' })
  lat!: number;

  @Property({ type: 'double' })
  lng!: number;

  @Field(() => GeoPoint)
  get location(): GeoPoint {
    return geoPoint(this);
  }

  /** The room the center runs in, owned by whichever institution hosts it. */
  @Enum({ items: [...VENUE_TYPENAMES], nullable: true })
  venueType!: VenueTypename | null;

  @Property({ length: 32, nullable: true })
  venueId!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: `The day the center opened; null when unknown (then coverage counts it as open on every day). ${GENERATED}`,
  })
  @Property({ length: 10, nullable: true })
  openedOn!: string | null;

  @Field(() => LearningCenterKind)
  @Enum({ items: () => LearningCenterKind, default: LearningCenterKind.DONG_CENTER })
  kind: LearningCenterKind = LearningCenterKind.DONG_CENTER;

  @Field(() => String, {
    nullable: true,
    description:
      "The street address residents go to. In the demonstration data it is the hosting institution's real address where the center is hosted, otherwise generated.",
  })
  @Property({ length: CENTER_CONTACT_LIMITS.address.max, nullable: true })
  address: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: `The phone number residents call, e.g. "02-2133-1234". ${GENERATED}`,
  })
  @Property({ length: CENTER_CONTACT_LIMITS.phone.max, nullable: true })
  phone: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: `When the center is open, in words, e.g. "평일 09:00-18:00". ${GENERATED}`,
  })
  @Property({ length: CENTER_CONTACT_LIMITS.openingHours.max, nullable: true })
  openingHours: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: `How to reach and use the center with a disability (step-free entrance, lift, accessible toilet, ...). ${GENERATED}`,
  })
  @Property({ length: CENTER_CONTACT_LIMITS.accessibilityNotes.max, nullable: true })
  accessibilityNotes: string | null = null;
  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
