/**
 * The dong page (README's main example: one dong across all five subgraphs)
 * under subgraph outages, through the real launcher and gateway
 * (test/faults/fault-stack.ts): each subgraph killed in turn costs exactly
 * its own fields; a stalled one (SIGSTOP) costs at most the request deadline;
 * a crash-looping one opens its circuit breaker (fast errors, shown on /ready
 * and /metrics) and closes it once it answers again; a write whose subgraph
 * stalls is not done after the gateway gave up, and its retry with the same
 * idempotency key is done exactly once. All without restarting the gateway.
 */
import { randomUUID } from 'node:crypto';
import { Role, signToken } from '../../lib/auth';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../lib/config';
import { openDatabase } from '../../lib/subgraph/orm';
import { ownerOf } from '../../lib/entity-owners';
import { entitiesOf } from '../../lib/subgraph/subgraph-server';
import { LibrarySpace } from '../../subgraphs/libraries/library-space.entity';
import { loadSubgraph } from '../../subgraphs/registry';
import { eventually } from '../support/eventually';
import { launchFaultStack, post, type Answer, type FaultStack } from './fault-stack';

jest.setTimeout(240_000);

const DEADLINE_MS = 5000; // REQUEST_DEADLINE_MS's default, which the stack runs with
const DONG = '1168064000';
/** README's dong page, as written there. */
const DONG_PAGE = `query DongPage($code: ID!) {
  dong(code: $code) {
    nameKo nameEn
    district {
      nameEn
      educationOffice { nameEn }
      civilProviders(first: 3) { totalCount edges { node { name certifiedExcellent } } }
    }
    learningCenters {
      name
      venue { __typename ... on LibrarySpace { name library { name } } ... on SchoolSpace { name school { name } }
              ... on CulturalSpace { name culturalCenter { name } } ... on CenterSpace { name } }
      programs(first: 5) {
        totalCount
        edges { node { title track startsOn seatsLeft
          host { __typename ... on LearningCenter { name } ... on School { name } ... on Library { name }
                 ... on CulturalCenter { name } ... on CivilProvider { name } } } }
        pageInfo { hasNextPage endCursor }
      }
    }
    schools { name level }
    libraries { name kind }
    culturalCenters { name kind }
  }
}`;
const CREATE_SPACE = `mutation CreateSpace($input: CreateLibrarySpaceInput!) { createLibrarySpace(input: $input) { librarySpace { id } userErrors { code message } } }`;

let hub: FaultStack;
let gatewayUrl: string;
let adminToken: string;
let full: Record<string, any>;

/** Signed in: the anonymous response cache must not answer for the subgraphs. */
const dongPage = () => post(gatewayUrl, DONG_PAGE, { code: DONG }, { authorization: `Bearer ${adminToken}` });
const readiness = async () =>
  (await (await fetch(new URL('/ready', gatewayUrl))).json()) as {
    subgraphs: Record<string, boolean>;
    breakers: Record<string, string>;
  };
const subgraphReady = async (name: SubgraphName) =>
  (await fetch(new URL('/ready', hub.stack.subgraphUrls[name]), { signal: AbortSignal.timeout(1000) })).ok;
const isFull = (answer: Answer) => !answer.body?.errors && JSON.stringify(answer.body?.data) === JSON.stringify(full);

/** The fields of the dong page each subgraph fills beside its entities (a host or venue of its type goes with them). */
const OWN_FIELDS: Record<SubgraphName, string[][]> = {
  centers: [],
  schools: [['district', 'educationOffice'], ['schools']],
  libraries: [['libraries']],
  'cultural-centers': [['culturalCenters']],
  'civil-providers': [['district', 'civilProviders']],
};

/** The full dong page without what `subgraph` provides: its fields null, and every host or venue it owns. */
function withoutSubgraph(page: Record<string, any>, subgraph: SubgraphName): Record<string, any> {
  if (subgraph === 'centers') return { dong: null }; // the dong itself is centers'
  const copy = structuredClone(page);
  for (const path of OWN_FIELDS[subgraph]) {
    const parent = path.slice(0, -1).reduce((object, key) => object[key], copy.dong);
    parent[path[path.length - 1]] = null;
  }
  const owned = (value: { __typename?: string } | null) => !!value && ownerOf(value.__typename!) === subgraph;
  for (const center of copy.dong.learningCenters) {
    if (owned(center.venue)) center.venue = null;
    for (const { node } of center.programs.edges) if (owned(node.host)) node.host = null;
  }
  return copy;
}

function expectOnlyErrorsOf(answer: Answer, subgraph: SubgraphName): void {
  expect(answer.status).toBe(200);
  expect(answer.body!.errors!.length).toBeGreaterThan(0);
  for (const error of answer.body!.errors!) {
    expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph });
    expect((error as { path?: unknown[] }).path?.[0]).toBe('dong');
  }
}

/** Resolves once the launcher has seen `subgraph` die `count` times in all. */
const exits = (subgraph: SubgraphName) =>
  hub.lines.filter((l) => l.service === subgraph && /^exited \(/.test(l.line)).length;

beforeAll(async () => {
  hub = await launchFaultStack({ BREAKER_RESET_TIMEOUT_MS: '3000' });
  gatewayUrl = hub.stack.gatewayUrl;
  adminToken = await signToken({ sub: 'outage-test-admin', role: Role.CITY_ADMIN }, hub.config.auth);
  const answer = await dongPage();
  expect(answer.body!.errors).toBeUndefined();
  full = answer.body!.data!;
  // The page really spans the five subgraphs.
  expect(full.dong.district.educationOffice.nameEn).toEqual(expect.any(String));
  expect(full.dong.district.civilProviders.totalCount).toBeGreaterThan(0);
  expect(full.dong.libraries.length + full.dong.culturalCenters.length + full.dong.schools.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await hub?.stop();
});

/** Every subgraph answers and every breaker is closed again. */
async function allWell(): Promise<void> {
  let last = '';
  await eventually(
    async () => {
      const { subgraphs, breakers } = await readiness();
      const page = await dongPage();
      last = JSON.stringify({ subgraphs, breakers, errors: page.body?.errors?.map((e) => e.message) });
      return (
        Object.values(subgraphs).every(Boolean) &&
        Object.values(breakers).every((state) => state === 'closed') &&
        isFull(page)
      );
    },
    'the whole hub answering again',
    30_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last seen: ${last}`);
  });
}

describe('each subgraph killed in turn', () => {
  it.each(SUBGRAPH_NAMES)(
    "%s: the dong page keeps every other subgraph's data, then is whole again within seconds",
    async (subgraph) => {
      await allWell();
      const gatewayPid = hub.stack.pid('gateway');
      const before = exits(subgraph);
      process.kill(hub.stack.pid(subgraph)!, 'SIGKILL');
      await eventually(async () => exits(subgraph) > before, `${subgraph} seen dead by the launcher`, 10_000);

      const partial = await dongPage();
      expect(partial.body!.data).toEqual(withoutSubgraph(full, subgraph));
      expectOnlyErrorsOf(partial, subgraph);

      await eventually(() => subgraphReady(subgraph), `${subgraph} restarted by the launcher`, 60_000);
      const back = Date.now();
      await eventually(async () => isFull(await dongPage()), 'whole answers again', 15_000);
      expect(Date.now() - back).toBeLessThan(10_000);
      expect(hub.stack.pid('gateway')).toBe(gatewayPid); // never restarted
    },
  );
});

describe('a stalled subgraph (accepts connections, never answers)', () => {
  it('costs the dong page at most the request deadline, and only its own fields', async () => {
    await allWell();
    const pid = hub.stack.pid('cultural-centers')!;
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const answer = await dongPage();
      const elapsed = Date.now() - started;
      expect(answer.body!.data).toEqual(withoutSubgraph(full, 'cultural-centers'));
      expectOnlyErrorsOf(answer, 'cultural-centers');
      expect(elapsed).toBeLessThan(DEADLINE_MS + 1000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await allWell();
  });
});

describe('a write whose subgraph stalls mid-request', () => {
  it('is reported as failed and not done later; its retry with the same idempotency key is done exactly once', async () => {
    await allWell();
    const libraryId = (await post(gatewayUrl, '{ libraries(first: 1) { edges { node { id } } } }')).body!.data!
      .libraries.edges[0].node.id;
    const name = `Stalled room ${randomUUID().slice(0, 8)}`;
    const input = { libraryId, name, capacity: 12, idempotencyKey: `stall-${name}` };
    const create = () => post(gatewayUrl, CREATE_SPACE, { input }, { authorization: `Bearer ${adminToken}` });
    const pid = hub.stack.pid('libraries')!;
    process.kill(pid, 'SIGSTOP');
    let failed: Answer;
    try {
      failed = await create();
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(failed.body!.data).toBeNull();
    expect(failed.body!.errors![0].extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'libraries',
      reason: 'timeout',
    });

    const orm = await openDatabase(entitiesOf(loadSubgraph('libraries')), hub.config);
    try {
      const stored = () => orm.em.fork().find(LibrarySpace, { name });
      // The resumed subgraph reads the held request after its deadline: it refuses it rather than doing it unseen.
      await eventually(() => subgraphReady('libraries'), 'libraries answering again', 10_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await stored()).toEqual([]);

      const retried = await create();
      const id = retried.body!.data!.createLibrarySpace.librarySpace.id;
      expect(id).toEqual(expect.any(String));
      const again = await create();
      expect(again.body!.data!.createLibrarySpace.librarySpace.id).toBe(id);
      expect((await stored()).map((space) => space.id)).toEqual([id]);
    } finally {
      await orm.close(true);
    }
    const held = hub.lines.filter((l) => l.service === 'libraries' && l.line.includes('DEADLINE_EXCEEDED'));
    expect(held.length).toBeGreaterThan(0);
  });
});

describe('a crash-looping subgraph', () => {
  it('opens its breaker (fast errors, shown on /ready and /metrics), then closes it once the subgraph answers again', async () => {
    await allWell();
    let lastKilled: number | undefined;
    const killer = setInterval(() => {
      const pid = hub.stack.pid('libraries');
      if (pid && pid !== lastKilled) {
        lastKilled = pid;
        process.kill(pid, 'SIGKILL');
      }
    }, 50);
    try {
      await eventually(
        async () => {
          await dongPage();
          return (await readiness()).breakers.libraries === 'open';
        },
        'the libraries breaker open',
        20_000,
      );

      const times: number[] = [];
      let answer!: Answer;
      for (let i = 0; i < 5; i += 1) {
        const started = process.hrtime.bigint();
        answer = await post(gatewayUrl, '{ libraries(first: 1) { totalCount } }', undefined, {
          authorization: `Bearer ${adminToken}`,
        });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      expect(answer.body!.errors![0].extensions).toMatchObject({
        code: 'SUBGRAPH_UNAVAILABLE',
        serviceName: 'libraries',
        reason: 'circuit_open',
      });
      times.sort((a, b) => a - b);
      expect(times[2]).toBeLessThan(50); // the median request, gateway work included: no subgraph is asked

      const page = await dongPage();
      expect(page.body!.data).toEqual(withoutSubgraph(full, 'libraries'));
      const metrics = await (await fetch(new URL('/metrics', gatewayUrl))).text();
      expect(metrics).toMatch(/baeumteo_subgraph_breaker_state\{[^}]*subgraph="libraries"[^}]*\} 2/);
      expect(metrics).toMatch(/baeumteo_subgraph_breaker_state\{[^}]*subgraph="centers"[^}]*\} 0/);
    } finally {
      clearInterval(killer);
    }

    // Half-open after the cool-down: the first fetch probes, and the breaker closes when it answers.
    await eventually(() => subgraphReady('libraries'), 'libraries restarted', 60_000);
    const back = Date.now();
    await eventually(async () => isFull(await dongPage()), 'whole answers again', 15_000);
    expect(Date.now() - back).toBeLessThan(10_000);
    expect((await readiness()).breakers.libraries).toBe('closed');
    const metrics = await (await fetch(new URL('/metrics', gatewayUrl))).text();
    expect(metrics).toMatch(/baeumteo_subgraph_breaker_state\{[^}]*subgraph="libraries"[^}]*\} 0/);
  });
});
