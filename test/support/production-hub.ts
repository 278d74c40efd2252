/**
 * Production-mode services for the deployment tests: a key pair made the way
 * `npm run keys` makes it, per-subgraph gateway secrets, and service processes
 * started on their own (not the jest test stack, which runs in test mode).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { loadSigningKey, signToken, type SigningKey, type TokenClaims } from '../../lib/auth';
import { loadConfig, serviceEnv, SUBGRAPH_NAMES, subgraphVariable, type ServiceName } from '../../lib/config';
import { entryPoint } from '../../scripts/stack';
import {
  REGISTER,
  ROOT,
  dropDatabases,
  hubEnv,
  postgresUrlWithSuffix,
  spawnProcess,
  terminate,
  waitReady,
  type ServiceProcess,
} from './processes';
import { heapLimitFlag } from '../../lib/service';

export interface ProductionKeys {
  dir: string;
  privateKeyFile: string;
  publicKeyFile: string;
  signingKey: SigningKey;
}

/** An EdDSA key pair in a fresh directory. */
export async function makeKeys(): Promise<ProductionKeys> {
  const dir = mkdtempSync(join(tmpdir(), 'baeumteo-keys-'));
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  const privateKeyFile = join(dir, 'jwt-private.pem');
  const publicKeyFile = join(dir, 'jwt-public.pem');
  writeFileSync(privateKeyFile, await exportPKCS8(privateKey), { mode: 0o600 });
  writeFileSync(publicKeyFile, await exportSPKI(publicKey));
  return { dir, privateKeyFile, publicKeyFile, signingKey: await loadSigningKey(privateKeyFile) };
}

/** The key pair `npm run keys` writes; the services verify with its JWKS document (JWT_PUBLIC_KEY_FILE=jwks.json). */
export async function keysFromScript(): Promise<ProductionKeys> {
  const dir = join(mkdtempSync(join(tmpdir(), 'baeumteo-keys-')), 'keys');
  execFileSync(process.execPath, ['-r', REGISTER, join(ROOT, 'scripts', 'keys.ts'), '--out', dir, '--alg', 'ES256'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  const privateKeyFile = join(dir, 'jwt-private.pem');
  return {
    dir,
    privateKeyFile,
    publicKeyFile: join(dir, 'jwks.json'),
    signingKey: await loadSigningKey(privateKeyFile),
  };
}

/** Fresh 43-character secrets, one per subgraph, as an operator would set them. */
export function subgraphSecrets(): Record<string, string> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [subgraphVariable(name, 'GATEWAY_SECRET'), randomBytes(32).toString('base64url')]),
  );
}

/**
 * A production environment for the whole hub on loopback with free ports: its own PostgreSQL databases when the
 * suite runs on PostgreSQL (as production runs; on Node 24 the embedded database is refused), otherwise SQLite in a
 * fresh directory. `removeData` drops them.
 */
export async function productionEnv(keys: ProductionKeys): Promise<Record<string, string>> {
  const base = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    SEED_PROGRAMS: '200',
    LOG_LEVEL: 'warn',
    JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
    PUBLIC_URL: 'https://baeumteo.example.org',
    ...subgraphSecrets(),
  };
  const env = (await hubEnv(base, undefined, 'baeumteo-prod-')) as Record<string, string>;
  if (process.env.DATABASE_URL) env.DATABASE_URL = postgresUrlWithSuffix(process.env.DATABASE_URL, `prod${env.PORT}`);
  return env;
}

/** Drops the databases of a production environment (once its services have stopped). */
export function removeData(env: Record<string, string>): void {
  if (env.DATABASE_URL) dropDatabases(env);
  rmSync(env.DATA_DIR, { recursive: true, force: true });
}

/** A production token signed with the deployment's private key. */
export function productionToken(keys: ProductionKeys, claims: TokenClaims, expiresIn = '1h'): Promise<string> {
  return signToken(claims, loadConfig({ NODE_ENV: 'production' }).auth, expiresIn, keys.signingKey);
}

export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

/**
 * The writes that cross subgraphs, each checked by the writing subgraph with
 * the owner (lib/entity-lookup.ts): a partnership of a center with a library,
 * a program of that library in one of its rooms, and a civil provider's
 * districts. Returns what each answered, for the test to judge.
 */
export async function crossSubgraphWrites(gatewayUrl: string, adminToken: string) {
  const authorization = { authorization: `Bearer ${adminToken}` };
  const read = await post(
    gatewayUrl,
    `{ districts { code libraries(first: 20) { edges { node { id spaces { id } } } } civilProviders(first: 1) { edges { node { id } } } }
       learningCenters(first: 100) { edges { node { id district { code } } } } }`,
  );
  if (read.body.errors) throw new Error(JSON.stringify(read.body.errors));
  const districts = read.body.data.districts as any[];
  const centers = read.body.data.learningCenters.edges.map((e: any) => e.node);
  const district = districts.find(
    (d) =>
      centers.some((c: any) => c.district.code === d.code) &&
      d.libraries.edges.some((e: any) => e.node.spaces.length > 0),
  );
  const centerId = centers.find((c: any) => c.district.code === district.code).id as string;
  const library = district.libraries.edges.map((e: any) => e.node).find((l: any) => l.spaces.length > 0);
  const provider = districts.flatMap((d) => d.civilProviders.edges)[0].node.id as string;

  const partnership = await post(
    gatewayUrl,
    `mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { userErrors { code message field } partnership { id partner { ... on Library { id } } } } }`,
    { input: { centerId, partner: { type: 'LIBRARY', id: library.id }, kind: 'CO_HOSTING' } },
    authorization,
  );
  const program = await post(
    gatewayUrl,
    `mutation($input: CreateProgramInput!) { createProgram(input: $input) { userErrors { code message field } program { id venue { ... on LibrarySpace { id } } } } }`,
    {
      input: {
        centerId,
        host: { type: 'LIBRARY', id: library.id },
        venue: { type: 'LIBRARY_SPACE', id: library.spaces[0].id },
        title: '배포 시험 프로그램',
        track: 'LIFE_CULTURE',
        fieldCode: '1-1',
        startsOn: '2027-03-02',
        endsOn: '2027-04-27',
        capacity: 10,
        feeKrw: 0,
      },
    },
    authorization,
  );
  const codes = districts.slice(0, 2).map((d) => d.code as string);
  const provide = await post(
    gatewayUrl,
    `mutation($input: UpdateCivilProviderProfileInput!) { updateCivilProviderProfile(input: $input) { userErrors { code message field } civilProvider { districts { code } } } }`,
    { input: { id: provider, districtCodes: codes } },
    authorization,
  );
  const unknownDistrict = await post(
    gatewayUrl,
    `mutation($input: UpdateCivilProviderProfileInput!) { updateCivilProviderProfile(input: $input) { userErrors { code field } } }`,
    { input: { id: provider, districtCodes: ['99999'] } },
    authorization,
  );
  return {
    library: library.id as string,
    space: library.spaces[0].id as string,
    codes,
    partnership,
    program,
    provide,
    unknownDistrict,
  };
}

export interface Hub {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  services: Map<ServiceName, ServiceProcess>;
  /** SIGTERMs every service still running. */
  stop(): Promise<void>;
}

/** Each subgraph and the gateway as a process of its own with only its own environment (serviceEnv, as the launcher gives it). */
export async function startHub(env: Record<string, string>): Promise<Hub> {
  const services = new Map<ServiceName, ServiceProcess>();
  const stop = async () => {
    await Promise.all([...services.values()].map((service) => terminate(service)));
    removeData(env);
  };
  const url = (port: string, path: string) => `http://127.0.0.1:${port}${path}`;
  try {
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const service = spawnProcess([heapLimitFlag(name), '-r', REGISTER, entryPoint(name)], serviceEnv(env, name));
        services.set(name, service);
        await waitReady(url(env[subgraphVariable(name, 'PORT')], '/ready'), service);
      }),
    );
    const gateway = spawnProcess(
      [heapLimitFlag('gateway'), '-r', REGISTER, entryPoint('gateway')],
      serviceEnv(env, 'gateway'),
    );
    services.set('gateway', gateway);
    await waitReady(url(env.PORT, '/ready'), gateway);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl: url(env.PORT, '/graphql'),
    subgraphUrls: Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, url(env[subgraphVariable(name, 'PORT')], '/graphql')]),
    ),
    services,
    stop,
  };
}
