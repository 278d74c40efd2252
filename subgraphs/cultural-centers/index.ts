import type { SubgraphContext } from '../../lib/subgraph/context';
import type { SubgraphDefinition } from '../../lib/subgraph/subgraph-server';
import { CulturalCenter } from './cultural-center.entity';
import { CulturalCenterProfileMutation, CulturalSpaceMutations } from './cultural-center.mutation';
import { CulturalCenterResolver, CulturalSpaceResolver } from './cultural-center.resolver';
import { seedCulturalCenters } from './cultural-centers.seed';
import { CulturalSpace } from './cultural-space.entity';
import { DistrictCulturalCentersResolver, DongCulturalCentersResolver } from './district.resolver';
import { migrations } from './migrations';

/** Cultural centers, arts centers, museums and the like, with the spaces they open to programs. */
export const culturalCentersSubgraph: SubgraphDefinition = {
  subgraph: 'cultural-centers',
  entities: [CulturalCenter, CulturalSpace],
  migrations,
  resolvers: [
    CulturalCenterResolver, CulturalSpaceResolver, DistrictCulturalCentersResolver, DongCulturalCentersResolver,
    CulturalCenterProfileMutation, CulturalSpaceMutations,
  ],
  referenceResolvers: {
    CulturalCenter: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(CulturalCenter).load(ref.id),
    },
    CulturalSpace: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(CulturalSpace).load(ref.id),
    },
  },
  seed: seedCulturalCenters,
};
