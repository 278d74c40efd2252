/**
 * `npm run migrations -- create <subgraph|all>`: writes the PostgreSQL
 * migration that brings a database migrated so far up to the current
 * entities, into subgraphs/<name>/migrations/, and re-lists them in index.ts.
 * It diffs against a scratch database (`<DATABASE_URL db>_migrations_<name>`).
 * `npm run migrations -- check <subgraph|all>` exits 1 when entities changed
 * without a migration.
 */
import './development-mode';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { SUBGRAPH_NAMES, loadConfig, type SubgraphName } from '../lib/config';
import { databaseOptions, dropPostgresDatabase, postgresDatabaseName, type Orm } from '../lib/subgraph/orm';
import { entitiesOf } from '../lib/subgraph/subgraph-server';
import { loadSubgraph } from '../subgraphs/registry';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/baeumteo';

function migrationsDir(name: SubgraphName): string {
  return join(__dirname, '..', 'subgraphs', name, 'migrations');
}

function writeIndex(name: SubgraphName): void {
  const classes = readdirSync(migrationsDir(name))
    .filter((file) => /^Migration\d+.*\.ts$/.test(file))
    .sort()
    .map((file) => file.replace(/\.ts$/, ''));
  const lines = [
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...classes.map((cls) => `import { ${cls} } from './${cls}';`),
    '',
    '/** PostgreSQL migrations, in the order they run (`npm run migrations -- create <subgraph>` adds one). */',
    `export const migrations: MigrationObject[] = [${classes.map((cls) => `\n  { name: '${cls}', class: ${cls} },`).join('')}${classes.length ? '\n' : ''}];`,
    '',
  ];
  writeFileSync(join(migrationsDir(name), 'index.ts'), lines.join('\n'));
}

async function scratchOrm(name: SubgraphName): Promise<Orm> {
  const config = loadConfig({ ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? DEFAULT_URL });
  const spec = entitiesOf(loadSubgraph(name));
  const scratch = `${postgresDatabaseName(config.databaseUrl!, name)}_migrations`;
  const options = databaseOptions(spec, config);
  const orm = (await MikroORM.init({
    ...options,
    dbName: scratch,
    connect: false,
    migrations: { ...options.migrations, path: migrationsDir(name), pathTs: migrationsDir(name), emit: 'ts' },
  })) as Orm;
  await dropPostgresDatabase(config.databaseUrl!, scratch);
  await orm.schema.ensureDatabase();
  await orm.connect();
  await orm.getMigrator().up();
  return orm;
}

async function run(command: string, name: SubgraphName): Promise<void> {
  const orm = await scratchOrm(name);
  try {
    if (command === 'check') {
      if (await orm.getMigrator().checkMigrationNeeded()) {
        console.error(`${name}: entities changed without a migration: run \`npm run migrations -- create ${name}\``);
        process.exitCode = 1;
      } else console.log(`${name}: migrations match the entities`);
      return;
    }
    const existing = readdirSync(migrationsDir(name)).some((file) => file.startsWith('Migration'));
    const result = await orm.getMigrator().createMigration(migrationsDir(name), false, !existing);
    console.log(result.fileName ? `${name}: wrote ${result.fileName}` : `${name}: no changes`);
    writeIndex(name);
  } finally {
    await orm.close(true);
    await dropPostgresDatabase(orm.config.get('clientUrl'), orm.config.get('dbName'));
  }
}

async function main(): Promise<void> {
  const [command, target] = process.argv.slice(2);
  if (
    !['create', 'check'].includes(command) ||
    !(target === 'all' || SUBGRAPH_NAMES.includes(target as SubgraphName))
  ) {
    console.error(`usage: npm run migrations -- <create|check> <${SUBGRAPH_NAMES.join('|')}|all>`);
    process.exit(2);
  }
  if (target === 'all') {
    // One process per subgraph: each declares its own stubs of shared types.
    for (const name of SUBGRAPH_NAMES) {
      execFileSync(process.execPath, ['-r', join(__dirname, 'register.js'), __filename, command, name], {
        stdio: 'inherit',
      });
    }
    return;
  }
  await run(command, target as SubgraphName);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
