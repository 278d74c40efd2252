import type { SubgraphContext } from '../../lib/subgraph/context';
import type { SubgraphDefinition } from '../../lib/subgraph/subgraph-server';
import { CivilProvider } from './civil-provider.entity';
import { CivilProviderMutationResolver } from './civil-provider.mutation';
import { CivilProviderResolver } from './civil-provider.resolver';
import { seedCivilProviders } from './civil-providers.seed';
import { DistrictCivilProvidersResolver } from './district.resolver';
import { migrations } from './migrations';
import { ServedArea } from './served-area.entity';

/** Civil lifelong-learning program providers, their certification and the districts they serve. */
export const civilProvidersSubgraph: SubgraphDefinition = {
  subgraph: 'civil-providers',
  entities: [CivilProvider, ServedArea],
  migrations,
  resolvers: [CivilProviderResolver, DistrictCivilProvidersResolver, CivilProviderMutationResolver],
  referenceResolvers: {
    CivilProvider: {
      __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => ctx.loaders.byId(CivilProvider).load(ref.id),
    },
  },
  seed: seedCivilProviders,
};
