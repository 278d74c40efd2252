/**
 * Faults survived, on a hub of its own (test/faults/fault-stack.ts): a
 * subgraph killed during a load of queries gives partial data with an error
 * naming it, then full answers again once it is back; SIGTERM to a subgraph
 * during a load of writes loses no write that was answered with success;
 * metrics and JSON logs show what happened, with one request id across
 * services and no token in any line. Outages of each subgraph on the dong
 * page: subgraph-outages.test.ts; PostgreSQL stopped and started:
 * postgres-outage.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { Role, signToken } from '../../lib/auth';
import { openDatabase } from '../../lib/subgraph/orm';
import { entitiesOf } from '../../lib/subgraph/subgraph-server';
import { LibrarySpace } from '../../subgraphs/libraries/library-space.entity';
import { loadSubgraph } from '../../subgraphs/registry';
import { eventually } from '../support/eventually';
import { launchFaultStack, post, type Answer, type FaultStack } from './fault-stack';

jest.setTimeout(240_000);

const DISTRICT = '11680';
const PAIR = `query Pair($code: ID!, $library: ID!) { district(code: $code) { code nameEn } library(id: $library) { id name } }`;
const CREATE_SPACE = `mutation CreateSpace($input: CreateLibrarySpaceInput!) { createLibrarySpace(input: $input) { librarySpace { id } userErrors { code message } } }`;

let hub: FaultStack;
let gatewayUrl: string;
let libraryId: string;
let adminToken: string;

/** Pair through the gateway as a signed-in caller: the anonymous response cache must not answer for the subgraphs. */
const pair = (headers: Record<string, string> = {}) =>
  post(gatewayUrl, PAIR, { code: DISTRICT, library: libraryId }, { authorization: `Bearer ${adminToken}`, ...headers });
const ready = async (url: string) => (await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2000) })).ok;

beforeAll(async () => {
  hub = await launchFaultStack();
  gatewayUrl = hub.stack.gatewayUrl;
  const first = await post(gatewayUrl, '{ libraries(first: 1) { edges { node { id } } } }');
  libraryId = first.body!.data!.libraries.edges[0].node.id;
  adminToken = await signToken({ sub: 'fault-test-admin', role: Role.CITY_ADMIN }, hub.config.auth);
});

afterAll(async () => {
  await hub?.stop();
});

/**
 * Runs `workers` loops of `request` until `done()` says so, for at most `withinMs`. A loop whose request failed
 * waits a moment before the next, as a client backs off: failures are fast (open breakers answer at once), and a
 * tight loop of them would starve the restarting subgraph of the CPU it needs.
 */
async function load<T>(
  workers: number,
  withinMs: number,
  request: (n: number) => Promise<{ result: T; failed: boolean }>,
  done: () => boolean,
): Promise<T[]> {
  const results: T[] = [];
  const deadline = Date.now() + withinMs;
  let sent = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!done() && Date.now() < deadline) {
        sent += 1;
        const { result, failed } = await request(sent);
        results.push(result);
        if (failed) await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }),
  );
  return results;
}

function kind(answer: Answer): 'full' | 'partial' | 'wrong' {
  const data = answer.body?.data;
  if (answer.status !== 200 || data?.district?.code !== DISTRICT) return 'wrong';
  if (!answer.body!.errors && data.library?.id === libraryId) return 'full';
  const namesLibraries = answer.body!.errors?.every(
    (e) => e.extensions?.serviceName === 'libraries' && e.message.includes('libraries'),
  );
  return data.library === null && namesLibraries ? 'partial' : 'wrong';
}

describe('a subgraph killed during a load of parallel queries', () => {
  it('gives partial data with an error naming it, never a gateway failure, then full answers once it is back', async () => {
    const gatewayPid = hub.stack.pid('gateway');
    const librariesPid = hub.stack.pid('libraries')!;
    let killed = false;
    let partials = 0;
    let fullAfterKill = 0;
    const answers = await load(
      8,
      60_000,
      async () => {
        const answer = await pair();
        const k = kind(answer);
        if (k === 'partial') partials += 1;
        if (k === 'full' && killed && partials > 0) fullAfterKill += 1;
        if (!killed && k === 'full') {
          killed = true;
          process.kill(librariesPid, 'SIGKILL');
        }
        return { result: answer, failed: k !== 'full' };
      },
      () => partials > 0 && fullAfterKill >= 20,
    );

    const wrong = answers.filter((a) => kind(a) === 'wrong');
    expect(wrong.map((a) => a.text).slice(0, 3)).toEqual([]);
    expect(partials).toBeGreaterThan(0);
    expect(fullAfterKill).toBeGreaterThanOrEqual(20);
    const partial = answers.find((a) => kind(a) === 'partial')!;
    expect(partial.body!.errors![0].extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'libraries',
    });
    expect(hub.stack.pid('libraries')).not.toBe(librariesPid); // restarted by the launcher
    expect(hub.stack.pid('gateway')).toBe(gatewayPid); // the gateway never went down

    // Recovered: every answer is whole again.
    for (let i = 0; i < 20; i += 1) expect(kind(await pair())).toBe('full');
    expect(await ready(gatewayUrl)).toBe(true);
  }, 90_000);

  it('shows up in the gateway metrics: requests by operation name, subgraph failures and latency', async () => {
    // Only our own series, so a failure prints what matters.
    const ours = (body: string) =>
      body
        .split('\n')
        .filter((line) => line.startsWith('baeumteo_') && !line.includes('_bucket'))
        .join('\n');
    const text = ours(await (await fetch(new URL('/metrics', gatewayUrl))).text());
    expect(text).toMatch(/baeumteo_graphql_requests_total\{[^}]*operation="Pair"[^}]*\} \d+/);
    expect(text).toMatch(/baeumteo_graphql_request_duration_seconds_count\{[^}]*operation="Pair"[^}]*\} [1-9]/);
    expect(text).toMatch(/baeumteo_subgraph_fetch_failures_total\{[^}]*subgraph="libraries"[^}]*\} [1-9]/);
    expect(text).toMatch(
      /baeumteo_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="centers"[^}]*outcome="ok"[^}]*\} [1-9]/,
    );
    expect(text).toMatch(/baeumteo_graphql_errors_total\{[^}]*code="SUBGRAPH_UNAVAILABLE"[^}]*\} [1-9]/);

    const subgraph = ours(await (await fetch(new URL('/metrics', hub.stack.subgraphUrls.centers))).text());
    expect(subgraph).toMatch(/baeumteo_sql_statements_total\{service="centers"\} [1-9]/);
    expect(subgraph).toMatch(/baeumteo_graphql_requests_total\{[^}]*service="centers"[^}]*\} [1-9]/);
  });
});

describe('SIGTERM to a subgraph during a load of writes', () => {
  it('finishes what it accepted, exits cleanly, and loses no write answered with success', async () => {
    const librariesPid = hub.stack.pid('libraries')!;
    const run = randomUUID().slice(0, 8);
    let terminated = false;
    let failures = 0;
    let successAfterRestart = 0;
    const created: string[] = [];
    await load(
      6,
      60_000,
      async (n) => {
        const answer = await post(
          gatewayUrl,
          CREATE_SPACE,
          { input: { libraryId, name: `Fault room ${run}-${n}`, capacity: 10 } },
          { authorization: `Bearer ${adminToken}` },
        );
        expect(answer.status).toBe(200);
        const payload = answer.body?.data?.createLibrarySpace;
        if (payload?.librarySpace?.id && payload.userErrors.length === 0) {
          created.push(payload.librarySpace.id);
          if (terminated && failures > 0) successAfterRestart += 1;
          if (!terminated && created.length >= 10) {
            terminated = true;
            process.kill(librariesPid, 'SIGTERM');
          }
          return { result: answer, failed: false };
        }
        failures += 1;
        expect(answer.body?.errors?.[0]?.extensions?.serviceName).toBe('libraries');
        return { result: answer, failed: true };
      },
      () => failures > 0 && successAfterRestart >= 10,
    );
    expect(failures).toBeGreaterThan(0);
    expect(successAfterRestart).toBeGreaterThanOrEqual(10);
    expect(hub.lines.filter((l) => l.service === 'libraries' && /exited \(/.test(l.line)).map((l) => l.line)).toContain(
      'exited (0); restarting in 1 s',
    );

    const orm = await openDatabase(entitiesOf(loadSubgraph('libraries')), hub.config);
    try {
      const stored = await orm.em.fork().find(LibrarySpace, { id: { $in: created } });
      expect(stored.map((s) => s.id).sort()).toEqual([...created].sort());
    } finally {
      await orm.close(true);
    }
  }, 90_000);
});

describe('logs', () => {
  it('are JSON lines carrying one request id from the gateway to the subgraphs, with no token in them', async () => {
    const requestId = `fault-${randomUUID()}`;
    const answer = await pair({ 'x-request-id': requestId });
    expect(kind(answer)).toBe('full');
    const withId = () => hub.lines.filter((l) => l.line.includes(requestId));
    await eventually(
      async () => new Set(withId().map((l) => l.service)).size >= 3,
      'request lines from gateway, centers and libraries',
      10_000,
    );
    const services = new Set(withId().map((l) => l.service));
    expect([...services].sort()).toEqual(expect.arrayContaining(['gateway', 'centers', 'libraries']));
    for (const { line } of withId()) expect(JSON.parse(line)).toMatchObject({ requestId, msg: 'request', status: 200 });

    const lines = hub.lines.map((l) => l.line);
    expect(lines.filter((line) => line.includes(adminToken.slice(-20)) || /bearer /i.test(line))).toEqual([]);
    expect(lines.filter((line) => !line.startsWith('{') && !/^exited \(/.test(line))).toEqual([]);
  });
});
