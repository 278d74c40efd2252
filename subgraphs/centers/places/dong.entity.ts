import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { GeoPoint, geoPoint } from '../../../lib/subgraph/geo-point';
import type { District } from './district.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

/** An administrative dong; every dong has one Neighborhood Learning Center. */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'An administrative dong (행정동) of Seoul.' })
@Entity({ tableName: 'dong' })
export class Dong {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'The 10-digit administrative code, e.g. "1168064000".' })
  @PrimaryKey({ length: 10 })
  code!: string;

  @Field()
  @Property()
  nameKo!: string;

  @Field()
  @Property()
  nameEn!: string;

  @ManyToOne('District', { ref: true, index: true })
  district!: Ref<District>;

  @Property({ type: 'double' })
  lat!: number;

  @Property({ type: 'double' })
  lng!: number;

  @Field(() => GeoPoint, { description: 'A point inside the dong.' })
  get location(): GeoPoint {
    return geoPoint(this);
  }

  @Field(() => Float, { nullable: true, description: 'Area in square kilometres; null for dongs split since 2021.' })
  @Property({ type: 'double', nullable: true })
  areaKm2!: number | null;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
