/**
 * For the deploy tests: an environment of its own for services they start (free ports, a temporary DATA_DIR, or
 * PostgreSQL databases `<db>_<suffix>_<subgraph>` when DATABASE_URL is set), and the modules a process loaded.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, subgraphVariable } from '../../lib/config';
import { freePort } from '../../scripts/ports';

export const ROOT = join(__dirname, '..', '..');
export const REGISTER = join(ROOT, 'scripts', 'register.js');
export const MODULE_TRACE = join(__dirname, 'module-trace.js');

export function postgresUrlWithSuffix(databaseUrl: string, suffix: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${decodeURIComponent(url.pathname.replace(/^\//, '')) || 'baeumteo'}_${suffix}`;
  return url.toString();
}

/** A fresh environment: `databaseUrl` undefined means the embedded SQLite files; its databases are dropped first. */
export async function serviceEnv(databaseUrl: string | undefined, extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'baeumteo-deploy-')),
    SEED_PROGRAMS: '200',
    PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    MODULE_TRACE_DIR: mkdtempSync(join(tmpdir(), 'baeumteo-modules-')),
    ...extra,
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  for (const name of SUBGRAPH_NAMES) {
    env[subgraphVariable(name, 'PORT')] = String(await freePort());
    delete env[subgraphVariable(name, 'URL')];
  }
  dropDatabases(env);
  return env;
}

export function dropDatabases(env: NodeJS.ProcessEnv): void {
  execFileSync(process.execPath, ['-r', REGISTER, join(ROOT, 'scripts', 'drop-databases.ts')], { env, stdio: 'inherit' });
}

/** The module files each traced process (started with `--require MODULE_TRACE`) had loaded when it exited. */
export function tracedModules(env: NodeJS.ProcessEnv): string[][] {
  const dir = env.MODULE_TRACE_DIR!;
  return readdirSync(dir).map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as string[]);
}
