// Shared by the global setup and the test files; kept free of ORM imports, because
// whatever the global setup loads lives in another realm than the tests.
import type { SubgraphName } from '../../lib/config';

/** Programs seeded for the test run: enough for paging, small enough to seed in seconds. */
export const TEST_SEED_PROGRAMS = 2000;

export interface TestStackState {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  env: Record<string, string>;
}
