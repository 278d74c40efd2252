/**
 * `npm start`: the whole hub on this machine — five subgraphs and the gateway,
 * each its own process, on embedded SQLite unless DATABASE_URL is set. The
 * first start creates and seeds the databases.
 */
import { existsSync } from 'node:fs';
import { loadConfig, ConfigError } from '../lib/config';
import { launchStack, type ServiceName } from './stack';
import { SUPERGRAPH_PATH } from '../gateway/gateway';

const PAD = 16;

async function main(): Promise<void> {
  // `npm start` is the development launcher: it asks for development mode (and its public secrets) explicitly,
  // where a service started on its own is a production service. NODE_ENV=production npm start keeps production.
  process.env.NODE_ENV ??= 'development';
  const config = loadConfig();
  if (!existsSync(SUPERGRAPH_PATH)) throw new Error('schema/supergraph.graphql is missing: run `npm run compose`.');
  const started = Date.now();
  console.log(`Starting Baeumteo on ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`} ...`);
  const stack = await launchStack({
    env: process.env,
    onLine: (service: ServiceName, line: string) => console.log(`${`[${service}]`.padEnd(PAD)}${line}`),
  });
  const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  console.log(
    [
      '',
      `Baeumteo is up in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      `  GraphQL API      http://${host}:${config.gatewayPort}/graphql`,
      `  health / ready   http://${host}:${config.gatewayPort}/health  http://${host}:${config.gatewayPort}/ready`,
      `  try              curl -s http://${host}:${config.gatewayPort}/graphql -H 'content-type: application/json' -d '{"query":"{ districts { code nameEn } }"}'`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping Baeumteo ...');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `Baeumteo failed to start: ${(error as Error).message}`);
  process.exit(1);
});
