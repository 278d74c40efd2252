import type { EntityClass } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { SubgraphContext } from './context';
import { District, Dong } from './district.stub';
import type { Place } from './place.entity';
import { ConnectionArgs, NAME_ORDER, type Connection, type SortOrder } from './relay';

export interface DistrictPlacesSpec<T extends Place> {
  entity: EntityClass<T> & ClassType<T>;
  connection: ClassType<Connection<T>>;
  /** The field both stubs get, e.g. "schools". */
  field: string;
  districtDescription?: string;
  dongDescription?: string;
}

/**
 * A place subgraph's contribution to the centers subgraph's District and Dong: `District.<field>`, a page of its
 * places in the district, and `Dong.<field>`, all of them in the dong, by name (nullable, as a contributed field
 * must be: lib/partial-answers.ts).
 */
export function districtPlacesResolvers<T extends Place>(spec: DistrictPlacesSpec<T>) {
  @Resolver(() => District)
  class DistrictPlacesResolver {
    @FieldResolver(() => spec.connection, { name: spec.field, nullable: true, description: spec.districtDescription })
    places(
      @Root() district: District,
      @Args() page: ConnectionArgs,
      @Ctx() { loaders }: SubgraphContext,
    ): Promise<Connection<T>> {
      return loaders.connectionBy(spec.entity, 'districtCode', page, NAME_ORDER as SortOrder<T>).load(district.code);
    }
  }

  @Resolver(() => Dong)
  class DongPlacesResolver {
    @FieldResolver(() => [spec.entity], { name: spec.field, nullable: true, description: spec.dongDescription })
    places(@Root() dong: Dong, @Ctx() { loaders }: SubgraphContext): Promise<T[]> {
      return loaders.listBy(spec.entity, 'dongCode', NAME_ORDER as SortOrder<T>).load(dong.code);
    }
  }

  return [DistrictPlacesResolver, DongPlacesResolver] as const;
}
