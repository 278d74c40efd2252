import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { GeoPoint, geoPoint } from '../../../lib/subgraph/geo-point';
import { DateScalar } from '../../../lib/subgraph/scalars';
import type { District } from './district.entity';
import type { Dong } from './dong.entity';
import { VENUE_TYPENAMES, type VenueTypename } from '../../../lib/typenames';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

/** A Neighborhood Learning Center (동네배움터): one per dong, run by the district. */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A Neighborhood Learning Center (동네배움터), one in every dong. In the demonstration seed these are generated (provenance GENERATED).',
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

  @Field(() => DateScalar, { nullable: true })
  @Property({ length: 10, nullable: true })
  openedOn!: string | null;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
