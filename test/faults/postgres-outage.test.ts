/**
 * PostgreSQL stopped and started again mid-run, on a private PostgreSQL
 * cluster this test makes for itself (initdb into a temporary directory, a
 * free port on 127.0.0.1, pg_ctl to stop and start it), so it never touches
 * the machine's server. While it is down: clear DATABASE_UNAVAILABLE errors,
 * 503 readiness, a write refused with nothing half-done; once it is back: whole
 * answers and writes again within seconds, with no service restarted.
 *
 * initdb and postgres refuse to run as root, so they run as the `postgres`
 * user (runuser); the case runs only as root with PostgreSQL's binaries
 * installed (as in CI), and is skipped with a message otherwise. It runs in
 * the PostgreSQL pass of the suite (DATABASE_URL set), once per CI run.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_SECRET_HEADER, Role, signToken } from '../../lib/auth';
import { eventually } from '../support/eventually';
import { freePort } from '../support/processes';
import { launchFaultStack, post, type Answer, type FaultStack } from './fault-stack';

jest.setTimeout(300_000);

const PG_BIN = existsSync('/usr/lib/postgresql')
  ? readdirSync('/usr/lib/postgresql')
      .sort()
      .reverse()
      .map((version) => join('/usr/lib/postgresql', version, 'bin'))
      .find((bin) => existsSync(join(bin, 'initdb')))
  : undefined;
const postgresUser = (() => {
  try {
    return Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  } catch {
    return undefined;
  }
})();
const wanted = !!process.env.DATABASE_URL;
const possible = wanted && userInfo().uid === 0 && PG_BIN !== undefined && postgresUser !== undefined;
if (!wanted) {
  console.warn(
    'Skipping the PostgreSQL outage test: it runs with the PostgreSQL pass (DATABASE_URL set), on a private cluster of its own.',
  );
} else if (!possible) {
  console.warn(
    'Skipping the PostgreSQL outage test: it needs root, the postgres user and PostgreSQL binaries (/usr/lib/postgresql/<version>/bin/initdb).',
  );
}

/** A PostgreSQL cluster of our own: stopped and started without touching anyone else's. */
class PrivateCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'baeumteo-pg-'));
  readonly data = join(this.dir, 'data');
  port = 0;

  private as(command: string, args: string[]): void {
    execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN!, command), ...args], {
      stdio: 'pipe',
      timeout: 60_000,
    });
  }

  async create(): Promise<void> {
    chownSync(this.dir, postgresUser!, postgresUser!);
    this.port = await freePort();
    this.as('initdb', ['-D', this.data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    this.start();
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    this.as('pg_ctl', ['-D', this.data, '-o', options, '-l', join(this.dir, 'log'), '-w', '-t', '60', 'start']);
  }

  stop(): void {
    this.as('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/baeumteo`;
  }

  destroy(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const PAIR = `query Pair($code: ID!, $library: ID!) { district(code: $code) { code nameEn } library(id: $library) { id name } }`;
const CREATE_SPACE = `mutation CreateSpace($input: CreateLibrarySpaceInput!) { createLibrarySpace(input: $input) { librarySpace { id } userErrors { code message } } }`;

(possible ? describe : describe.skip)('PostgreSQL stopped and started again mid-run (a private cluster)', () => {
  const cluster = possible ? new PrivateCluster() : undefined!;
  let hub: FaultStack;
  let adminToken: string;
  let libraryId: string;

  const pair = () =>
    post(hub.stack.gatewayUrl, PAIR, { code: '11680', library: libraryId }, { authorization: `Bearer ${adminToken}` });
  const whole = (answer: Answer) =>
    !answer.body?.errors && answer.body?.data?.district?.code === '11680' && answer.body.data.library?.id === libraryId;
  const ready = async (url: string) => (await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2000) })).ok;
  const createSpace = (name: string) =>
    post(
      hub.stack.gatewayUrl,
      CREATE_SPACE,
      { input: { libraryId, name, capacity: 5 } },
      { authorization: `Bearer ${adminToken}` },
    );

  beforeAll(async () => {
    await cluster.create();
    hub = await launchFaultStack({ DATABASE_URL: cluster.url });
    adminToken = await signToken({ sub: 'pg-outage-admin', role: Role.CITY_ADMIN }, hub.config.auth);
    libraryId = (await post(hub.stack.gatewayUrl, '{ libraries(first: 1) { edges { node { id } } } }')).body!.data!
      .libraries.edges[0].node.id;
  });

  afterAll(async () => {
    await hub?.stop();
    cluster?.destroy();
  });

  it('gives clear errors and 503 readiness while it is down, and recovers by itself within seconds when it returns', async () => {
    expect(whole(await pair())).toBe(true);
    const pids = ['gateway', 'centers', 'libraries'].map((service) => hub.stack.pid(service as never));
    cluster.stop();
    const outageName = `Outage room ${randomUUID()}`;
    try {
      const started = Date.now();
      const down = await pair();
      expect(Date.now() - started).toBeLessThan(6000); // within the request deadline
      expect(down.status).toBe(200);
      expect(down.body!.data).toEqual({ district: null, library: null });
      for (const error of down.body!.errors!) {
        expect(error.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
        expect(['centers', 'libraries']).toContain(error.extensions!.serviceName);
        expect(error.message).toMatch(/database is unavailable/);
        // Nothing from the driver (the gateway adds its own stack outside production; see gateway/hardening).
        expect(JSON.stringify(error)).not.toMatch(
          new RegExp(`ECONNREFUSED|:${cluster.port}|knex|postgres:|mikro-orm`, 'i'),
        );
      }
      // The subgraph itself answers the clear error alone: no stack, no driver detail.
      const direct = await post(hub.stack.subgraphUrls.centers, '{ district(code: "11680") { code } }', undefined, {
        [GATEWAY_SECRET_HEADER]: hub.config.subgraphs.centers.gatewaySecret!,
      });
      expect(direct.body!.errors).toEqual([
        {
          message: 'The centers database is unavailable; try again shortly.',
          path: ['district'],
          extensions: { code: 'DATABASE_UNAVAILABLE', serviceName: 'centers' },
        },
      ]);
      const write = await createSpace(outageName);
      expect(write.body?.data?.createLibrarySpace ?? null).toBeNull();
      expect(write.body!.errors![0].extensions).toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
        serviceName: 'libraries',
      });
      expect(await ready(hub.stack.subgraphUrls.centers)).toBe(false);
      expect((await fetch(new URL('/ready', hub.stack.gatewayUrl))).status).toBe(503);
    } finally {
      cluster.start();
    }
    const back = Date.now();
    await eventually(async () => whole(await pair()), 'whole answers after the restart', 30_000);
    expect(Date.now() - back).toBeLessThan(10_000);
    expect(await ready(hub.stack.subgraphUrls.centers)).toBe(true);
    // The write refused during the outage left nothing behind; a new one succeeds.
    const spaces = await post(
      hub.stack.gatewayUrl,
      `query Spaces($id: ID!) { library(id: $id) { spaces { name } } }`,
      { id: libraryId },
      { authorization: `Bearer ${adminToken}` },
    );
    expect(spaces.body!.data!.library.spaces.map((s: { name: string }) => s.name)).not.toContain(outageName);
    const write = await createSpace(`After outage ${randomUUID()}`);
    expect(write.body!.data!.createLibrarySpace.librarySpace.id).toEqual(expect.any(String));
    // Recovered without restarting any service.
    expect(['gateway', 'centers', 'libraries'].map((service) => hub.stack.pid(service as never))).toEqual(pids);
  });
});
