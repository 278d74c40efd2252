import { FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { District, Dong, districtRef, dongRef } from './district.stub';
import type { Place } from './place.entity';

/**
 * The district and dong of a place, as stubs the centers subgraph completes.
 * A subgraph's resolver of its place entity extends `PlaceResolver(Entity, noun)`;
 * `noun` names the place in the descriptions ("school").
 */
export function PlaceResolver<T extends Place>(entity: ClassType<T>, noun: string) {
  @Resolver(() => entity)
  abstract class PlaceFieldsResolver {
    @FieldResolver(() => District, { nullable: true, description: `The district the ${noun} lies in (null only when the centers subgraph cannot answer).` })
    district(@Root() place: T): District | null {
      return districtRef(place.districtCode);
    }

    @FieldResolver(() => Dong, { nullable: true, description: `The dong the ${noun} lies in (point in polygon).` })
    dong(@Root() place: T): Dong | null {
      return dongRef(place.dongCode);
    }
  }
  return PlaceFieldsResolver;
}
