/**
 * A subgraph's /graphql endpoint runs on node's own HTTP server (lib/subgraph/graphql-endpoint.ts), not express:
 * it must keep everything the express pipeline did for the gateway's requests.
 */
import { GATEWAY_SECRET_HEADER } from '../../lib/auth';
import { loadConfig } from '../../lib/config';
import { testStack } from '../support/stack';

const schools = () => testStack().subgraphUrls.schools;
const secret = () => loadConfig(testStack().env).subgraphs.schools.gatewaySecret!;

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(schools(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: secret(), ...headers },
    body,
  });
}

async function errorCodeOf(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return body.errors?.[0]?.extensions?.code;
}

describe("a subgraph's /graphql endpoint", () => {
  it('answers a query, with the request id it was given', async () => {
    const response = await post(JSON.stringify({ query: '{ schools(first: 2) { edges { node { name } } } }' }), {
      'x-request-id': 'endpoint-test-1',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('endpoint-test-1');
    const body = (await response.json()) as { data: { schools: { edges: unknown[] } } };
    expect(body.data.schools.edges).toHaveLength(2);
  });

  it('gives a request without a well-formed id a new one', async () => {
    const response = await post(JSON.stringify({ query: '{ __typename }' }), { 'x-request-id': 'not an id!' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes variables and the operation name from the body', async () => {
    const response = await post(
      JSON.stringify({
        query: 'query A { a: __typename } query Pick($first: Int!) { schools(first: $first) { edges { cursor } } }',
        operationName: 'Pick',
        variables: { first: 3 },
      }),
    );
    const body = (await response.json()) as { data: { schools: { edges: unknown[] } } };
    expect(body.data.schools.edges).toHaveLength(3);
  });

  it('refuses a body over 1 MB with 413 and answers the next request', async () => {
    const response = await post(JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
    expect(await errorCodeOf(response)).toBe('BAD_REQUEST');
    expect((await post(JSON.stringify({ query: '{ __typename }' }))).status).toBe(200);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await post('{"query": "{ __typename }"');
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('BAD_REQUEST');
  });

  it('leaves a request that is not JSON to Apollo Server, which refuses it', async () => {
    const response = await post('{ __typename }', { 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
  });

  it('checks the secret before it reads the body', async () => {
    const response = await fetch(schools(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(2_000_000),
    });
    expect(response.status).toBe(401);
    expect(await errorCodeOf(response)).toBe('UNAUTHENTICATED');
  });

  it('leaves the other routes to the rest of the server', async () => {
    const health = await fetch(new URL('/health', schools()));
    expect(await health.json()).toEqual({ status: 'ok', subgraph: 'schools' });
    expect((await fetch(new URL('/graphql-not', schools()))).status).toBe(404);
  });
});
