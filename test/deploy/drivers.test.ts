/**
 * A subgraph loads the database driver it uses and no other: on PostgreSQL the native better-sqlite3 module is
 * never loaded (a production image could even lack it). A real subgraph process, started and stopped, with a
 * preloaded tracer that records every module it loaded.
 */
import { rmSync } from 'node:fs';
import { loadConfig } from '../../lib/config';
import { embeddedDatabaseUnsupported } from '../../lib/subgraph/orm';
import {
  MODULE_TRACE,
  REGISTER,
  dropDatabases,
  postgresUrlWithSuffix,
  spawnProcess,
  terminate,
  tracedHubEnv,
  tracedModules,
  waitReady,
} from '../support/processes';

async function modulesOfASubgraph(databaseUrl: string | undefined): Promise<string[]> {
  const env = await tracedHubEnv(databaseUrl);
  const subgraph = spawnProcess(['-r', REGISTER, '--require', MODULE_TRACE, 'subgraphs/libraries/main.ts'], env);
  try {
    await waitReady(new URL('/ready', loadConfig(env).subgraphs.libraries.url).toString(), subgraph, 60_000).catch(
      (error) => {
        throw new Error(`the libraries subgraph did not become ready: ${(error as Error).message}`);
      },
    );
  } finally {
    await terminate(subgraph);
    if (databaseUrl) dropDatabases(env);
    rmSync(env.DATA_DIR!, { recursive: true, force: true });
  }
  const [modules] = tracedModules(env);
  return modules;
}

/** Whether code of the package ran (MikroORM reads every installed @mikro-orm package's package.json for its version check). */
const loads = (modules: string[], name: string) =>
  modules.some((file) => file.includes(`/node_modules/${name}/`) && !file.endsWith('/package.json'));

const nodeRunsBetterSqlite3 = !embeddedDatabaseUnsupported();

describe('the database drivers', () => {
  (nodeRunsBetterSqlite3 ? it : it.skip)(
    'a subgraph on the embedded SQLite loads better-sqlite3, and not the PostgreSQL client',
    async () => {
      const modules = await modulesOfASubgraph(undefined);
      expect({ betterSqlite3: loads(modules, 'better-sqlite3'), pg: loads(modules, 'pg') }).toEqual({
        betterSqlite3: true,
        pg: false,
      });
    },
    90_000,
  );

  (nodeRunsBetterSqlite3 ? it.skip : it)(
    `on Node ${process.versions.node} the embedded database is refused at start with a clear message (better-sqlite3 before 13 aborts there)`,
    async () => {
      await expect(modulesOfASubgraph(undefined)).rejects.toThrow(
        /does not run on Node 24[\s\S]*set DATABASE_URL to run on PostgreSQL/,
      );
    },
    90_000,
  );

  (process.env.DATABASE_URL ? it : it.skip)(
    'a subgraph on PostgreSQL loads the PostgreSQL client, and never better-sqlite3',
    async () => {
      const modules = await modulesOfASubgraph(postgresUrlWithSuffix(process.env.DATABASE_URL!, 'drivers'));
      expect({
        betterSqlite3: loads(modules, 'better-sqlite3'),
        sqliteDriver: loads(modules, '@mikro-orm/better-sqlite'),
        pg: loads(modules, 'pg'),
      }).toEqual({
        betterSqlite3: false,
        sqliteDriver: false,
        pg: true,
      });
    },
    90_000,
  );
});
