/**
 * What every institution subgraph answers alike: `<one>(id)` through the request's loader and
 * `<many>(filter, first, after)` in name order; for a place (School, Library, CulturalCenter) also its
 * district and dong, as stubs the centers subgraph completes. Each subgraph declares its own filter input
 * (its fields and their descriptions are its schema) and extends the class `InstitutionResolver` or
 * `PlaceResolver` returns with the fields only it has.
 */
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { SubgraphContext } from './context';
import { District, Dong, districtRef, dongRef } from './district.stub';
import type { Place } from './place.entity';
import { ConnectionArgs, NAME_ORDER, paginate, type Connection, type SortOrder } from './relay';
import { containsText } from './text';

/**
 * How a filter field narrows the list, for a field that is not "this column equals the value"
 * (`nameContains` is built in: part of the name, case-insensitive).
 */
export type FilterConditions<F, T> = { [K in keyof F]?: (value: NonNullable<F[K]>) => FilterQuery<T> };

export interface InstitutionResolverSpec<T extends { id: string; name: string }, F extends object> {
  entity: EntityClass<T> & ClassType<T>;
  connection: ClassType<Connection<T>>;
  /** The filter input of the list query. */
  filter: ClassType<F>;
  /** The query of one by id ("school") and of the list ("schools"), with the list's description. */
  queries: { one: string; many: string; manyDescription?: string };
  conditions?: FilterConditions<F, T>;
}

/** Every given filter field must hold; a field left out, null or empty asks for nothing. */
function filterWhere<F extends object, T>(
  filter: F | undefined,
  conditions: FilterConditions<F, T> = {},
): FilterQuery<T> {
  const where: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(filter ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    const condition = (conditions as Record<string, ((value: unknown) => object) | undefined>)[field];
    if (condition) Object.assign(where, condition(value));
    else if (field === 'nameContains') Object.assign(where, containsText('name', value as string));
    else where[field] = value;
  }
  return where as FilterQuery<T>;
}

export function InstitutionResolver<T extends { id: string; name: string }, F extends object>(
  spec: InstitutionResolverSpec<T, F>,
) {
  @Resolver(() => spec.entity)
  abstract class InstitutionQueries {
    @Query(() => spec.entity, { name: spec.queries.one, nullable: true })
    one(@Arg('id', () => ID) id: string, @Ctx() { loaders }: SubgraphContext): Promise<T | null> {
      return loaders.byId(spec.entity).load(id);
    }

    @Query(() => spec.connection, { name: spec.queries.many, description: spec.queries.manyDescription })
    many(
      @Arg('filter', () => spec.filter, { nullable: true }) filter: F | undefined,
      @Args() page: ConnectionArgs,
      @Ctx() { em }: SubgraphContext,
    ): Promise<Connection<T>> {
      return paginate(em, spec.entity, filterWhere(filter, spec.conditions), page, NAME_ORDER as SortOrder<T>);
    }
  }
  return InstitutionQueries;
}

/** `InstitutionResolver` of a place, with its district and dong; `noun` names it in their descriptions ("school"). */
export function PlaceResolver<T extends Place, F extends object>(
  spec: InstitutionResolverSpec<T, F> & { noun: string },
) {
  @Resolver(() => spec.entity)
  abstract class PlaceFieldsResolver extends InstitutionResolver(spec) {
    @FieldResolver(() => District, {
      nullable: true,
      description: `The district the ${spec.noun} lies in (null only when the centers subgraph cannot answer).`,
    })
    district(@Root() place: T): District | null {
      return districtRef(place.districtCode);
    }

    @FieldResolver(() => Dong, { nullable: true, description: `The dong the ${spec.noun} lies in (point in polygon).` })
    dong(@Root() place: T): Dong | null {
      return dongRef(place.dongCode);
    }
  }
  return PlaceFieldsResolver;
}
