import { Field, ID, InputType, Resolver } from 'type-graphql';
import { PlaceResolver } from '../../lib/subgraph/institution.resolver';
import { spaceResolvers } from '../../lib/subgraph/space.resolver';
import { LibraryConnection } from './library.connection';
import { Library, LibraryKind } from './library.entity';
import { LibrarySpace } from './library-space.entity';

@InputType({ description: 'All given conditions must hold.' })
class LibraryFilter {
  @Field(() => ID, { nullable: true, description: 'A 5-digit district code, e.g. "11680".' }) districtCode?: string;
  @Field(() => ID, { nullable: true, description: 'A 10-digit dong code, e.g. "1168064000".' }) dongCode?: string;
  @Field(() => LibraryKind, { nullable: true }) kind?: LibraryKind;
  @Field({ nullable: true, description: 'Part of the library name.' }) nameContains?: string;
}

@Resolver(() => Library)
export class LibraryResolver extends PlaceResolver({
  entity: Library,
  connection: LibraryConnection,
  filter: LibraryFilter,
  queries: { one: 'library', many: 'libraries', manyDescription: 'Libraries matching the filter, by name then id.' },
  noun: 'library',
}) {}

/** `Library.spaces` and `LibrarySpace.library`. */
export const librarySpaceResolvers = spaceResolvers({
  owner: Library,
  space: LibrarySpace,
  ownerProperty: 'library',
  description: 'Rooms open to residents, by name (removed rooms are left out).',
});
