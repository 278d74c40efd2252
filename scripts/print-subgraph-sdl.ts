// Prints one subgraph's SDL on stdout (used by compose, one process per subgraph).
import { buildFederatedSchema, printFederatedSchema } from '../lib/subgraph/federation';
import { SUBGRAPH_NAMES, type SubgraphName } from '../lib/config';
import { loadSubgraph } from '../subgraphs/registry';

const name = process.argv[2] as SubgraphName;
if (!SUBGRAPH_NAMES.includes(name)) {
  console.error(`usage: print-subgraph-sdl <${SUBGRAPH_NAMES.join('|')}>`);
  process.exit(2);
}
buildFederatedSchema(loadSubgraph(name))
  .then((schema) => process.stdout.write(printFederatedSchema(schema)))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
