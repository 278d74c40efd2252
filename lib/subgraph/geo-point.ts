import { Directive, Field, Float, ObjectType } from 'type-graphql';

/**
 * WGS84 coordinates, @shareable because every subgraph returns them.
 *
 * Not a MikroORM embeddable: `em.insertMany` (used to seed) does not flatten
 * embeddables. Entities keep plain `lat`/`lng` columns and expose the point:
 *
 *   @Property({ type: 'double' }) lat!: number;
 *   @Property({ type: 'double' }) lng!: number;
 *   @Field(() => GeoPoint) get location(): GeoPoint { return geoPoint(this); }
 */
@Directive('@shareable')
@ObjectType({ description: 'A WGS84 point.' })
export class GeoPoint {
  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lng!: number;
}

export function geoPoint({ lat, lng }: { lat: number; lng: number }): GeoPoint {
  return Object.assign(new GeoPoint(), { lat, lng });
}
