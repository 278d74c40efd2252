// Hive Gateway over the same supergraph and subgraphs, for the side-by-side run of `npm run bench`.
// Input (environment): HIVE_PORT, SUPERGRAPH_PATH, SUBGRAPHS = JSON [{ name, url, gatewaySecret }].
// Runs in its own process, as our gateway does, with its defaults (no response cache).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

const subgraphs = JSON.parse(process.env.SUBGRAPHS);
let supergraph = readFileSync(process.env.SUPERGRAPH_PATH, 'utf8');
// The committed supergraph names the default ports; point it at this run's subgraphs.
for (const { name, url } of subgraphs) {
  supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
}

const gateway = createGatewayRuntime({
  supergraph,
  logging: 'error',
  graphiql: false,
  landingPage: false,
  // Each subgraph answers only a caller with its gateway secret.
  transportEntries: Object.fromEntries(subgraphs.map(({ name, gatewaySecret }) => [name, { headers: [['x-gateway-secret', gatewaySecret]] }])),
});

const server = createServer(gateway);
server.listen(Number(process.env.HIVE_PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
