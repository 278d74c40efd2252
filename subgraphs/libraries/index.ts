import { byKey } from '../../lib/subgraph/federation';
import type { SubgraphDefinition } from '../../lib/subgraph/subgraph-server';
import { districtLibrariesResolvers } from './district.resolver';
import { seedLibraries } from './libraries.seed';
import { Library } from './library.entity';
import { LibraryProfileMutation, LibrarySpaceMutations } from './library.mutation';
import { LibraryResolver, librarySpaceResolvers } from './library.resolver';
import { LibrarySpace } from './library-space.entity';
import { migrations } from './migrations';
import { provenanceBackfill } from '../../lib/subgraph/provenance';

/** Public and small libraries and the library spaces open to residents. */
export const librariesSubgraph: SubgraphDefinition = {
  subgraph: 'libraries',
  entities: [Library, LibrarySpace],
  migrations,
  sqliteBackfills: [
    // Rows from before the provenance column (lib/subgraph/provenance.ts): its migration runs the same SQL.
    provenanceBackfill('library', 'SEOUL_LIBRARIES'),
    provenanceBackfill('library_space', { apiIds: '%-R%' }),
  ],
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
