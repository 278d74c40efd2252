/**
 * docker-compose.yml end to end, without Docker: every service of the file runs
 * its command with exactly the environment the file gives it (its ${VAR:?}
 * values filled from this test's secrets), each in a network namespace of its
 * own where the compose service names resolve through a hosts file, as on
 * compose's network. Then the writes that cross subgraphs, and a clean stop.
 *
 * Needs root and iproute2 (CI runs as root); skipped elsewhere. PostgreSQL and
 * Redis are the machine's servers, which listen on 127.0.0.1 only, and a
 * namespace cannot reach the host's loopback: this process (in the host
 * namespace) forwards the bridge address's 5432 and 6379 to them with two
 * net.Server pipes, which is all a TCP forward needs (no socat, no server
 * reconfigured).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Role } from '../../lib/auth';
import { SUBGRAPH_NAMES, subgraphVariable } from '../../lib/config';
import { heapLimitFlag } from '../../lib/service';
import {
  REGISTER,
  ROOT,
  dropDatabases,
  spawnProcess,
  terminate,
  waitReady,
  type ServiceProcess,
} from '../support/processes';
import {
  crossSubgraphWrites,
  makeKeys,
  productionToken,
  subgraphSecrets,
  type ProductionKeys,
} from '../support/production-hub';

const IP = '/usr/sbin/ip';
const PREFIX = 'bt3c'; // namespaces, links and the bridge of this test only
const BRIDGE = `${PREFIX}br`;
const SUBNET = '10.213.7'; // private addresses on the test's own bridge and veths, nowhere else
const HOST_ADDRESS = `${SUBNET}.1`;
const APP_SERVICES = [...SUBGRAPH_NAMES, 'gateway'] as const;
const runnable = process.getuid?.() === 0 && existsSync(IP);

interface ComposeService {
  command?: string[] | string;
  environment?: Record<string, string | number | null> | string[];
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

/** compose's ${VAR}, ${VAR:-default} and ${VAR:?message} (required) substitution. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\{([A-Za-z0-9_]+)(?::([?-])([^}]*))?\}/g,
    (_match, name: string, op?: string, arg?: string) => {
      if (vars[name]) return vars[name];
      if (op === '?') throw new Error(`${name} is required: ${arg}`);
      return op === '-' ? arg! : '';
    },
  );
}

/** A service's environment exactly as compose would give it. */
function environmentOf(service: string, vars: Record<string, string>): Record<string, string> {
  const raw = compose.services[service].environment ?? {};
  const entries = Array.isArray(raw) ? raw.map((line) => line.split(/=(.*)/s).slice(0, 2)) : Object.entries(raw);
  return Object.fromEntries(entries.map(([key, value]) => [key, interpolate(String(value ?? ''), vars)]));
}

/**
 * The image's command as a command of this checkout: whatever form the image takes (TypeScript through
 * scripts/register.js, or compiled JS under dist/), it runs the service's main module; here that module's
 * TypeScript source runs through scripts/register.js. The one place that knows how the image is built.
 */
function localCommand(service: string): string[] {
  const command = [compose.services[service].command ?? []].flat().map(String);
  const nodeFlags = command.filter((arg) => arg.startsWith('--')); // the heap bound, as compose gives it
  const entry = command.find((arg) => /(gateway|subgraphs\/[a-z-]+)\/main\.[jt]s$/.test(arg));
  const module = (entry ?? (service === 'gateway' ? 'gateway/main.ts' : `subgraphs/${service}/main.ts`))
    .replace(/^(\.\/)?(dist\/)?/, '')
    .replace(/\.js$/, '.ts');
  return [...nodeFlags, '-r', REGISTER, join(ROOT, module)];
}

const ip = (...args: string[]) => execFileSync(IP, args, { stdio: 'pipe' });
const namespaceOf = (index: number) => `${PREFIX}${index}`;
const addressOf = (index: number) => `${SUBNET}.${10 + index}`;

/** Removes every namespace, link and hosts file of this test; safe to run when none exist. */
function cleanUp(): void {
  APP_SERVICES.forEach((_service, index) => {
    spawnSync(IP, ['netns', 'del', namespaceOf(index)], { stdio: 'ignore' });
    rmSync(`/etc/netns/${namespaceOf(index)}`, { recursive: true, force: true });
  });
  spawnSync(IP, ['link', 'del', BRIDGE], { stdio: 'ignore' });
}

/** A bridge in the host namespace and one namespace per service on it, with compose's names in its hosts file. */
function createNetwork(): void {
  cleanUp();
  ip('link', 'add', BRIDGE, 'type', 'bridge');
  ip('addr', 'add', `${HOST_ADDRESS}/24`, 'dev', BRIDGE);
  ip('link', 'set', BRIDGE, 'up');
  const hosts = [
    '127.0.0.1 localhost',
    `${HOST_ADDRESS} postgres redis`,
    ...APP_SERVICES.map((service, index) => `${addressOf(index)} ${service}`),
  ].join('\n');
  APP_SERVICES.forEach((_service, index) => {
    const ns = namespaceOf(index);
    ip('netns', 'add', ns);
    ip('link', 'add', `${PREFIX}v${index}`, 'type', 'veth', 'peer', 'name', `${PREFIX}p${index}`);
    ip('link', 'set', `${PREFIX}p${index}`, 'netns', ns);
    ip('link', 'set', `${PREFIX}v${index}`, 'master', BRIDGE, 'up');
    ip('-n', ns, 'addr', 'add', `${addressOf(index)}/24`, 'dev', `${PREFIX}p${index}`);
    ip('-n', ns, 'link', 'set', `${PREFIX}p${index}`, 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    // `ip netns exec` bind-mounts this over /etc/hosts for the processes it starts.
    mkdirSync(`/etc/netns/${ns}`, { recursive: true });
    writeFileSync(`/etc/netns/${ns}/hosts`, `${hosts}\n`);
  });
}

/** The bridge address's `port` -> target, for the machine's PostgreSQL and Redis. */
function forward(port: number, target: URL): Promise<Server> {
  const server = createServer((socket) => {
    const upstream = connect(Number(target.port) || port, target.hostname);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  return new Promise((resolve, reject) =>
    server.once('error', reject).listen(port, HOST_ADDRESS, () => resolve(server)),
  );
}

// The machine's servers (COMPOSE_TEST_DATABASE_URL, else DATABASE_URL, else the default local PostgreSQL), under
// databases of their own: <base>_compose_<subgraph>.
const database = new URL(
  process.env.COMPOSE_TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/baeumteo',
);
const composeDatabase = `${decodeURIComponent(database.pathname.slice(1)) || 'baeumteo'}_compose`;
const redis = new URL(process.env.COMPOSE_TEST_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379/0');
const redisDb = redis.pathname.slice(1) || '0';

/** Fresh databases every run, as the test stack's (scripts/drop-databases.ts). */
function dropComposeDatabases(): void {
  const url = new URL(database);
  url.pathname = `/${composeDatabase}`;
  dropDatabases({ ...process.env, DATABASE_URL: url.toString() });
}

(runnable ? describe : describe.skip)('docker-compose.yml, each service in a network namespace of its own', () => {
  let keys: ProductionKeys;
  let vars: Record<string, string>;
  const forwards: Server[] = [];
  const services = new Map<string, ServiceProcess>();
  const url = (service: string, path: string) =>
    `http://${addressOf(APP_SERVICES.indexOf(service as never))}:${service === 'gateway' ? 4000 : environmentOf(service, vars)[subgraphVariable(service as never, 'PORT')]}${path}`;

  beforeAll(async () => {
    keys = await makeKeys();
    vars = {
      JWT_PUBLIC_KEY: readFileSync(keys.publicKeyFile, 'utf8'),
      POSTGRES_PASSWORD: 'unused-with-trust-auth',
      POSTGRES_DB: composeDatabase,
      REDIS_URL: `redis://redis:6379/${redisDb}`,
      ...subgraphSecrets(),
    };
    process.once('exit', cleanUp); // even when jest stops this file half-way
    dropComposeDatabases();
    createNetwork();
    forwards.push(await forward(5432, database), await forward(6379, redis));
    const start = (service: string) => {
      // Exactly the compose environment; PATH to find node, and a small seed to keep the test short.
      const env = { ...environmentOf(service, vars), PATH: process.env.PATH!, SEED_PROGRAMS: '300' };
      const running = spawnProcess(localCommand(service), env, [
        IP,
        'netns',
        'exec',
        namespaceOf(APP_SERVICES.indexOf(service as never)),
      ]);
      services.set(service, running);
      return running;
    };
    await Promise.all(SUBGRAPH_NAMES.map((name) => waitReady(url(name, '/ready'), start(name), 150_000)));
    await waitReady(url('gateway', '/ready'), start('gateway'));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...services.values()].map((service) => terminate(service)));
    for (const server of forwards) server.close();
    cleanUp();
  });

  it('requires every secret: leaving one out stops compose with its message', () => {
    for (const name of [
      'JWT_PUBLIC_KEY',
      'POSTGRES_PASSWORD',
      ...SUBGRAPH_NAMES.map((n) => subgraphVariable(n, 'GATEWAY_SECRET')),
    ]) {
      const { [name]: _left, ...rest } = vars;
      expect(() => APP_SERVICES.forEach((service) => environmentOf(service, rest))).toThrow(`${name} is required`);
    }
  });

  it("bounds each service's heap as every other way of starting it does", () => {
    for (const service of [...SUBGRAPH_NAMES, 'gateway' as const])
      expect({ service, command: compose.services[service].command }).toEqual({
        service,
        command: expect.arrayContaining([heapLimitFlag(service)]),
      });
  });

  it('gives each subgraph its own gateway secret only, and the gateway all five', () => {
    const secretsOf = (service: string) =>
      Object.keys(environmentOf(service, vars)).filter((key) => key.endsWith('GATEWAY_SECRET') || key === 'JWT_SECRET');
    for (const name of SUBGRAPH_NAMES) expect(secretsOf(name)).toEqual([subgraphVariable(name, 'GATEWAY_SECRET')]);
    expect(secretsOf('gateway').sort()).toEqual(
      SUBGRAPH_NAMES.map((name) => subgraphVariable(name, 'GATEWAY_SECRET')).sort(),
    );
  });

  it('serves through the gateway, each subgraph reached by its compose name', async () => {
    const response = await fetch(url('gateway', '/ready'));
    expect(await response.json()).toEqual({
      status: 'ready',
      subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, true])),
      breakers: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 'closed'])),
    });
  });

  it('makes the writes that cross subgraphs', async () => {
    const admin = await productionToken(keys, { sub: 'compose-test-admin', role: Role.CITY_ADMIN });
    const writes = await crossSubgraphWrites(url('gateway', '/graphql'), admin);
    expect(writes.partnership.body.data.createPartnership).toEqual({
      userErrors: [],
      partnership: { id: expect.any(String), partner: { id: writes.library } },
    });
    expect(writes.program.body.data.createProgram).toEqual({
      userErrors: [],
      program: { id: expect.any(String), venue: { id: writes.space } },
    });
    expect(writes.provide.body.data.updateCivilProviderProfile).toEqual({
      userErrors: [],
      civilProvider: { districts: writes.codes.map((code) => ({ code })) },
    });
  });

  it('stops every service with SIGTERM: exit 0 within a few seconds', async () => {
    for (const service of ['gateway', ...SUBGRAPH_NAMES]) {
      const { code, ms } = await terminate(services.get(service)!);
      expect({ service, code }).toEqual({ service, code: 0 });
      expect(ms).toBeLessThan(3000);
    }
  });
});
