/**
 * Starts the hub once for the whole test run, the way production runs it: five
 * subgraph processes and the gateway, on fresh databases (temporary SQLite
 * files, or fresh PostgreSQL databases when DATABASE_URL is set).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config';
import { launchStack } from '../../scripts/stack';
import { dropDatabases, hubEnv } from './processes';
import { TEST_SEED_PROGRAMS, type TestStackState } from './stack-state';

export default async function globalSetup(): Promise<void> {
  const base = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    SEED_PROGRAMS: String(TEST_SEED_PROGRAMS),
    LOG_LEVEL: 'warn',
    // A demo's feeds, so the feed tests read the seeded programs; test/open-data/honest-data.test.ts reads the default.
    FEED_INCLUDE_GENERATED: 'true',
  };
  const env = await hubEnv(base, process.env.DATABASE_URL, 'baeumteo-test-');
  const dataDir = env.DATA_DIR!;
  loadConfig(env); // fail fast on a bad variable
  // Fresh databases every run: nothing from an earlier run can make a test pass. In a child process,
  // because MikroORM loaded here would share its global metadata with the test files' realm.
  dropDatabases(env);

  const log: string[] = [];
  const stack = await launchStack({ env, onLine: (service, line) => log.push(`[${service}] ${line}`) }).catch(
    (error) => {
      throw new Error(`The test stack did not start: ${(error as Error).message}\n${log.slice(-60).join('\n')}`);
    },
  );

  const state: TestStackState = {
    gatewayUrl: stack.gatewayUrl,
    subgraphUrls: stack.subgraphUrls,
    env: Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as Record<string, string>,
  };
  const stateFile = join(dataDir, 'stack.json');
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  process.env.BAEUMTEO_TEST_STACK = stateFile;
  (globalThis as { __BAEUMTEO_STACK__?: typeof stack }).__BAEUMTEO_STACK__ = stack;
}
