import { request } from 'node:http';
import type { RunningGateway } from '../../gateway/gateway';
import { loadConfig } from '../../lib/config';
import { freePort } from '../../scripts/ports';
import { postRaw, productionOverrides, startTestGateway } from '../support/gateway';
import { graphql, testStack } from '../support/stack';
import { createProgram, programMutation } from '../open-data/support';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPO = '{ districts { nameKorean } }'; // the field is nameKo

describe('a gateway in production mode', () => {
  let production: RunningGateway;
  beforeAll(async () => {
    production = await startTestGateway({
      ...productionOverrides(),
      CORS_ORIGINS: 'https://app.example.org, https://partner.example.org',
    });
  });
  afterAll(() => production?.stop());

  it('still answers queries', async () => {
    const { data, errors } = await graphql(production.url, '{ districts { code } }');
    expect(errors).toBeUndefined();
    expect(data!.districts).toHaveLength(25);
  });

  it('refuses introspection', async () => {
    const { data, errors } = await graphql(production.url, INTROSPECTION);
    expect(data).toBeUndefined();
    expect(errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors![0].message).toBe('Introspection is disabled on this server.');
  });

  it('masks validation messages: no field suggestions, no type or field names, the code kept', async () => {
    const { errors } = await graphql(production.url, TYPO);
    expect(errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors![0].message).not.toMatch(/Did you mean|nameKo|District/);
    expect(errors![0].message).toBe('The operation is not valid for this API.');
  });

  it('masks variable errors that name input types', async () => {
    const { errors } = await graphql(
      production.url,
      'query ($f: ProgramFilter) { programs(filter: $f) { totalCount } }',
      { f: { trak: 'X' } },
    );
    expect(errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors![0].message).toBe('Variable "$f" has an invalid value.');
  });

  it('keeps the messages of operation limits, which name no part of the schema', async () => {
    const aliased = `{ ${Array.from({ length: 16 }, (_, i) => `d${i}: districts { code }`).join(' ')} }`;
    const { errors } = await graphql(production.url, aliased);
    expect(errors![0].message).toMatch(/Aliases limit of 15 exceeded/);
  });

  it('sends no stack traces', async () => {
    const { errors } = await graphql(production.url, TYPO);
    expect(errors![0].extensions?.stacktrace).toBeUndefined();
  });

  it('answers preflights only from the allowed origins', async () => {
    const preflight = (origin: string) =>
      fetch(production.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight('https://partner.example.org');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://partner.example.org');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const local = await preflight('http://localhost:3000');
    expect(local.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF prevention on: a form-like POST is refused, a JSON POST runs', async () => {
    const form = await fetch(production.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ districts { code } }' }),
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/CSRF/);
    expect((await graphql(production.url, '{ districts { code } }')).errors).toBeUndefined();
  });

  it('runs a GET query only with the CSRF preflight header, and refuses any mutation over GET', async () => {
    const query = `${production.url}?query=${encodeURIComponent('{ districts { code } }')}`;
    const plain = await fetch(query, { headers: { accept: 'application/json' } });
    expect(plain.status).toBe(400);
    expect(await plain.text()).toMatch(/CSRF/);
    const preflighted = await fetch(query, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
    expect(((await preflighted.json()) as { data: { districts: unknown[] } }).data.districts).toHaveLength(25);
    const mutation = await fetch(`${production.url}?query=${encodeURIComponent('mutation { __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(mutation.status).toBe(405);
  });

  it('sends security headers and no X-Powered-By', async () => {
    const response = await postRaw(production.url, JSON.stringify({ query: '{ __typename }' }));
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('serves no explorer and no /metrics on the public port', async () => {
    const explorer = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(explorer.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(await explorer.text()).not.toMatch(/graphiql/i);
    expect((await fetch(new URL('/metrics', production.url))).status).toBe(404);
  });

  it("builds the feed's absolute URLs from PUBLIC_URL, never from a forged Host header", async () => {
    // A production feed lists only what users published (no generated demonstration records): publish one.
    await programMutation('publishProgram', { id: (await createProgram()).id });
    const url = new URL('/feeds/programs?limit=1', production.url);
    const page = await new Promise<{ next: string; items: { data?: { url: string } }[] }>((resolve, reject) => {
      request(url, { headers: { host: 'evil.example.com' } }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk)).on('end', () => resolve(JSON.parse(text)));
      })
        .on('error', reject)
        .end();
    });
    expect(page.next).toMatch(/^https:\/\/baeumteo\.example\.org\/feeds\/programs\?/);
    expect(page.items[0].data?.url).toMatch(/^https:\/\/baeumteo\.example\.org\/graphql\?/);
    expect(JSON.stringify(page)).not.toContain('evil.example.com');
  });
});

describe('a gateway in production mode with ENABLE_INTROSPECTION=true', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ ...productionOverrides(), ENABLE_INTROSPECTION: 'true' });
  });
  afterAll(() => gateway?.stop());

  it('answers introspection', async () => {
    const { data, errors } = await graphql(gateway.url, INTROSPECTION);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('a gateway in production mode with METRICS_PORT and ENABLE_EXPLORER=true', () => {
  let gateway: RunningGateway;
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
    gateway = await startTestGateway({
      ...productionOverrides(),
      METRICS_PORT: String(metricsPort),
      ENABLE_EXPLORER: 'true',
    });
  });
  afterAll(() => gateway?.stop());

  it('serves /metrics on its own port only', async () => {
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# HELP /m);
    expect((await fetch(new URL('/metrics', gateway.url))).status).toBe(404);
  });

  it('serves the explorer to a browser', async () => {
    const explorer = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(explorer.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe('production settings', () => {
  it('need PUBLIC_URL: absolute URLs never come from the Host header', () => {
    const { PUBLIC_URL: _url, ...withoutPublicUrl } = productionOverrides();
    expect(() => loadConfig({ ...testStack().env, ...withoutPublicUrl }, { service: 'gateway' })).toThrow(
      /production needs PUBLIC_URL/,
    );
  });
});

describe('the development gateway (the test stack)', () => {
  it('answers introspection and suggests fields, with a stack trace', async () => {
    expect((await graphql(testStack().gatewayUrl, INTROSPECTION)).errors).toBeUndefined();
    const { errors } = await graphql(testStack().gatewayUrl, TYPO);
    expect(errors![0].message).toMatch(/Did you mean .*"nameKo"/);
    expect(errors![0].extensions?.stacktrace).toBeDefined();
  });

  it('allows localhost origins by default and no others', async () => {
    const local = await postRaw(testStack().gatewayUrl, JSON.stringify({ query: '{ __typename }' }), {
      origin: 'http://localhost:5173',
    });
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await postRaw(testStack().gatewayUrl, JSON.stringify({ query: '{ __typename }' }), {
      origin: 'https://example.com',
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
