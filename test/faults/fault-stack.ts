/**
 * A hub of its own for the fault tests, which kill, stop and restart its
 * processes: the five subgraphs and the gateway as child processes
 * (scripts/stack.ts, which restarts a subgraph that dies), on free ports, fresh
 * SQLite files in a temporary DATA_DIR, or fresh PostgreSQL databases
 * `<db>_faults_<subgraph>` when DATABASE_URL is set. Every output line (JSON
 * logs) is kept for the assertions.
 */
import { rmSync } from 'node:fs';
import { loadConfig, type HubConfig } from '../../lib/config';
import { launchStack, type RunningStack, type ServiceName } from '../../scripts/stack';
import { dropDatabases, hubEnv, postgresUrlWithSuffix } from '../support/processes';

export interface FaultStack {
  stack: RunningStack;
  env: NodeJS.ProcessEnv;
  config: HubConfig;
  /** Every output line so far, by service. */
  lines: { service: ServiceName; line: string }[];
  stop(): Promise<void>;
}

export async function launchFaultStack(extraEnv: Record<string, string> = {}): Promise<FaultStack> {
  const base = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    SEED_PROGRAMS: '300',
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  // A test may bring its own PostgreSQL server (extraEnv.DATABASE_URL); otherwise the suite's, if any.
  const databaseUrl = extraEnv.DATABASE_URL ?? process.env.DATABASE_URL;
  const env = await hubEnv(base, databaseUrl && postgresUrlWithSuffix(databaseUrl, 'faults'), 'baeumteo-faults-');
  const dataDir = env.DATA_DIR!;
  const config = loadConfig(env);
  dropDatabases(env);
  const lines: FaultStack['lines'] = [];
  const stack = await launchStack({ env, onLine: (service, line) => lines.push({ service, line }) }).catch((error) => {
    throw new Error(`The fault stack did not start: ${(error as Error).message}`);
  });
  return {
    stack,
    env,
    config,
    lines,
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[] } | null;
  text: string;
}

/** POSTs a GraphQL request; never throws on a bad answer (the body is kept as text too). */
export async function post(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: Answer['body'] = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body, text };
}
