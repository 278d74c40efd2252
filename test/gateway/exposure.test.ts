import type { RunningGateway } from '../../gateway/gateway';
import { postRaw, productionOverrides, startTestGateway } from '../support/gateway';
import { graphql, testStack } from '../support/stack';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPO = '{ districts { nameKorean } }'; // the field is nameKo

describe('a gateway in production mode', () => {
  let production: RunningGateway;
  beforeAll(async () => {
    production = await startTestGateway({ ...productionOverrides(), CORS_ORIGINS: 'https://app.example.org, https://partner.example.org' });
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
    const { errors } = await graphql(production.url, 'query ($f: ProgramFilter) { programs(filter: $f) { totalCount } }', { f: { trak: 'X' } });
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
      fetch(production.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    const allowed = await preflight('https://partner.example.org');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://partner.example.org');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const local = await preflight('http://localhost:3000');
    expect(local.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF prevention on: a form-like POST is refused, a JSON POST and a plain GET query run', async () => {
    const form = await fetch(production.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ districts { code } }' }) });
    expect(form.status).toBe(400);
    expect(await form.text()).toMatch(/CSRF/);
    const get = await fetch(`${production.url}?query=${encodeURIComponent('{ districts { code } }')}`, { headers: { accept: 'application/json' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: { districts: unknown[] } }).data.districts).toHaveLength(25);
  });

  it('refuses a GET that carries cookies without a preflight header, and any mutation over GET', async () => {
    const withCookie = await fetch(`${production.url}?query=${encodeURIComponent('{ districts { code } }')}`, { headers: { cookie: 'session=1' } });
    expect(withCookie.status).toBe(400);
    const mutation = await fetch(`${production.url}?query=${encodeURIComponent('mutation { __typename }')}`);
    expect(mutation.status).toBe(405);
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

describe('the development gateway (the test stack)', () => {
  it('answers introspection and suggests fields, with a stack trace', async () => {
    expect((await graphql(testStack().gatewayUrl, INTROSPECTION)).errors).toBeUndefined();
    const { errors } = await graphql(testStack().gatewayUrl, TYPO);
    expect(errors![0].message).toMatch(/Did you mean .*"nameKo"/);
    expect(errors![0].extensions?.stacktrace).toBeDefined();
  });

  it('allows localhost origins by default and no others', async () => {
    const local = await postRaw(testStack().gatewayUrl, JSON.stringify({ query: '{ __typename }' }), { origin: 'http://localhost:5173' });
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await postRaw(testStack().gatewayUrl, JSON.stringify({ query: '{ __typename }' }), { origin: 'https://example.com' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
