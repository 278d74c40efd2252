/**
 * Batching stays transparent under faults: the same faulty libraries subgraph
 * behind two gateways, one batching and one not, gives the dong page the same
 * data and the same errors. The faults come from a small proxy in front of the
 * real libraries subgraph: its entity fetch of the dong fails as a whole (a
 * non-null root field, `_entities`, nulls the subgraph's whole answer), it adds
 * an error without a path, or it drops every connection.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningGateway } from '../../gateway/gateway';
import { DONG_PAGE } from '../../scripts/bench/operations';
import { startTestGateway } from '../support/gateway';
import { graphql, testStack, type GraphQLResponse } from '../support/stack';

type Fault = 'dong entities fail' | 'error without a path' | 'connections dropped' | 'none';

let fault: Fault = 'none';
const operations: string[] = [];
let proxy: Server;
let batched: RunningGateway;
let unbatched: RunningGateway;

const asksForDongs = (variables: Record<string, unknown>) =>
  Object.entries(variables).filter(
    ([name, value]) =>
      name.endsWith('representations') && (value as { __typename: string }[]).some((r) => r.__typename === 'Dong'),
  );

beforeAll(async () => {
  const target = testStack().subgraphUrls.libraries;
  proxy = createServer(async (req, res) => {
    if (fault === 'connections dropped') return req.socket.destroy();
    let text = '';
    for await (const chunk of req) text += chunk;
    const request = JSON.parse(text) as { operationName?: string; variables?: Record<string, unknown> };
    operations.push(request.operationName ?? '');
    const dongs = asksForDongs(request.variables ?? {});
    if (fault === 'dong entities fail') {
      // A type the subgraph does not know makes its _entities resolver throw: `_entities` is non-null, so `data` is null.
      for (const [, representations] of dongs)
        for (const r of representations as { __typename: string }[]) r.__typename = 'NoSuchType';
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
    ) as Record<string, string>;
    const response = await fetch(target, { method: 'POST', headers, body: JSON.stringify(request) });
    const body = (await response.json()) as { errors?: unknown[] };
    if (fault === 'error without a path' && dongs.length > 0)
      body.errors = [
        ...(body.errors ?? []),
        { message: 'The libraries subgraph is degraded.', extensions: { code: 'DEGRADED' } },
      ];
    res.writeHead(response.status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const settings = {
    LIBRARIES_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`,
    RESPONSE_CACHE_TTL_SECONDS: '0',
    SUBGRAPH_RETRIES: '0',
    BREAKER_VOLUME_THRESHOLD: '1000', // the breaker has tests of its own
  };
  batched = await startTestGateway({ ...settings, SUBGRAPH_BATCHING: 'true' });
  unbatched = await startTestGateway({ ...settings, SUBGRAPH_BATCHING: 'false' });
});

afterAll(async () => {
  await batched?.stop();
  await unbatched?.stop();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

/** What a client compares: the data, and each error's message, path, code and subgraph, in a stable order. */
function seen(answer: GraphQLResponse<Record<string, any>>) {
  const errors = (answer.errors ?? [])
    .map(({ message, path, extensions }) => ({
      message,
      path,
      code: extensions?.code,
      serviceName: extensions?.serviceName,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { data: answer.data, errors };
}

async function dongPage(gateway: RunningGateway) {
  operations.length = 0;
  const answer = await graphql(gateway.url, DONG_PAGE.query, { code: '1168064000', first: 10 });
  return { answer, operations: [...operations] };
}

describe('the dong page with a faulty libraries subgraph, batching on and off', () => {
  it('is answered in full without a fault, the batching gateway merging the libraries fetches', async () => {
    fault = 'none';
    const withBatching = await dongPage(batched);
    expect(withBatching.answer.errors).toBeUndefined();
    expect(withBatching.operations.some((name) => name.includes('__batch'))).toBe(true);
    expect((await dongPage(unbatched)).answer.data).toEqual(withBatching.answer.data);
  });

  it("loses only the dong's libraries when their entity fetch fails as a whole: the merged siblings are answered", async () => {
    fault = 'dong entities fail';
    const withBatching = await dongPage(batched);
    const without = await dongPage(unbatched);
    expect(seen(withBatching.answer)).toEqual(seen(without.answer));
    expect(withBatching.answer.data!.dong.libraries).toBeNull();
    expect(withBatching.answer.data!.dong.nameEn).toEqual(expect.any(String));
    expect(withBatching.answer.errors!.map((e) => e.path)).toEqual([['dong', '_entities']]); // where plain Apollo Gateway puts a failed _entities
    // The siblings that travelled in the same merged request were answered again on their own.
    expect(withBatching.operations.filter((name) => !name.includes('__batch')).length).toBeGreaterThan(0);
  });

  it('reports an error without a path once, as a fetch of its own would', async () => {
    fault = 'error without a path';
    const withBatching = await dongPage(batched);
    const without = await dongPage(unbatched);
    expect(seen(withBatching.answer)).toEqual(seen(without.answer));
    expect(withBatching.answer.errors!.filter((e) => e.message === 'The libraries subgraph is degraded.')).toHaveLength(
      1,
    );
  });

  it('names the subgraph at each field it was to fill when its connections drop', async () => {
    fault = 'connections dropped';
    const withBatching = await dongPage(batched);
    const without = await dongPage(unbatched);
    expect(seen(withBatching.answer)).toEqual(seen(without.answer));
    expect(withBatching.answer.data!.dong.libraries).toBeNull();
    expect(withBatching.answer.data!.dong.schools).toEqual(expect.any(Array));
    for (const error of withBatching.answer.errors!) {
      expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'libraries' });
      expect(error.path![0]).toBe('dong');
    }
    expect(withBatching.answer.errors!.map((e) => e.path)).toContainEqual(['dong', 'libraries']);
  });
});
