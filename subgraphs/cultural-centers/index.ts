import { byKey } from '../../lib/subgraph/federation';
import type { SubgraphDefinition } from '../../lib/subgraph/subgraph-server';
import { CulturalCenter } from './cultural-center.entity';
import { CulturalCenterProfileMutation, CulturalSpaceMutations } from './cultural-center.mutation';
import { CulturalCenterResolver, culturalSpaceResolvers } from './cultural-center.resolver';
import { seedCulturalCenters } from './cultural-centers.seed';
import { CulturalSpace } from './cultural-space.entity';
import { districtCulturalCentersResolvers } from './district.resolver';
import { migrations } from './migrations';
import { provenanceBackfill } from '../../lib/subgraph/provenance';

/** Cultural centers, arts centers, museums and the like, with the spaces they open to programs. */
export const culturalCentersSubgraph: SubgraphDefinition = {
  subgraph: 'cultural-centers',
  entities: [CulturalCenter, CulturalSpace],
  migrations,
  sqliteBackfills: [
    // Rows from before the provenance column (lib/subgraph/provenance.ts): its migration runs the same SQL.
    provenanceBackfill('cultural_center', 'SEOUL_CULTURAL_SPACES'),
    provenanceBackfill('cultural_space', { apiIds: '%-R%' }),
  ],
  resolvers: [
    CulturalCenterResolver,
    ...culturalSpaceResolvers,
    ...districtCulturalCentersResolvers,
    CulturalCenterProfileMutation,
    CulturalSpaceMutations,
  ],
  referenceResolvers: {
    CulturalCenter: byKey(CulturalCenter),
    CulturalSpace: byKey(CulturalSpace),
  },
  seed: seedCulturalCenters,
};
