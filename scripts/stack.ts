/**
 * Launches the hub as production runs it: each subgraph and the gateway in a
 * process of its own. Used by `npm start`, the test suite and the benchmark.
 * A subgraph that dies is restarted; the others keep serving meanwhile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  SUBGRAPH_NAMES,
  loadConfig,
  serviceEnv,
  type GatewayConfig,
  type HubConfig,
  type ServiceName,
  type SubgraphName,
} from '../lib/config';
import { heapLimitFlag } from '../lib/service';

const ROOT = join(__dirname, '..');
const REGISTER = join(ROOT, 'scripts', 'register.js');

export type { ServiceName };

export interface StackOptions {
  env: NodeJS.ProcessEnv;
  /** Receives every output line of every service, prefixed by its name. */
  onLine?: (service: ServiceName, line: string) => void;
  /** How long first start (database creation and seeding) may take. */
  readyTimeoutMs?: number;
  /** The node arguments that start a service, and where: by default its TypeScript entry point through swc. */
  command?: (service: ServiceName) => { args: string[]; cwd: string };
}

export interface RunningStack {
  config: HubConfig;
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** The process id of each service now (the benchmark reads the gateway's memory). */
  pid(service: ServiceName): number | undefined;
  stop(): Promise<void>;
}

/** The TypeScript entry point of a service (run with `node -r scripts/register.js`). */
export function entryPoint(service: ServiceName): string {
  return service === 'gateway' ? join(ROOT, 'gateway', 'main.ts') : join(ROOT, 'subgraphs', service, 'main.ts');
}

export function readyUrl(config: Pick<GatewayConfig, 'gatewayPort' | 'subgraphs'>, service: ServiceName): string {
  const graphqlUrl =
    service === 'gateway' ? `http://127.0.0.1:${config.gatewayPort}/graphql` : config.subgraphs[service].url;
  return new URL(service === 'gateway' ? '/health' : '/ready', graphqlUrl).toString();
}

/** Resolves when `url` answers 2xx; fails when `child` exits first or the deadline passes. */
export async function waitUntilReady(
  url: string,
  child: ChildProcess,
  deadline: number,
  tail: string[],
): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}:\n${tail.join('\n')}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not ready after the timeout:\n${tail.join('\n')}`);
}

export async function launchStack(options: StackOptions): Promise<RunningStack> {
  const config = loadConfig(options.env);
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  const children = new Map<ServiceName, ChildProcess>();
  let stopping = false;

  const start = (service: ServiceName): { child: ChildProcess; tail: string[] } => {
    const { args, cwd } = options.command?.(service) ?? { args: ['-r', REGISTER, entryPoint(service)], cwd: ROOT };
    const child = spawn(process.execPath, [heapLimitFlag(service), ...args], {
      cwd,
      env: serviceEnv(options.env, service), // only its own settings: a subgraph gets only its own gateway secret
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        options.onLine?.(service, line);
      });
    }
    child.on('exit', (code, signal) => {
      if (stopping || children.get(service) !== child) return;
      options.onLine?.(service, `exited (${signal ?? code}); restarting in 1 s`);
      setTimeout(() => !stopping && children.set(service, start(service).child), 1000);
    });
    children.set(service, child);
    return { child, tail };
  };

  const stop = async () => {
    stopping = true;
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  try {
    await Promise.all(
      [...SUBGRAPH_NAMES, 'gateway' as const].map(async (service) => {
        const { child, tail } = start(service);
        try {
          await waitUntilReady(readyUrl(config, service), child, deadline, tail);
        } catch (error) {
          throw new Error(`${service} ${(error as Error).message}`, { cause: error });
        }
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    config,
    gatewayUrl: `http://127.0.0.1:${config.gatewayPort}/graphql`,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, config.subgraphs[name].url])) as Record<
      SubgraphName,
      string
    >,
    pid: (service) => children.get(service)?.pid,
    stop,
  };
}
