import { byKey } from '../../lib/subgraph/federation';
import type { SubgraphDefinition } from '../../lib/subgraph/subgraph-server';
import { districtLibrariesResolvers } from './district.resolver';
import { seedLibraries } from './libraries.seed';
import { Library } from './library.entity';
import { LibraryProfileMutation, LibrarySpaceMutations } from './library.mutation';
import { LibraryResolver, librarySpaceResolvers } from './library.resolver';
import { LibrarySpace } from './library-space.entity';
import { migrations } from './migrations';

/** Public and small libraries and the library spaces open to residents. */
export const librariesSubgraph: SubgraphDefinition = {
  subgraph: 'libraries',
  entities: [Library, LibrarySpace],
  migrations,
  resolvers: [
    LibraryResolver,
    ...librarySpaceResolvers,
    ...districtLibrariesResolvers,
    LibraryProfileMutation,
    LibrarySpaceMutations,
  ],
  referenceResolvers: {
    Library: byKey(Library),
    LibrarySpace: byKey(LibrarySpace),
  },
  seed: seedLibraries,
};
