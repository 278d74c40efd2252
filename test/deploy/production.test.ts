/**
 * Safe out of the box (production mode, real processes): a service refuses the
 * public development secrets unless development mode is asked for, tokens are
 * verified with the deployment's public key only, and each subgraph holds only
 * its own gateway secret.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { GATEWAY_SECRET_HEADER, Role } from '../../lib/auth';
import { subgraphVariable } from '../../lib/config';
import { freePort } from '../../scripts/ports';
import { REGISTER, ROOT, postgresUrlWithSuffix, spawnProcess, terminate, waitReady } from '../support/processes';
import {
  crossSubgraphWrites,
  keysFromScript,
  makeKeys,
  post,
  productionEnv,
  productionToken,
  removeData,
  startHub,
  type Hub,
  type ProductionKeys,
} from '../support/production-hub';

const CENTERS = join(ROOT, 'subgraphs', 'centers', 'main.ts');
const GATEWAY = join(ROOT, 'gateway', 'main.ts');

describe('a service started without an explicit development mode', () => {
  it.each([
    ['the gateway', GATEWAY],
    ['a subgraph', CENTERS],
  ])('%s refuses to start without its own secrets, saying what to set', async (_what, entry) => {
    const service = spawnProcess(['-r', REGISTER, entry], { PATH: process.env.PATH!, LOG_LEVEL: 'info' });
    expect(await service.exited).toBe(1);
    const output = service.output.join('\n');
    expect(output).toContain('NODE_ENV is unset, so production');
    expect(output).toContain('JWT_PUBLIC_KEY_FILE');
    expect(output).toContain('NODE_ENV=development');
  });

  it('starts with NODE_ENV=development and the built-in development secrets', async () => {
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH!,
      NODE_ENV: 'development',
      CENTERS_PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'baeumteo-dev-')),
      SEED_PROGRAMS: '50',
      LOG_LEVEL: 'warn',
    };
    if (process.env.DATABASE_URL) env.DATABASE_URL = postgresUrlWithSuffix(process.env.DATABASE_URL, `dev${port}`);
    const service = spawnProcess(['-r', REGISTER, CENTERS], env);
    try {
      await waitReady(`http://127.0.0.1:${port}/ready`, service);
    } finally {
      expect((await terminate(service)).code).toBe(0);
      removeData(env);
    }
  });
});

describe('a production subgraph', () => {
  let keys: ProductionKeys;
  beforeAll(async () => {
    keys = await makeKeys();
  });

  it('refuses to hold the root GATEWAY_SECRET, which would open every subgraph', async () => {
    const env = await productionEnv(keys);
    const service = spawnProcess(['-r', REGISTER, CENTERS], { ...env, GATEWAY_SECRET: 'r'.repeat(40) });
    expect(await service.exited).toBe(1);
    expect(service.output.join('\n')).toContain("GATEWAY_SECRET is the gateway's root");
  });

  it('refuses a signing secret (JWT_SECRET) beside the public key', async () => {
    const env = await productionEnv(keys);
    const service = spawnProcess(['-r', REGISTER, CENTERS], { ...env, JWT_SECRET: 's'.repeat(40) });
    expect(await service.exited).toBe(1);
    expect(service.output.join('\n')).toContain('JWT_SECRET: a production service holds no signing key');
  });
});

describe('a production hub', () => {
  let keys: ProductionKeys;
  let env: Record<string, string>;
  let hub: Hub;
  beforeAll(async () => {
    keys = await keysFromScript(); // ES256, verified through the JWKS document `npm run keys` writes
    env = await productionEnv(keys);
    hub = await startHub(env);
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  const viewer = (token: string) =>
    post(hub.gatewayUrl, '{ viewer { subject role } }', {}, { authorization: `Bearer ${token}` });
  const claims = { role: 'CITY_ADMIN', sub: 'deploy-test-admin' };
  const signed = (header: { alg: string }, _key: Parameters<SignJWT['sign']>[0]) =>
    new SignJWT(claims).setProtectedHeader(header).setIssuer('baeumteo').setAudience('baeumteo').setIssuedAt();

  it('accepts a token signed with the private key, verified by JWT_PUBLIC_KEY_FILE in the gateway and the subgraph', async () => {
    const { status, body } = await viewer(
      await productionToken(keys, { sub: 'deploy-test-analyst', role: Role.ANALYST }),
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data.viewer).toEqual({ subject: 'deploy-test-analyst', role: 'ANALYST' });
  });

  it('accepts the tokens of `npm run token --private-key`, each with a subject of its own', async () => {
    const mint = () =>
      execFileSync(
        process.execPath,
        ['-r', REGISTER, join(ROOT, 'scripts', 'token.ts'), '--role', 'RESIDENT', '--private-key', keys.privateKeyFile],
        { cwd: ROOT, env: { PATH: process.env.PATH! } },
      )
        .toString()
        .trim();
    const [first, second] = [(await viewer(mint())).body, (await viewer(mint())).body];
    expect(first.errors).toBeUndefined();
    expect(first.data.viewer.subject).toMatch(/^resident-[0-9a-f-]{36}$/);
    expect(second.data.viewer.subject).toMatch(/^resident-[0-9a-f-]{36}$/);
    expect(second.data.viewer.subject).not.toBe(first.data.viewer.subject);
  });

  it('refuses a token without exp', async () => {
    const token = await signed({ alg: keys.signingKey.alg }, keys.signingKey.key).sign(keys.signingKey.key);
    const { status, body } = await viewer(token);
    expect(status).toBe(401);
    expect(body.errors![0].message).toContain('"exp"');
  });

  it('refuses a token living 30 days (JWT_MAX_LIFETIME is 24h)', async () => {
    const token = await signed({ alg: keys.signingKey.alg }, keys.signingKey.key)
      .setExpirationTime('30d')
      .sign(keys.signingKey.key);
    const { status, body } = await viewer(token);
    expect(status).toBe(401);
    expect(body.errors![0].message).toContain('JWT_MAX_LIFETIME');
  });

  it('refuses a 30-day token that claims to have been issued a minute before it expires', async () => {
    const exp = Math.floor(Date.now() / 1000) + 30 * 86400;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: keys.signingKey.alg })
      .setIssuer('baeumteo')
      .setAudience('baeumteo')
      .setIssuedAt(exp - 60)
      .setExpirationTime(exp)
      .sign(keys.signingKey.key);
    expect((await viewer(token)).status).toBe(401);
  });

  it('refuses an HS256 token when a public key is configured', async () => {
    const secret = new TextEncoder().encode('baeumteo-development-jwt-secret-not-for-production');
    const token = await signed({ alg: 'HS256' }, secret).setExpirationTime('1h').sign(secret);
    const { status, body } = await viewer(token);
    expect(status).toBe(401);
    expect(body.errors![0].message).toMatch(/alg/);
  });

  it("opens a subgraph with its own secret only: another subgraph's secret gets 401", async () => {
    const centersSecret = env[subgraphVariable('centers', 'GATEWAY_SECRET')];
    const schoolsSecret = env[subgraphVariable('schools', 'GATEWAY_SECRET')];
    expect(
      (await post(hub.subgraphUrls.schools, '{ __typename }', {}, { [GATEWAY_SECRET_HEADER]: centersSecret })).status,
    ).toBe(401);
    expect(
      (await post(hub.subgraphUrls.schools, '{ __typename }', {}, { [GATEWAY_SECRET_HEADER]: schoolsSecret })).status,
    ).toBe(200);
  });

  it("relays a subgraph's _entities question only, and only with the asking subgraph's own secret", async () => {
    const relay = new URL('/internal/entities', hub.gatewayUrl).toString();
    const ask = (asker: string, secret: string, query: string) =>
      fetch(relay, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-subgraph': asker, [GATEWAY_SECRET_HEADER]: secret },
        body: JSON.stringify({
          subgraph: 'centers',
          query,
          variables: { r: [{ __typename: 'District', code: '11680' }] },
        }),
      });
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on District { code } } }';
    const centersSecret = env.CENTERS_GATEWAY_SECRET;
    const librariesSecret = env.LIBRARIES_GATEWAY_SECRET;
    expect((await ask('civil-providers', centersSecret, entities)).status).toBe(401);
    expect((await ask('libraries', librariesSecret, 'mutation { __typename }')).status).toBe(400);
    expect((await ask('libraries', librariesSecret, '{ _service { sdl } }')).status).toBe(400);
    const answer = await ask('libraries', librariesSecret, entities);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { _entities: [{ code: '11680' }] } });
  });

  it('makes the writes that cross subgraphs, each subgraph asking the others through the gateway', async () => {
    const admin = await productionToken(keys, { sub: 'deploy-test-admin', role: Role.CITY_ADMIN });
    const writes = await crossSubgraphWrites(hub.gatewayUrl, admin);
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
    expect(writes.unknownDistrict.body.data.updateCivilProviderProfile.userErrors).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'districtCodes', '0'] },
    ]);
  });
});
