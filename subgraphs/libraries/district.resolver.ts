import { districtPlacesResolvers } from '../../lib/subgraph/district.resolver';
import { LibraryConnection } from './library.connection';
import { Library } from './library.entity';

/** `District.libraries` and `Dong.libraries`. */
export const districtLibrariesResolvers = districtPlacesResolvers({
  entity: Library,
  connection: LibraryConnection,
  field: 'libraries',
  districtDescription: 'Libraries in the district, by name.',
  dongDescription: 'Libraries located in the dong, by name.',
});
