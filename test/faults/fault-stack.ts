/**
 * A hub of its own for the fault tests, which kill, stop and restart its
 * processes: the five subgraphs and the gateway as child processes
 * (scripts/stack.ts, which restarts a subgraph that dies), on free ports, fresh
 * SQLite files in a temporary DATA_DIR, or fresh PostgreSQL databases
 * `<db>_faults_<subgraph>` when DATABASE_URL is set. Every output line (JSON
 * logs) is kept for the assertions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, envPrefix, loadConfig, type HubConfig } from '../../lib/config';
import { launchStack, type RunningStack, type ServiceName } from '../../scripts/stack';
import { freePort } from '../../scripts/ports';

export { freePort };

export interface FaultStack {
  stack: RunningStack;
  env: NodeJS.ProcessEnv;
  config: HubConfig;
  /** Every output line so far, by service. */
  lines: { service: ServiceName; line: string }[];
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

export async function launchFaultStack(extraEnv: Record<string, string> = {}): Promise<FaultStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baeumteo-faults-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_PROGRAMS: '300',
    PORT: String(await freePort()),
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  // A test may bring its own PostgreSQL server (extraEnv.DATABASE_URL); otherwise the suite's, if any.
  const databaseUrl = extraEnv.DATABASE_URL ?? process.env.DATABASE_URL;
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    url.pathname = `/${decodeURIComponent(url.pathname.replace(/^\//, '')) || 'baeumteo'}_faults`;
    env.DATABASE_URL = url.toString();
  }
  for (const name of SUBGRAPH_NAMES) {
    env[`${envPrefix(name)}_PORT`] = String(await freePort());
    delete env[`${envPrefix(name)}_URL`];
  }
  const config = loadConfig(env);
  execFileSync(process.execPath, ['-r', join(ROOT, 'scripts', 'register.js'), join(ROOT, 'scripts', 'drop-databases.ts')], { env, stdio: 'inherit' });
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

/** Polls until `check` is true (bounded: throws after `limitMs`). */
export async function eventually(check: () => Promise<boolean>, what: string, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: still not so after ${limitMs} ms`);
}

export interface Answer {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[] } | null;
  text: string;
}

/** POSTs a GraphQL request; never throws on a bad answer (the body is kept as text too). */
export async function post(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
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
