import type { SubgraphContext } from '../../lib/subgraph/context';
import type { SubgraphDefinition } from '../../lib/subgraph/subgraph-server';
import { DistrictLibrariesResolver, DongLibrariesResolver } from './district.resolver';
import { seedLibraries } from './libraries.seed';
import { Library } from './library.entity';
import { LibraryProfileMutation, LibrarySpaceMutations } from './library.mutation';
import { LibraryResolver, LibrarySpaceResolver } from './library.resolver';
import { LibrarySpace } from './library-space.entity';
import { migrations } from './migrations';

/** Public and small libraries and the library spaces open to residents. */
export const librariesSubgraph: SubgraphDefinition = {
  subgraph: 'libraries',
  entities: [Library, LibrarySpace],
  migrations,
  resolvers: [LibraryResolver, LibrarySpaceResolver, DistrictLibrariesResolver, DongLibrariesResolver, LibraryProfileMutation, LibrarySpaceMutations],
  referenceResolvers: {
    Library: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(Library).load(ref.id) },
    LibrarySpace: { __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(LibrarySpace).load(ref.id) },
  },
  seed: seedLibraries,
};
