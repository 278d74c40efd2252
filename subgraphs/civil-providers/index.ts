import { byKey } from '../../lib/subgraph/federation';
import type { SubgraphDefinition } from '../../lib/subgraph/subgraph-server';
import { CivilProvider } from './civil-provider.entity';
import { CivilProviderMutationResolver } from './civil-provider.mutation';
import { CivilProviderResolver } from './civil-provider.resolver';
import { seedCivilProviders } from './civil-providers.seed';
import { DistrictCivilProvidersResolver } from './district.resolver';
import { migrations } from './migrations';
import { ServedArea } from './served-area.entity';
import { provenanceBackfill } from '../../lib/subgraph/provenance';

/** Civil lifelong-learning program providers, their certification and the districts they serve. */
export const civilProvidersSubgraph: SubgraphDefinition = {
  subgraph: 'civil-providers',
  entities: [CivilProvider, ServedArea],
  migrations,
  sqliteBackfills: [
    // Rows from before the provenance column (lib/subgraph/provenance.ts): its migration runs the same SQL.
    provenanceBackfill('civil_provider', { apiIds: 'CP-%' }),
  ],
  resolvers: [CivilProviderResolver, DistrictCivilProvidersResolver, CivilProviderMutationResolver],
  referenceResolvers: {
    CivilProvider: byKey(CivilProvider),
  },
  seed: seedCivilProviders,
};
