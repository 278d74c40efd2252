/**
 * Extra service processes beside the test stack (a second replica, a second
 * gateway), started the way production starts them: `node subgraphs/<name>/main.ts`
 * with the stack's environment plus overrides (ports, URLs).
 */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig, type SubgraphName } from '../../lib/config';
import { freePort } from '../../scripts/ports';
import { entryPoint, readyUrl, waitUntilReady, type ServiceName } from '../../scripts/stack';
import { testStack } from './stack';

const REGISTER = join(__dirname, '..', '..', 'scripts', 'register.js');

export interface ServiceProcess {
  /** Its /graphql URL. */
  url: string;
  pid: number;
  /** Every line it printed so far. */
  output: string[];
  /** SIGTERM, then SIGKILL if it has not exited after a few seconds. */
  stop(): Promise<void>;
  /** SIGKILL: a replica that dies. */
  kill(): Promise<void>;
}

/** The environment of the test stack with `overrides`, and a free port for `service`. */
export async function serviceEnv(service: ServiceName, overrides: Record<string, string | undefined> = {}): Promise<NodeJS.ProcessEnv> {
  const portVariable = service === 'gateway' ? 'PORT' : `${service.toUpperCase().replace(/-/g, '_')}_PORT`;
  return { ...testStack().env, LOG_LEVEL: 'info', [portVariable]: String(await freePort()), ...overrides };
}

/** Starts one service process and waits until it is ready; rejects with its last output when it exits first. */
export async function startServiceProcess(service: ServiceName, env: NodeJS.ProcessEnv, readyTimeoutMs = 120_000): Promise<ServiceProcess> {
  const config = loadConfig(env);
  const child = spawn(process.execPath, ['-r', REGISTER, entryPoint(service)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (line) => output.push(line));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.kill(signal);
    await exited;
    clearTimeout(kill);
  };
  const url = service === 'gateway' ? `http://127.0.0.1:${config.gatewayPort}/graphql` : config.subgraphs[service].url;
  try {
    await waitUntilReady(readyUrl(config, service), child, Date.now() + readyTimeoutMs, output);
  } catch (error) {
    await end('SIGKILL');
    throw new Error(`${service} ${(error as Error).message}`);
  }
  return { url, pid: child.pid!, output, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** Whether a Redis server answers at this URL (checked once, synchronously, so a suite can be skipped). */
export function redisAnswers(url: string): boolean {
  const probe = `const R=require('ioredis');const r=new R(${JSON.stringify(url)},{lazyConnect:true,maxRetriesPerRequest:0,connectTimeout:1000});` +
    `r.connect().then(()=>r.ping()).then(()=>process.exit(0),()=>process.exit(1))`;
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 5_000, cwd: join(__dirname, '..', '..') });
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
  const Database = require('better-sqlite3') as new (file: string, options: { readonly: boolean }) => { exec(sql: string): void; close(): void };
  for (const name of names) {
    const db = new Database(join(from, `${name}.sqlite`), { readonly: true });
    db.exec(`vacuum into '${join(to, `${name}.sqlite`).replace(/'/g, "''")}'`);
    db.close();
  }
}
