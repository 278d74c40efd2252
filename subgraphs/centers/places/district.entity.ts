import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { GeoPoint, geoPoint } from '../../../lib/subgraph/geo-point';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

/** One of Seoul's 25 autonomous districts (gu); they run the learning centers of their dongs. */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'An autonomous district (gu) of Seoul.' })
@Entity({ tableName: 'district' })
export class District {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'The 5-digit district code, e.g. "11680".' })
  @PrimaryKey({ length: 5 })
  code!: string;

  @Field()
  @Property()
  nameKo!: string;

  @Field()
  @Property()
  nameEn!: string;

  @Property({ type: 'double' })
  lat!: number;

  @Property({ type: 'double' })
  lng!: number;

  @Field(() => GeoPoint, { description: 'A point inside the district.' })
  get location(): GeoPoint {
    return geoPoint(this);
  }

  @Field(() => Float, { description: 'Area in square kilometres.' })
  @Property({ type: 'double' })
  areaKm2!: number;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
