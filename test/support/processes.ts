/**
 * Service processes started by tests the way production starts them (`node -r scripts/register.js <entry point>`):
 * an environment of their own (free ports, a fresh DATA_DIR, or PostgreSQL databases of their own), spawning,
 * waiting until ready, stopping with SIGTERM and the exit code; and extra processes beside the test stack (a second
 * replica, a second gateway) on its environment.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig, SUBGRAPH_NAMES, subgraphVariable, type SubgraphName } from '../../lib/config';
import { freePort } from '../../scripts/ports';
import { entryPoint, readyUrl, waitUntilReady, type ServiceName } from '../../scripts/stack';
import { testStack } from './stack-state';
import { heapLimitFlag } from '../../lib/service';

export { freePort };

export const ROOT = join(__dirname, '..', '..');
export const REGISTER = join(ROOT, 'scripts', 'register.js');
/** Preload it (`--require MODULE_TRACE`) to have a process write down the modules it loaded (tracedModules). */
export const MODULE_TRACE = join(__dirname, 'module-trace.js');

/* ------------------------------------------------------------------ */
/* Environments and databases of their own                            */
/* ------------------------------------------------------------------ */

/** The PostgreSQL URL of databases of their own: `<db>_<suffix>` (each subgraph adds `_<subgraph>`). */
export function postgresUrlWithSuffix(databaseUrl: string, suffix: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${decodeURIComponent(url.pathname.replace(/^\//, '')) || 'baeumteo'}_${suffix}`;
  return url.toString();
}

/** Drops the subgraphs' databases of `env` (scripts/drop-databases.ts): nothing of an earlier run remains. */
export function dropDatabases(env: NodeJS.ProcessEnv): void {
  execFileSync(process.execPath, ['-r', REGISTER, join(ROOT, 'scripts', 'drop-databases.ts')], {
    env,
    stdio: 'inherit',
  });
}

/**
 * The environment of a whole hub of its own: `base` and a fresh DATA_DIR, a free port for every service (and no
 * service URLs inherited), on PostgreSQL `databaseUrl` when given, else on SQLite files in the DATA_DIR.
 */
export async function hubEnv(
  base: NodeJS.ProcessEnv,
  databaseUrl: string | undefined,
  dataDirPrefix = 'baeumteo-hub-',
): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    ...base,
    DATA_DIR: mkdtempSync(join(tmpdir(), dataDirPrefix)),
    PORT: String(await freePort()),
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  for (const name of SUBGRAPH_NAMES) {
    env[subgraphVariable(name, 'PORT')] = String(await freePort());
    delete env[subgraphVariable(name, 'URL')];
  }
  return env;
}

/** A fresh test-mode hub environment whose processes record their modules; its databases are dropped first. */
export async function tracedHubEnv(
  databaseUrl: string | undefined,
  extra: Record<string, string> = {},
): Promise<NodeJS.ProcessEnv> {
  const base = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    SEED_PROGRAMS: '200',
    LOG_LEVEL: 'warn',
    MODULE_TRACE_DIR: mkdtempSync(join(tmpdir(), 'baeumteo-modules-')),
    ...extra,
  };
  const env = await hubEnv(base, databaseUrl, 'baeumteo-deploy-');
  dropDatabases(env);
  return env;
}

/** The module files each traced process (started with `--require MODULE_TRACE`) had loaded when it exited. */
export function tracedModules(env: NodeJS.ProcessEnv): string[][] {
  const dir = env.MODULE_TRACE_DIR!;
  return readdirSync(dir).map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as string[]);
}

/* ------------------------------------------------------------------ */
/* Starting and stopping                                              */
/* ------------------------------------------------------------------ */

export interface ServiceProcess {
  child: ChildProcess;
  /** Every line it printed so far. */
  output: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts `node args` in the project root with exactly `env` (inside `wrap`, e.g. a network namespace), collecting its output lines. */
export function spawnProcess(args: string[], env: NodeJS.ProcessEnv, wrap: string[] = []): ServiceProcess {
  const [command, ...rest] = wrap.length > 0 ? [...wrap, process.execPath, ...args] : [process.execPath, ...args];
  const child = spawn(command, rest, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!])
    createInterface({ input: stream }).on('line', (line) => output.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

/** Resolves when `url` answers 2xx; fails with the service's output when it exits or the deadline passes. */
export function waitReady(url: string, service: ServiceProcess, timeoutMs = 120_000): Promise<void> {
  return waitUntilReady(url, service.child, Date.now() + timeoutMs, service.output);
}

/** Sends `signal` (SIGKILL if the process has not exited after `killAfterMs`); how long until it exited, and its code. */
export async function terminate(
  service: ServiceProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  killAfterMs = 20_000,
): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  if (service.child.exitCode !== null || service.child.signalCode !== null)
    return { code: service.child.exitCode, ms: 0 };
  const kill = setTimeout(() => service.child.kill('SIGKILL'), killAfterMs);
  service.child.kill(signal);
  const code = await service.exited;
  clearTimeout(kill);
  return { code, ms: Date.now() - started };
}

/* ------------------------------------------------------------------ */
/* Beside the test stack                                              */
/* ------------------------------------------------------------------ */

export interface StackProcess extends ServiceProcess {
  /** Its /graphql URL. */
  url: string;
  pid: number;
  /** SIGTERM, then SIGKILL if it has not exited after a few seconds. */
  stop(): Promise<void>;
  /** SIGKILL: a replica that dies. */
  kill(): Promise<void>;
}

/** The environment of the test stack with `overrides`, and a free port for `service`. */
export async function stackServiceEnv(
  service: ServiceName,
  overrides: Record<string, string | undefined> = {},
): Promise<NodeJS.ProcessEnv> {
  const portVariable = service === 'gateway' ? 'PORT' : subgraphVariable(service, 'PORT');
  return { ...testStack().env, LOG_LEVEL: 'info', [portVariable]: String(await freePort()), ...overrides };
}

/** Starts one service process and waits until it is ready; rejects with its last output when it exits first. */
export async function startStackProcess(
  service: ServiceName,
  env: NodeJS.ProcessEnv,
  readyTimeoutMs = 120_000,
): Promise<StackProcess> {
  const config = loadConfig(env);
  const started = spawnProcess([heapLimitFlag(service), '-r', REGISTER, entryPoint(service)], env);
  const url = service === 'gateway' ? `http://127.0.0.1:${config.gatewayPort}/graphql` : config.subgraphs[service].url;
  try {
    await waitReady(readyUrl(config, service), started, readyTimeoutMs);
  } catch (error) {
    await terminate(started, 'SIGKILL');
    throw new Error(`${service} ${(error as Error).message}`, { cause: error });
  }
  return {
    ...started,
    url,
    pid: started.child.pid!,
    stop: async () => void (await terminate(started, 'SIGTERM', 5_000)),
    kill: async () => void (await terminate(started, 'SIGKILL')),
  };
}

/** Whether a Redis server answers at this URL (checked once, synchronously, so a suite can be skipped). */
export function redisAnswers(url: string): boolean {
  const probe =
    `const R=require('ioredis');const r=new R(${JSON.stringify(url)},{lazyConnect:true,maxRetriesPerRequest:0,connectTimeout:1000});` +
    `r.connect().then(()=>r.ping()).then(()=>process.exit(0),()=>process.exit(1))`;
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 5_000, cwd: ROOT });
    return true;
  } catch {
    return false;
  }
}

/**
 * Copies SQLite databases of the test stack consistently (VACUUM INTO): a process of its own needs a database of its
 * own on SQLite, which allows one process per database (lib/subgraph/replicas.ts), and a copy need not seed.
 */
export function copySqliteDatabases(from: string, to: string, names: readonly SubgraphName[]): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as new (
    file: string,
    options: { readonly: boolean },
  ) => { exec(sql: string): void; close(): void };
  for (const name of names) {
    const db = new Database(join(from, `${name}.sqlite`), { readonly: true });
    db.exec(`vacuum into '${join(to, `${name}.sqlite`).replace(/'/g, "''")}'`);
    db.close();
  }
}
