import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GeoPoint, geoPoint } from './geo-point';
import { ProvenanceColumn, type SourceColumn } from './provenance';

/**
 * What every institution on the map has (School, Library, CulturalCenter): its
 * key, name, district and dong (keys of the centers subgraph's entities), point
 * and contact details. Each entity extends it with its table, key directive and
 * its own columns; one that words a field's description differently or needs a
 * longer column redeclares that field alone.
 *
 * GraphQL lists these fields before the subclass's own ones. No field returns a
 * Place, so the type itself stays out of the schema.
 */
@ObjectType()
@Entity({ abstract: true })
@Index({ properties: ['name', 'id'] }) // NAME_ORDER (lib/subgraph/relay.ts)
export abstract class Place {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @Property({ length: 5, index: true })
  districtCode!: string;

  @Property({ length: 10, nullable: true, index: true })
  dongCode!: string | null;

  @Property({ type: 'double' })
  lat!: number;

  @Property({ type: 'double' })
  lng!: number;

  @Field(() => GeoPoint)
  get location(): GeoPoint {
    return geoPoint(this);
  }

  @Field(() => String, { nullable: true, description: 'Road address.' })
  @Property({ nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 32, nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Web site URL.' })
  @Property({ nullable: true })
  homepage!: string | null;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
