/**
 * Several gateway workers (GATEWAY_WORKERS, gateway/workers.ts): a gateway
 * process with two workers over the test stack's subgraphs. Both answer, a
 * publish through either is seen at once by every worker's response cache,
 * /metrics adds the workers up, and a dead worker is replaced.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Role } from '../../lib/auth';
import { entryPoint } from '../../scripts/stack';
import { eventually } from '../support/eventually';
import { RUN } from '../support/names';
import { REGISTER, ROOT, freePort } from '../support/processes';
import { centerProgramInput, testStack, tokenFor } from '../support/stack';

const PROGRAM = 'query ($id: ID!) { program(id: $id) { title } }';

let gateway: ChildProcess;
let url: string;
/** The pid of every worker that logged a GraphQL request. */
const answeringPids = new Set<number>();
const workerPids = new Set<number>();

let asked = 0;

async function ask(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ cache: string | null; body: any }> {
  asked += 1;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: response.headers.get('x-response-cache'), body: await response.json() };
}

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}/graphql`;
  gateway = spawn(process.execPath, ['-r', REGISTER, entryPoint('gateway')], {
    cwd: ROOT,
    env: { ...testStack().env, PORT: String(port), GATEWAY_WORKERS: '2', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  createInterface({ input: gateway.stdout! }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as { pid: number; msg: string; path?: string };
      if (entry.msg.startsWith('serving')) workerPids.add(entry.pid);
      if (entry.msg === 'request' && entry.path === '/graphql') answeringPids.add(entry.pid);
    } catch {
      // not a log line
    }
  });
  await eventually(() => workerPids.size === 2, 'two workers serving');
}, 90_000);

afterAll(async () => {
  if (gateway.exitCode !== null) return;
  const exited = new Promise((resolve) => gateway.once('exit', resolve));
  gateway.kill('SIGTERM');
  await exited;
});

describe('a gateway with two workers', () => {
  it('answers from both workers', async () => {
    for (let i = 0; i < 12; i += 1) expect((await ask('{ districts { code } }')).body.data.districts).toHaveLength(25);
    await eventually(() => answeringPids.size === 2, 'requests logged by both workers', 5_000);
    expect([...answeringPids].sort()).toEqual([...workerPids].sort());
  });

  it('shows a change at once whichever worker answers the next reads', async () => {
    const { data: samples } = (await ask('{ districts { code learningCenters { id } } }')).body;
    const center = samples.districts[1].learningCenters[0].id as string;
    const partner = await tokenFor({
      sub: `workers-partner-${RUN}`,
      role: Role.INSTITUTION,
      institution: `LearningCenter:${center}`,
    });
    const { data: field } = (await ask('{ programs(first: 1) { edges { node { field { code } } } } }')).body;
    const created = await ask(
      'mutation ($input: CreateProgramInput!) { createProgram(input: $input) { program { id version } userErrors { message } } }',
      { input: centerProgramInput(center, field.programs.edges[0].node.field.code, `Workers check ${RUN}`) },
      partner,
    );
    const { id } = created.body.data.createProgram.program as { id: string };
    const published = await ask(
      'mutation ($input: ProgramIdInput!) { publishProgram(input: $input) { program { status version } } }',
      { input: { id } },
      partner,
    );
    expect(published.body.data.publishProgram.program.status).toBe('PUBLISHED');

    // One after the other, so the workers take turns: each misses once, caches the answer, then hits.
    const titles = async () => {
      const answers = [];
      for (let i = 0; i < 10; i += 1) answers.push(await ask(PROGRAM, { id }));
      return answers;
    };
    const before = await titles();
    expect(before.map(({ body }) => body.data.program.title)).toEqual(Array(10).fill(`Workers check ${RUN}`));
    expect(before.filter(({ cache }) => cache === 'MISS')).toHaveLength(2);

    // One mutation: one worker runs it; the other must drop its cached answer too.
    const renamed = await ask(
      'mutation ($input: UpdateProgramInput!) { updateProgram(input: $input) { program { title } userErrors { message } } }',
      { input: { id, version: published.body.data.publishProgram.program.version, title: `Renamed ${RUN}` } },
      partner,
    );
    expect(renamed.body.data.updateProgram.userErrors).toEqual([]);
    expect((await titles()).map(({ body }) => body.data.program.title)).toEqual(Array(10).fill(`Renamed ${RUN}`));
  });

  it('serves the metrics of all workers added up', async () => {
    await eventually(() => answeringPids.size === 2, 'requests logged by both workers', 5_000);
    const text = await (await fetch(new URL('/metrics', url))).text();
    const answered = text
      .split('\n')
      .filter((line) => line.startsWith('baeumteo_http_requests_total{route="/graphql"'))
      .reduce((total, line) => total + Number(line.split(' ').pop()), 0);
    expect(answered).toBe(asked);
  });

  it('replaces a worker that dies', async () => {
    const [victim] = workerPids;
    process.kill(victim, 'SIGKILL');
    await eventually(() => workerPids.size === 3, 'a new worker serving');
    expect((await ask('{ districts { code } }')).body.data.districts).toHaveLength(25);
  });
});
