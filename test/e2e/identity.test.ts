import { SignJWT } from 'jose';
import { GATEWAY_SECRET_HEADER, Role } from '../../lib/auth';
import { SUBGRAPH_NAMES, loadConfig } from '../../lib/config';
import { graphql, testStack, tokenFor } from '../support/stack';

const config = () => loadConfig(testStack().env);

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] },
  };
}

describe('a subgraph reached directly', () => {
  const probes = {
    'its SDL': '{ _service { sdl } }',
    'entity resolution': '{ _entities(representations: [{ __typename: "District", code: "11680" }]) { __typename } }',
    'an ordinary query': '{ __typename }',
  };

  it.each(SUBGRAPH_NAMES.flatMap((name) => Object.entries(probes).map(([what, query]) => [name, what, query])))(
    '%s refuses %s without the gateway secret',
    async (name, _what, query) => {
      const { status, body } = await post(testStack().subgraphUrls[name as (typeof SUBGRAPH_NAMES)[number]], query);
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    },
  );

  it.each(SUBGRAPH_NAMES)('%s refuses the secret of another subgraph and a wrong one', async (name) => {
    const other = SUBGRAPH_NAMES.find((n) => n !== name)!;
    const url = testStack().subgraphUrls[name];
    expect(
      (await post(url, '{ __typename }', { [GATEWAY_SECRET_HEADER]: config().subgraphs[other].gatewaySecret! })).status,
    ).toBe(401);
    expect((await post(url, '{ __typename }', { [GATEWAY_SECRET_HEADER]: 'x'.repeat(43) })).status).toBe(401);
  });

  it.each(SUBGRAPH_NAMES)('%s answers the gateway with its own secret', async (name) => {
    const { status, body } = await post(testStack().subgraphUrls[name], '{ _service { sdl } }', {
      [GATEWAY_SECRET_HEADER]: config().subgraphs[name].gatewaySecret!,
    });
    expect(status).toBe(200);
    expect(JSON.stringify(body.data)).toContain('@key');
  });
});

describe('the gateway', () => {
  const query = '{ districts { code } }';

  it('serves public data to anonymous callers', async () => {
    const { status, data, errors } = await graphql(testStack().gatewayUrl, query);
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    expect(data!.districts).toHaveLength(25);
  });

  it('accepts a valid token and passes it on to the subgraphs', async () => {
    const token = await tokenFor({ sub: 'analyst-1', role: Role.ANALYST });
    // viewer is answered by the centers subgraph from the token it verified itself.
    const { data, errors } = await graphql(
      testStack().gatewayUrl,
      '{ viewer { subject role } districts { code } }',
      undefined,
      {},
      { token },
    );
    expect(errors).toBeUndefined();
    expect(data!.viewer).toEqual({ subject: 'analyst-1', role: 'ANALYST' });
    expect(data!.districts).toHaveLength(25);
    const anonymous = await graphql(testStack().gatewayUrl, '{ viewer { subject } }');
    expect(anonymous.data!.viewer).toBeNull();
  });

  const auth = () => config().auth;
  const badTokens: [string, () => Promise<string>][] = [
    [
      'a token signed with another key',
      () =>
        new SignJWT({ role: 'CITY_ADMIN' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer(auth().issuer)
          .setAudience(auth().audience)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode('another-secret-another-secret-another-secret')),
    ],
    [
      'an expired token',
      () =>
        new SignJWT({ role: 'CITY_ADMIN' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer(auth().issuer)
          .setAudience(auth().audience)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
          .sign(new TextEncoder().encode(auth().jwtSecret)),
    ],
    [
      'a token for another audience',
      () =>
        new SignJWT({ role: 'CITY_ADMIN' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer(auth().issuer)
          .setAudience('someone-else')
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(auth().jwtSecret)),
    ],
    [
      'a token with an unknown role',
      () =>
        new SignJWT({ role: 'SUPERUSER' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer(auth().issuer)
          .setAudience(auth().audience)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(auth().jwtSecret)),
    ],
    [
      'a district officer token without its district',
      () =>
        new SignJWT({ role: 'DISTRICT_OFFICER' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer(auth().issuer)
          .setAudience(auth().audience)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(auth().jwtSecret)),
    ],
    [
      'a token whose subject is longer than 255 characters',
      () =>
        new SignJWT({ role: 'RESIDENT' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('r'.repeat(256))
          .setIssuer(auth().issuer)
          .setAudience(auth().audience)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(auth().jwtSecret)),
    ],
    ['something that is not a JWT', async () => 'not-a-jwt'],
  ];

  it.each(badTokens)('refuses %s with 401 UNAUTHENTICATED', async (_what, makeToken) => {
    const { status, data, errors } = await graphql(
      testStack().gatewayUrl,
      query,
      undefined,
      {},
      { token: await makeToken() },
    );
    expect(status).toBe(401);
    expect(data ?? null).toBeNull();
    expect(errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const { status, errors } = await graphql(testStack().gatewayUrl, query, undefined, {
      authorization: 'Basic dXNlcjpwYXNz',
    });
    expect(status).toBe(401);
    expect(errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
