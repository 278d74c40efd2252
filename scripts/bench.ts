/**
 * `npm run bench`: starts the hub (SQLite by default, PostgreSQL with
 * DATABASE_URL), drives operations 1-3 through our gateway with autocannon
 * (varied variables, then identical requests), runs operation 4 (a partner
 * creating and publishing programs, residents enrolling), then runs 1-3 through
 * Hive Gateway on the same subgraphs and supergraph, and writes BENCHMARKS.md.
 *
 *   npm run bench -- --duration 10 --connections 20 [--no-hive] [--only dong-page,program-search] [--out FILE]
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
  gatewayRssMb?: number;
}

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
  const deadline = Date.now() + Number(args['write-duration']) * 1000;
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
  await Promise.all(Array.from({ length: Math.min(connections, samples.centers.length) }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), requests: latencies.length, errors, flows };
}

async function startHive(stack: RunningStack): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const subgraphs = SUBGRAPH_NAMES.map((name) => ({
    name,
    url: stack.subgraphUrls[name],
    gatewaySecret: stack.config.subgraphs[name].gatewaySecret,
  }));
  const child = spawn(process.execPath, [join(BENCH, 'hive-gateway.mjs')], {
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
    const measure = async (url: string, operation: Operation, identical: boolean, headers: Record<string, string>) => {
      await load(url, operation, samples, identical, headers).catch(() => undefined); // warm-up, not recorded
      const before = await statementCounts(stack);
      const result = await load(url, operation, samples, identical, headers);
      const after = await statementCounts(stack);
      const sqlPerRequest = Object.fromEntries(
        SUBGRAPH_NAMES.map((n) => [n, (after[n] - before[n]) / Math.max(1, result.requests)]),
      ) as Record<SubgraphName, number>;
      return { ...result, sqlPerRequest };
    };
    // Case by case, our gateway without the response cache (cache-control: no-cache: every answer computed by the
    // subgraphs) and Hive Gateway back to back, so both meet the same machine; then ours as configured (cache on).
    // Reads before writes: both gateways read the same data.
    for (const { operation, identical, label } of cases) {
      const plain = await measure(stack.gatewayUrl, operation, identical, { 'cache-control': 'no-cache' });
      uncached.push({ label, ...plain, gatewayRssMb: rssMb(stack.pid('gateway')) });
      console.log(
        `Baeumteo (no response cache) ${label}: ${fmt(plain.rps)} req/s, p50 ${plain.p50} ms, p99 ${plain.p99} ms, errors ${plain.errors}`,
      );
      if (hive) {
        const other = await measure(hive.url, operation, identical, {});
        hiveResults.push({ label, ...other, gatewayRssMb: rssMb(hive.child.pid) });
        console.log(
          `Hive ${label}: ${fmt(other.rps)} req/s, p50 ${other.p50} ms, p99 ${other.p99} ms, errors ${other.errors}`,
        );
      }
      const cached = await measure(stack.gatewayUrl, operation, identical, {});
      ours.push({ label, ...cached, gatewayRssMb: rssMb(stack.pid('gateway')) });
      console.log(
        `Baeumteo ${label}: ${fmt(cached.rps)} req/s, p50 ${cached.p50} ms, p99 ${cached.p99} ms, errors ${cached.errors}`,
      );
    }

    const writes = args.only && !args.only.split(',').includes('writes') ? undefined : await writeLoad(stack, samples);
    if (writes)
      console.log(
        `Baeumteo writes: ${fmt(writes.rps)} req/s, p50 ${writes.p50} ms, p99 ${writes.p99} ms, errors ${writes.errors}`,
      );

    const programs = env.SEED_PROGRAMS ?? String(stack.config.seed.programs);
    const setting = `${databaseKind(stack.config)}, ${programs} seeded programs, ${duration} s per case after a ${duration} s warm-up, ${connections} connections`;
    const section = report(ours, uncached, hiveResults, writes, setting);
    console.log(`\n${section}\n`);
    const existing = existsSync(args.out)
      ? readFileSync(args.out, 'utf8')
      : '# Benchmarks\n\nWritten by `npm run bench` (scripts/bench.ts); newest run first.\n';
    const [head, ...rest] = existing.split(/\n(?=## Run of )/);
    writeFileSync(args.out, [head.trimEnd(), section, ...rest].join('\n\n').trimEnd() + '\n');
    console.log(`Written to ${args.out}`);
  } finally {
    hive?.child.kill('SIGTERM');
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
