/**
 * Clean stops (production mode, real processes): SIGTERM lets in-flight
 * requests finish and ends the process with code 0 within seconds, for the
 * gateway (also with several workers) and every subgraph.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import { GATEWAY_SECRET_HEADER } from '../../lib/auth';
import { serviceEnv, SUBGRAPH_NAMES } from '../../lib/config';
import { freePort } from '../../scripts/ports';
import { REGISTER, ROOT, spawnProcess, terminate, waitReady } from '../support/processes';
import { makeKeys, productionEnv, startHub, type Hub } from '../support/production-hub';

const STOP_WITHIN_MS = 3000;

/** A POST whose body is only half sent until finish(): a request the server has begun but not answered. */
function halfSentRequest(url: string, query: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ query });
  const req = request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 5));
  return {
    finish() {
      req.end(body.slice(5));
      return answered;
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a production service stopped with SIGTERM', () => {
  let env: Record<string, string>;
  let hub: Hub;
  beforeAll(async () => {
    env = await productionEnv(await makeKeys());
    hub = await startHub(env);
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it.each([1, 2])('the gateway with %i worker(s), idle, exits 0 within 3 s', async (workers) => {
    const port = await freePort();
    const gateway = spawnProcess(['-r', REGISTER, join(ROOT, 'gateway', 'main.ts')], {
      ...serviceEnv(env, 'gateway'),
      PORT: String(port),
      GATEWAY_WORKERS: String(workers),
    });
    await waitReady(`http://127.0.0.1:${port}/health`, gateway);
    const { code, ms } = await terminate(gateway);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(STOP_WITHIN_MS);
  });

  it('the gateway answers a request in flight, then exits 0', async () => {
    const gateway = hub.services.get('gateway')!;
    const inFlight = halfSentRequest(hub.gatewayUrl, '{ districts { code } }');
    await pause(200); // the request has reached the server
    const started = Date.now();
    gateway.child.kill('SIGTERM');
    await pause(300);
    expect(gateway.child.exitCode).toBeNull(); // still waiting for the request
    const answer = await inFlight.finish();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.districts).toHaveLength(25);
    expect(await gateway.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(STOP_WITHIN_MS);
  });

  it('a subgraph answers a request in flight, then exits 0', async () => {
    const centers = hub.services.get('centers')!;
    const inFlight = halfSentRequest(hub.subgraphUrls.centers, '{ districts { code } }', {
      [GATEWAY_SECRET_HEADER]: env.CENTERS_GATEWAY_SECRET,
    });
    await pause(200);
    const started = Date.now();
    centers.child.kill('SIGTERM');
    await pause(300);
    expect(centers.child.exitCode).toBeNull();
    const answer = await inFlight.finish();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.districts).toHaveLength(25);
    expect(await centers.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(STOP_WITHIN_MS);
  });

  it.each(SUBGRAPH_NAMES.filter((name) => name !== 'centers'))(
    'the %s subgraph, idle, exits 0 within 3 s',
    async (name) => {
      const service = hub.services.get(name)!;
      const { code, ms } = await terminate(service);
      // On another code, its last lines say why (seen once: exit 1, not reproduced since).
      expect({ code, lastLines: code === 0 ? [] : service.output.slice(-20) }).toEqual({ code: 0, lastLines: [] });
      expect(ms).toBeLessThan(STOP_WITHIN_MS);
    },
  );
});
