/**
 * Where each subgraph's definition lives. Loaded one at a time: every
 * subgraph declares its own stub classes for shared entities (District, Dong,
 * ...), so a process holds exactly one subgraph's type-graphql metadata.
 */
import type { SubgraphName } from '../lib/config';
import type { SubgraphDefinition } from '../lib/subgraph/subgraph-server';

const MODULES: Record<SubgraphName, { path: string; exportName: string }> = {
  centers: { path: './centers/index', exportName: 'centersSubgraph' },
  schools: { path: './schools/index', exportName: 'schoolsSubgraph' },
  libraries: { path: './libraries/index', exportName: 'librariesSubgraph' },
  'cultural-centers': { path: './cultural-centers/index', exportName: 'culturalCentersSubgraph' },
  'civil-providers': { path: './civil-providers/index', exportName: 'civilProvidersSubgraph' },
};

export function loadSubgraph(name: SubgraphName): SubgraphDefinition {
  const { path, exportName } = MODULES[name];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path) as Record<string, SubgraphDefinition>)[exportName];
}
