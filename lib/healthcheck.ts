/**
 * The image's HEALTHCHECK (`node dist/lib/healthcheck.js [service]`): exits 0 when the service answers GET /ready on
 * its port, 1 otherwise. The service is the argument, or else the container's main process
 * (`node dist/subgraphs/<name>/main.js` in /proc/1/cmdline); its port comes from the same configuration the
 * service started with. Plain Node: the image needs no curl.
 */
import { readFileSync } from 'node:fs';
import { SUBGRAPH_NAMES, loadConfig, type SubgraphName } from './config';

function serviceOfThisContainer(): SubgraphName | 'gateway' {
  const command = readFileSync('/proc/1/cmdline', 'utf8');
  return SUBGRAPH_NAMES.find((name) => command.includes(`subgraphs/${name}/main`)) ?? 'gateway';
}

async function main(): Promise<void> {
  const service = (process.argv[2] as SubgraphName | 'gateway' | undefined) ?? serviceOfThisContainer();
  const config = loadConfig();
  const port = service === 'gateway' ? config.gatewayPort : config.subgraphs[service]?.port;
  if (port === undefined) throw new Error(`unknown service ${service}`);
  const response = await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(4000) });
  if (!response.ok) throw new Error(`${service} on port ${port}: /ready answered ${response.status}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`unhealthy: ${error.message}`);
    process.exit(1);
  },
);
