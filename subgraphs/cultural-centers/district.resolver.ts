import { districtPlacesResolvers } from '../../lib/subgraph/district.resolver';
import { CulturalCenterConnection } from './cultural-center.connection';
import { CulturalCenter } from './cultural-center.entity';

/** `District.culturalCenters` and `Dong.culturalCenters`. */
export const districtCulturalCentersResolvers = districtPlacesResolvers({
  entity: CulturalCenter,
  connection: CulturalCenterConnection,
  field: 'culturalCenters',
  districtDescription: 'Cultural centers of the district, by name.',
  dongDescription: 'Cultural centers located in the dong, by name.',
});
