/**
 * `npm run bench`: starts the hub (SQLite by default, PostgreSQL with
 * DATABASE_URL), drives operations 1-3 through our gateway with autocannon
 * (varied variables, then identical requests), runs operation 4 (a partner
 * creating and publishing programs, residents enrolling), then runs 1-3 through
 * Hive Gateway on the same subgraphs and supergraph, and writes BENCHMARKS.md.
 *
 *   npm run bench -- --duration 10 --connections 20 [--no-hive] [--only dong-page,program-search] [--out FILE]
 *   npm run bench -- --soak 600     (memory: mixed reads and writes for 600 s, RSS of every process)
 *
 * The heavy peers (Hive Gateway, autocannon) live in bench/package.json and are
 * installed on first run, so the root install stays light.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Role, signToken } from '../lib/auth';
import { SUBGRAPH_NAMES, subgraphVariable, type SubgraphName } from '../lib/config';
import { databaseKind } from '../lib/subgraph/orm';
import { heapLimitFlag } from '../lib/service';
import { launchStack, type RunningStack } from './stack';
import { SUPERGRAPH_PATH } from '../gateway/gateway';
import {
  CREATE_PROGRAM,
  ENROLL,
  PUBLISH_PROGRAM,
  READ_OPERATIONS,
  collectSamples,
  variablesFor,
  type Operation,
  type Samples,
} from './bench/operations';
import { freePort } from './ports';

const ROOT = join(__dirname, '..');
const BENCH = join(ROOT, 'bench');

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    'write-duration': { type: 'string', default: '10' },
    'no-hive': { type: 'boolean', default: false },
    only: { type: 'string' },
    soak: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'BENCHMARKS.md') },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);

function installBenchDependencies(): void {
  if (
    existsSync(join(BENCH, 'node_modules', 'autocannon')) &&
    existsSync(join(BENCH, 'node_modules', '@graphql-hive', 'gateway-runtime'))
  )
    return;
  console.log('Installing the benchmark peers into bench/node_modules (once; large) ...');
  const command = existsSync(join(BENCH, 'package-lock.json')) ? 'ci' : 'install';
  execFileSync('npm', [command, '--prefix', BENCH, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

async function post(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<{ data?: any; errors?: any[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

/** Total SQL statements each subgraph has run so far (the debug counter). */
async function statementCounts(stack: RunningStack): Promise<Record<SubgraphName, number>> {
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const response = await fetch(new URL('/debug/sql-statements', stack.subgraphUrls[name]));
      return [name, ((await response.json()) as { statements: number }).statements] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, number>;
}

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc/<pid>/stat. */
const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    // Fields after the command name (which may hold spaces): state is 3rd overall, utime 14th, stime 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** The processes serving one gateway's requests: the gateway itself, then the five subgraphs. */
type ProcessName = 'gateway' | SubgraphName;
const PROCESS_NAMES: ProcessName[] = ['gateway', ...SUBGRAPH_NAMES];
type Pids = Record<ProcessName, number | undefined>;

function cpuOf(pids: Pids): Record<ProcessName, number> {
  return Object.fromEntries(PROCESS_NAMES.map((name) => [name, cpuMs(pids[name])])) as Record<ProcessName, number>;
}

function rssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

interface LoadResult {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  sqlPerRequest?: Record<SubgraphName, number>;
  /** CPU ms per request of each process over the recorded run (the load generator not included). */
  cpuPerRequest?: Record<ProcessName, number>;
  gatewayRssMb?: number;
}

/** "cultural" for cultural-centers: the column headings of the tables. */
const shortName = (name: ProcessName) => (name === 'gateway' ? 'gateway process' : name.split('-')[0]);

const totalCpu = (cpu: Record<ProcessName, number>) => PROCESS_NAMES.reduce((sum, name) => sum + cpu[name], 0);

// Required when first used: main() installs bench/node_modules first, in a fresh checkout.
const autocannon = (options: object): Promise<any> => createRequire(join(BENCH, 'package.json'))('autocannon')(options);

/** Drives one operation through a gateway URL; GraphQL errors in a 200 body count as errors too. */
async function load(
  url: string,
  operation: Operation,
  samples: Samples,
  identical: boolean,
  headers: Record<string, string> = {},
): Promise<Omit<LoadResult, 'label'>> {
  let i = 0;
  let graphqlErrors = 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        setupRequest: (request: object) => ({
          ...request,
          body: JSON.stringify({
            query: operation.query,
            variables: variablesFor(operation, samples, identical ? 0 : i++),
          }),
        }),
        onResponse: (_status: number, body: string) => {
          if (body.includes('"errors"')) graphqlErrors++;
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
  };
}

/** Operation 4: `connections` partners in parallel, each creating and publishing a program that 3 residents enroll in. */
async function writeLoad(
  stack: RunningStack,
  samples: Samples,
  seconds: number,
  workers: number,
): Promise<{ rps: number; p50: number; p99: number; requests: number; errors: number; flows: number }> {
  const auth = stack.config.auth;
  const latencies: number[] = [];
  let errors = 0;
  let flows = 0;
  const timed = async (query: string, variables: Record<string, unknown>, token: string) => {
    const started = performance.now();
    const result = await post(stack.gatewayUrl, query, variables, token);
    latencies.push(performance.now() - started);
    const payload = result.data ? (Object.values(result.data)[0] as any) : null;
    if (result.errors || !payload || payload.userErrors.length > 0) errors++;
    return payload;
  };
  const deadline = Date.now() + seconds * 1000;
  const run = Date.now().toString(36);
  const worker = async (w: number) => {
    const center = samples.centers[w % samples.centers.length];
    const partner = await signToken(
      { sub: `bench-partner-${w}`, role: Role.INSTITUTION, institution: `LearningCenter:${center.id}` },
      auth,
    );
    const residents = await Promise.all(
      [0, 1, 2].map((r) => signToken({ sub: `bench-resident-${run}-${w}-${r}`, role: Role.RESIDENT }, auth)),
    );
    for (let n = 0; Date.now() < deadline; n++) {
      const input = {
        centerId: center.id,
        host: { type: 'LEARNING_CENTER', id: center.id },
        title: `Benchmark program ${run}-${w}-${n}`,
        track: 'LIFE_CULTURE',
        fieldCode: samples.fieldCode,
        startsOn: '2027-03-02',
        endsOn: '2027-04-27',
        capacity: 2,
        feeKrw: 0,
      };
      const created = await timed(CREATE_PROGRAM, { input }, partner);
      const id = created?.program?.id;
      if (!id) continue;
      await timed(PUBLISH_PROGRAM, { input: { id } }, partner);
      for (const resident of residents)
        await timed(ENROLL, { input: { programId: id, idempotencyKey: `${run}-${w}-${n}` } }, resident);
      flows++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(workers, samples.centers.length) }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), requests: latencies.length, errors, flows };
}

async function startHive(stack: RunningStack): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const subgraphs = SUBGRAPH_NAMES.map((name) => ({
    name,
    url: stack.subgraphUrls[name],
    gatewaySecret: stack.config.subgraphs[name].gatewaySecret,
  }));
  // With our gateway's heap bound, so both gateways' CPU and memory are compared on equal terms.
  const child = spawn(process.execPath, [heapLimitFlag('gateway'), join(BENCH, 'hive-gateway.mjs')], {
    cwd: BENCH,
    env: {
      ...process.env,
      HIVE_PORT: String(port),
      SUPERGRAPH_PATH,
      SUBGRAPHS: JSON.stringify(subgraphs),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let tries = 0; tries < 100; tries++) {
    try {
      const answer = await post(url, '{ districts { code } }');
      if (answer.data) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error('Hive Gateway did not start');
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));

function report(
  ours: LoadResult[],
  uncached: LoadResult[],
  hive: LoadResult[],
  writes: Awaited<ReturnType<typeof writeLoad>> | undefined,
  setting: string,
): string {
  const lines: string[] = [];
  lines.push(`## Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, '');
  lines.push(
    `Machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}.`,
  );
  lines.push(`Setting: ${setting}. Gateways, subgraphs and the load generator share the machine.`, '');
  lines.push(
    '| operation | gateway | req/s | p50 ms | p99 ms | requests | errors | SQL/request (centers, schools, libraries, cultural, civil) | gateway RSS MB |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---|---:|');
  const row = (result: LoadResult | undefined, gateway: string) => {
    if (!result) return;
    const sql = result.sqlPerRequest ? SUBGRAPH_NAMES.map((n) => fmt(result.sqlPerRequest![n], 1)).join(', ') : '—';
    lines.push(
      `| ${result.label} | ${gateway} | ${fmt(result.rps)} | ${result.p50} | ${result.p99} | ${result.requests} | ${result.errors} | ${sql} | ${fmt(result.gatewayRssMb)} |`,
    );
  };
  for (const result of ours) {
    row(result, 'Baeumteo');
    row(
      uncached.find((u) => u.label === result.label),
      'Baeumteo, no response cache',
    );
    row(
      hive.find((h) => h.label === result.label),
      'Hive Gateway',
    );
  }
  if (writes) {
    lines.push(
      `| partner creates + publishes, 3 residents enroll | Baeumteo | ${fmt(writes.rps)} | ${writes.p50} | ${writes.p99} | ${writes.requests} | ${writes.errors} | | |`,
    );
  }
  lines.push(
    '',
    'CPU per request in ms (user + system from /proc over the recorded run; the load generator not counted):',
    '',
    `| operation | gateway | all processes | ${PROCESS_NAMES.map(shortName).join(' | ')} |`,
    `|---|---|---:|${PROCESS_NAMES.map(() => '---:').join('|')}|`,
  );
  const cpuRow = (result: LoadResult | undefined, gateway: string) => {
    const cpu = result?.cpuPerRequest;
    if (!cpu) return;
    lines.push(
      `| ${result.label} | ${gateway} | ${fmt(totalCpu(cpu), 1)} | ${PROCESS_NAMES.map((n) => fmt(cpu[n], 1)).join(' | ')} |`,
    );
  };
  for (const result of uncached) {
    cpuRow(result, 'Baeumteo, no response cache');
    cpuRow(
      hive.find((h) => h.label === result.label),
      'Hive Gateway',
    );
  }
  if (hive.length > 0) {
    lines.push('', 'Throughput ratio, Baeumteo / Hive Gateway:', '');
    for (const result of ours) {
      const other = hive.find((h) => h.label === result.label);
      const plain = uncached.find((u) => u.label === result.label);
      if (other)
        lines.push(
          `- ${result.label}: ${(result.rps / other.rps).toFixed(2)}x${plain ? ` (without the response cache ${(plain.rps / other.rps).toFixed(2)}x)` : ''}`,
        );
    }
  }
  if (writes)
    lines.push('', `Writes: ${writes.flows} complete flows (create, publish, 3 enrollments) in the write run.`);
  return lines.join('\n');
}

interface SoakResult {
  seconds: number;
  reads: number;
  readErrors: number;
  writes: Awaited<ReturnType<typeof writeLoad>>;
  /** RSS in MB of each process, sampled every SOAK_SAMPLE_MS. */
  rss: Record<ProcessName, number[]>;
}

const SOAK_SAMPLE_MS = 5000;
/** The RSS a process settles at after its first minute is the baseline of the soak's ±15% check. */
const SOAK_BASELINE_MS = 60_000;

/**
 * Issue 15's memory check: the three reads with varied variables (half of them past the response cache) and the
 * write flow together for `seconds`, RSS of every process sampled meanwhile.
 */
async function soak(stack: RunningStack, samples: Samples, seconds: number): Promise<SoakResult> {
  const rss = Object.fromEntries(PROCESS_NAMES.map((name) => [name, [] as number[]])) as SoakResult['rss'];
  const sampler = setInterval(() => {
    for (const name of PROCESS_NAMES) rss[name].push(rssMb(stack.pid(name)) ?? Number.NaN);
  }, SOAK_SAMPLE_MS);
  let i = 0;
  let graphqlErrors = 0;
  try {
    const [reads, writes] = await Promise.all([
      autocannon({
        url: stack.gatewayUrl,
        connections: Math.max(1, connections - 4),
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (request: object) => {
              const n = i++;
              const operation = READ_OPERATIONS[n % READ_OPERATIONS.length];
              return {
                ...request,
                headers: { 'content-type': 'application/json', ...(n % 2 ? { 'cache-control': 'no-cache' } : {}) },
                body: JSON.stringify({ query: operation.query, variables: variablesFor(operation, samples, n) }),
              };
            },
            onResponse: (_status: number, body: string) => {
              if (body.includes('"errors"')) graphqlErrors++;
            },
          },
        ],
      }),
      writeLoad(stack, samples, seconds, 4),
    ]);
    return {
      seconds,
      reads: reads.requests.total,
      readErrors: reads.errors + reads.timeouts + reads.non2xx + graphqlErrors,
      writes,
      rss,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The RSS at the end of each minute: whether a process grows steadily or saws up and down. */
const everyMinute = (samples: number[]) =>
  samples
    .filter((_, i) => ((i + 1) * SOAK_SAMPLE_MS) % 60_000 === 0)
    .map((v) => fmt(v))
    .join(' ');

function soakReport(result: SoakResult, setting: string): string {
  const baselineIndex = Math.floor(Math.min(SOAK_BASELINE_MS, (result.seconds * 1000) / 2) / SOAK_SAMPLE_MS) - 1;
  const lines = [
    `## Soak of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} CPUs, Node ${process.version}. Setting: ${setting}.`,
    `${result.seconds} s of the three reads (varied, every other one with \`cache-control: no-cache\`) on ${Math.max(1, connections - 4)} connections, together with 4 partners creating and publishing programs that residents enroll in: ${result.reads} reads (${result.readErrors} errors), ${result.writes.requests} writes (${result.writes.errors} errors).`,
    `RSS sampled every ${SOAK_SAMPLE_MS / 1000} s; the baseline is the sample at ${((baselineIndex + 1) * SOAK_SAMPLE_MS) / 1000} s, and every later sample must lie within ±15% of it.`,
    '',
    '| process | RSS at 1 min MB | min after MB | max after MB | last MB | peak MB | within ±15% | each minute MB |',
    '|---|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const name of PROCESS_NAMES) {
    const samples = result.rss[name];
    const baseline = samples[baselineIndex];
    const after = samples.slice(baselineIndex + 1).filter((v) => !Number.isNaN(v));
    const min = Math.min(...after);
    const max = Math.max(...after);
    const within = after.length > 0 && min >= baseline * 0.85 && max <= baseline * 1.15;
    lines.push(
      `| ${shortName(name)} | ${fmt(baseline)} | ${fmt(min)} | ${fmt(max)} | ${fmt(samples.at(-1))} | ${fmt(Math.max(...samples.filter((v) => !Number.isNaN(v))))} | ${within ? 'yes' : 'NO'} | ${everyMinute(samples)} |`,
    );
  }
  return lines.join('\n');
}

/** Puts a section at the top of BENCHMARKS.md (newest first). */
function writeSection(section: string): void {
  console.log(`\n${section}\n`);
  const existing = existsSync(args.out)
    ? readFileSync(args.out, 'utf8')
    : '# Benchmarks\n\nWritten by `npm run bench` (scripts/bench.ts); newest run first.\n';
  const [head, ...rest] = existing.split(/\n(?=## (?:Run|Soak) of )/);
  writeFileSync(args.out, [head.trimEnd(), section, ...rest].join('\n\n').trimEnd() + '\n');
  console.log(`Written to ${args.out}`);
}

async function main(): Promise<void> {
  installBenchDependencies();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development', // the SQL debug counters exist outside production only
    DATA_DIR: process.env.DATA_DIR ?? join(ROOT, 'data', 'bench'),
    PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    // The load comes from one address at thousands of requests a minute: not what the rate limit is for.
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
  };
  for (const name of SUBGRAPH_NAMES) {
    env[subgraphVariable(name, 'PORT')] = String(await freePort());
    delete env[subgraphVariable(name, 'URL')];
  }
  console.log(`Starting the hub (${databaseKind({ databaseUrl: env.DATABASE_URL })}; seeding on first start) ...`);
  const stack = await launchStack({
    env,
    onLine: (service, line) => /error|exited/i.test(line) && console.log(`[${service}] ${line}`),
  });
  let hive: { url: string; child: ChildProcess } | undefined;
  try {
    const samples = await collectSamples((query, variables) => post(stack.gatewayUrl, query, variables));
    const programs = env.SEED_PROGRAMS ?? String(stack.config.seed.programs);
    if (args.soak) {
      const result = await soak(stack, samples, Number(args.soak));
      writeSection(soakReport(result, `${databaseKind(stack.config)}, ${programs} seeded programs`));
      return;
    }
    const operations = READ_OPERATIONS.filter((op) => !args.only || args.only.split(',').includes(op.name));
    const cases = operations.flatMap((operation) =>
      [false, true].map((identical) => ({
        operation,
        identical,
        label: `${operation.title}, ${identical ? 'identical' : 'varied'}`,
      })),
    );

    const ours: LoadResult[] = [];
    const uncached: LoadResult[] = [];
    const hiveResults: LoadResult[] = [];
    if (!args['no-hive']) hive = await startHive(stack);
    /** One recorded run after a warm-up; SQL counted around it (one gateway runs at a time). */
    const pidsOf = (gatewayPid: number | undefined): Pids =>
      Object.fromEntries(
        PROCESS_NAMES.map((name) => [name, name === 'gateway' ? gatewayPid : stack.pid(name)]),
      ) as Pids;
    const measure = async (
      url: string,
      gatewayPid: number | undefined,
      operation: Operation,
      identical: boolean,
      headers: Record<string, string>,
    ) => {
      await load(url, operation, samples, identical, headers).catch(() => undefined); // warm-up, not recorded
      const pids = pidsOf(gatewayPid);
      const before = await statementCounts(stack);
      const cpuBefore = cpuOf(pids);
      const result = await load(url, operation, samples, identical, headers);
      const cpuAfter = cpuOf(pids);
      const after = await statementCounts(stack);
      const perRequest = (delta: number) => delta / Math.max(1, result.requests);
      const sqlPerRequest = Object.fromEntries(
        SUBGRAPH_NAMES.map((n) => [n, perRequest(after[n] - before[n])]),
      ) as Record<SubgraphName, number>;
      const cpuPerRequest = Object.fromEntries(
        PROCESS_NAMES.map((n) => [n, perRequest(cpuAfter[n] - cpuBefore[n])]),
      ) as Record<ProcessName, number>;
      return { ...result, sqlPerRequest, cpuPerRequest };
    };
    // Case by case, our gateway without the response cache (cache-control: no-cache: every answer computed by the
    // subgraphs) and Hive Gateway back to back, so both meet the same machine; then ours as configured (cache on).
    // Reads before writes: both gateways read the same data.
    for (const { operation, identical, label } of cases) {
      const plain = await measure(stack.gatewayUrl, stack.pid('gateway'), operation, identical, {
        'cache-control': 'no-cache',
      });
      uncached.push({ label, ...plain, gatewayRssMb: rssMb(stack.pid('gateway')) });
      console.log(
        `Baeumteo (no response cache) ${label}: ${fmt(plain.rps)} req/s, p50 ${plain.p50} ms, p99 ${plain.p99} ms, CPU ${fmt(totalCpu(plain.cpuPerRequest), 1)} ms/request, errors ${plain.errors}`,
      );
      if (hive) {
        const other = await measure(hive.url, hive.child.pid, operation, identical, {});
        hiveResults.push({ label, ...other, gatewayRssMb: rssMb(hive.child.pid) });
        console.log(
          `Hive ${label}: ${fmt(other.rps)} req/s, p50 ${other.p50} ms, p99 ${other.p99} ms, CPU ${fmt(totalCpu(other.cpuPerRequest), 1)} ms/request, errors ${other.errors}`,
        );
      }
      const cached = await measure(stack.gatewayUrl, stack.pid('gateway'), operation, identical, {});
      ours.push({ label, ...cached, gatewayRssMb: rssMb(stack.pid('gateway')) });
      console.log(
        `Baeumteo ${label}: ${fmt(cached.rps)} req/s, p50 ${cached.p50} ms, p99 ${cached.p99} ms, errors ${cached.errors}`,
      );
    }

    const writes =
      args.only && !args.only.split(',').includes('writes')
        ? undefined
        : await writeLoad(stack, samples, Number(args['write-duration']), connections);
    if (writes)
      console.log(
        `Baeumteo writes: ${fmt(writes.rps)} req/s, p50 ${writes.p50} ms, p99 ${writes.p99} ms, errors ${writes.errors}`,
      );

    const setting = `${databaseKind(stack.config)}, ${programs} seeded programs, ${duration} s per case after a ${duration} s warm-up, ${connections} connections`;
    writeSection(report(ours, uncached, hiveResults, writes, setting));
  } finally {
    hive?.child.kill('SIGTERM');
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
