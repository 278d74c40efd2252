// Shared by the global setup and the test files; kept free of ORM imports, because
// whatever the global setup loads lives in another realm than the tests.
import { readFileSync } from 'node:fs';
import type { SubgraphName } from '../../lib/config';

/** Programs seeded for the test run: enough for paging, small enough to seed in seconds. */
export const TEST_SEED_PROGRAMS = 2000;

export interface TestStackState {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  env: Record<string, string>;
}

/** The running test stack, as the global setup wrote it down. */
export function testStack(): TestStackState {
  const file = process.env.BAEUMTEO_TEST_STACK;
  if (!file)
    throw new Error('BAEUMTEO_TEST_STACK is not set: run the tests with `npm test` (jest globalSetup starts the hub).');
  return JSON.parse(readFileSync(file, 'utf8')) as TestStackState;
}
