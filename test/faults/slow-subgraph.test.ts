/**
 * A slow subgraph is bounded by SUBGRAPH_TIMEOUT_MS: an in-process gateway
 * whose `schools` URL points at a tiny server that never answers gives the
 * other subgraphs' data with an error naming `schools`; a query is tried
 * 1 + SUBGRAPH_RETRIES times, a mutation exactly once.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../../lib/auth';
import { loadConfig } from '../../lib/config';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { graphql, testStack, tokenFor } from '../support/stack';
import { post } from './fault-stack';

let slow: Server;
const received: string[] = [];
const held: IncomingMessage[] = [];
let gateway: RunningGateway;
let token: string;
let schoolId: string;

beforeAll(async () => {
  slow = createServer((req) => {
    // Reads the request and never answers.
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => received.push(body));
    held.push(req);
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/graphql`;
  const config = loadConfig({
    ...testStack().env,
    SUBGRAPH_TIMEOUT_MS: '300',
    SUBGRAPH_RETRIES: '1',
    LOG_LEVEL: 'silent',
    SCHOOLS_URL: slowUrl,
  });
  gateway = await startGateway(config, 0);
  token = await tokenFor({ sub: 'slow-test-admin', role: Role.CITY_ADMIN });
  const { data } = await graphql(testStack().gatewayUrl, '{ schools(first: 1) { edges { node { id } } } }');
  schoolId = data!.schools.edges[0].node.id;
});

afterAll(async () => {
  await gateway?.stop();
  slow.closeAllConnections();
  await new Promise((resolve) => slow.close(resolve));
});

describe('a subgraph that does not answer', () => {
  it('costs a bounded wait: the other subgraphs answer, and the error names the slow one', async () => {
    received.length = 0;
    const started = Date.now();
    const answer = await post(
      gateway.url,
      'query Slow($code: ID!, $school: ID!) { district(code: $code) { code } school(id: $school) { id name } }',
      { code: '11680', school: schoolId },
      { authorization: `Bearer ${token}` },
    );
    expect(answer.status).toBe(200);
    expect(answer.body!.data).toEqual({ district: { code: '11680' }, school: null });
    expect(answer.body!.errors).toHaveLength(1);
    expect(answer.body!.errors![0].message).toBe('Subgraph "schools" is unavailable: it did not answer within 300 ms.');
    expect(answer.body!.errors![0].extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'schools',
      reason: 'timeout',
    });
    expect(received).toHaveLength(2); // the first try and one retry
    expect(Date.now() - started).toBeLessThan(10_000); // bounded, not hung (2 x 300 ms plus backoff)
  });

  it('never retries a mutation: a write is sent once, whatever happens', async () => {
    received.length = 0;
    const answer = await post(
      gateway.url,
      'mutation Room($input: CreateSchoolSpaceInput!) { createSchoolSpace(input: $input) { schoolSpace { id } userErrors { code } } }',
      { input: { schoolId, name: 'Slow room', capacity: 5 } },
      { authorization: `Bearer ${token}` },
    );
    expect(answer.status).toBe(200);
    expect(answer.body!.data).toBeNull();
    expect(answer.body!.errors![0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'schools' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/^\{"query":"mutation/);
  });

  it('keeps the gateway healthy and says which subgraph is not ready', async () => {
    expect((await fetch(new URL('/health', gateway.url))).status).toBe(200);
    const ready = await fetch(new URL('/ready', gateway.url));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ subgraphs: { schools: false, centers: true } });
  });
});
