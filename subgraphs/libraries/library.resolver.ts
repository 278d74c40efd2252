import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../lib/subgraph/context';
import { PlaceResolver } from '../../lib/subgraph/place.resolver';
import { ConnectionArgs, NAME_ORDER, paginate, type Connection } from '../../lib/subgraph/relay';
import { LibraryConnection } from './library.connection';
import { Library, LibraryKind } from './library.entity';
import { LibrarySpace } from './library-space.entity';
import { containsText } from '../../lib/subgraph/text';

@InputType({ description: 'All given conditions must hold.' })
export class LibraryFilter {
  @Field(() => ID, { nullable: true, description: 'A 5-digit district code, e.g. "11680".' }) districtCode?: string;
  @Field(() => ID, { nullable: true, description: 'A 10-digit dong code, e.g. "1168064000".' }) dongCode?: string;
  @Field(() => LibraryKind, { nullable: true }) kind?: LibraryKind;
  @Field({ nullable: true, description: 'Part of the library name.' }) nameContains?: string;
}

export function libraryWhere(filter: LibraryFilter | undefined): FilterQuery<Library> {
  const where: FilterQuery<Library> & Record<string, unknown> = {};
  if (filter?.districtCode) where.districtCode = filter.districtCode;
  if (filter?.dongCode) where.dongCode = filter.dongCode;
  if (filter?.kind) where.kind = filter.kind;
  // LIKE wildcards in the user's text are matched literally
  if (filter?.nameContains) Object.assign(where, containsText('name', filter.nameContains));
  return where;
}

@Resolver(() => Library)
export class LibraryResolver extends PlaceResolver(Library, 'library') {
  @Query(() => Library, { nullable: true })
  library(@Arg('id', () => ID) id: string, @Ctx() { loaders }: SubgraphContext): Promise<Library | null> {
    return loaders.byId(Library).load(id);
  }

  @Query(() => LibraryConnection, { description: 'Libraries matching the filter, by name then id.' })
  libraries(
    @Arg('filter', () => LibraryFilter, { nullable: true }) filter: LibraryFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() { em }: SubgraphContext,
  ): Promise<Connection<Library>> {
    return paginate(em, Library, libraryWhere(filter), page, NAME_ORDER);
  }

  @FieldResolver(() => [LibrarySpace], { description: 'Rooms open to residents, by name (removed rooms are left out).' })
  spaces(@Root() library: Library, @Ctx() { loaders }: SubgraphContext): Promise<LibrarySpace[]> {
    return loaders.listBy(LibrarySpace, 'library', NAME_ORDER, { removedAt: null }).load(library.id);
  }
}

@Resolver(() => LibrarySpace)
export class LibrarySpaceResolver {
  @FieldResolver(() => Library)
  async library(@Root() space: LibrarySpace, @Ctx() { loaders }: SubgraphContext): Promise<Library> {
    return (await loaders.byId(Library).load(space.library.id))!;
  }
}
