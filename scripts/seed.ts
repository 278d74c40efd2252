/**
 * `npm run seed -- [--programs N] [--seed S] [--only <subgraph>] [--real-only]`: recreates
 * the subgraph databases and seeds them with the network of that size (`--real-only`, or SEED_MODE=real-only: the
 * real public registries alone, no generated demonstration data). Each
 * subgraph is seeded by a process of its own, in parallel.
 */
import './development-mode';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { SUBGRAPH_NAMES, loadConfig, type SubgraphName } from '../lib/config';
import { dropDatabase, openDatabase } from '../lib/subgraph/orm';
import { entitiesOf, seedDatabase } from '../lib/subgraph/subgraph-server';
import { loadSubgraph } from '../subgraphs/registry';

async function seedOne(name: SubgraphName): Promise<void> {
  const config = loadConfig();
  await dropDatabase(name, config);
  const definition = loadSubgraph(name);
  const started = Date.now();
  const orm = await openDatabase(entitiesOf(definition), config);
  try {
    await seedDatabase(orm, definition, config);
  } finally {
    await orm.close(true);
  }
  console.log(`${name.padEnd(16)} seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      programs: { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      'real-only': { type: 'boolean' },
      child: { type: 'string' },
    },
  });
  if (values.child) return seedOne(values.child as SubgraphName);

  const env = { ...process.env };
  if (values.programs !== undefined) env.SEED_PROGRAMS = values.programs;
  if (values.seed !== undefined) env.SEED = values.seed;
  if (values['real-only']) env.SEED_MODE = 'real-only';
  const config = loadConfig(env); // validates --programs and --seed before anything is dropped
  const targets = values.only ? [values.only as SubgraphName] : [...SUBGRAPH_NAMES];
  if (!targets.every((name) => SUBGRAPH_NAMES.includes(name)))
    throw new Error(`--only must be one of ${SUBGRAPH_NAMES.join(', ')}`);
  console.log(
    `Seeding ${targets.join(', ')} ${config.seed.mode === 'real-only' ? 'with the real registries only' : `with ${config.seed.programs} programs (seed ${config.seed.seed})`} on ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`} ...`,
  );
  await Promise.all(
    targets.map((name) =>
      promisify(execFile)(process.execPath, ['-r', join(__dirname, 'register.js'), __filename, '--child', name], {
        env,
        maxBuffer: 64 * 1024 * 1024,
      }).then(({ stdout }) => process.stdout.write(stdout)),
    ),
  );
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
