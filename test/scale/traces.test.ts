/**
 * Traces across services. A hub started with an OTLP endpoint exports the
 * spans of one client request from every process to one trace: the gateway's
 * request span (continuing the client's traceparent), Apollo Gateway's fetch
 * spans, our span per subgraph HTTP request, and each subgraph's operation
 * span, whose parent is that request span. The collector is a small OTLP/HTTP
 * JSON receiver on loopback, as an OpenTelemetry Collector would be.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, subgraphVariable } from '../../lib/config';
import { freePort } from '../../scripts/ports';
import { launchStack, type RunningStack } from '../../scripts/stack';
import { copySqliteDatabases } from '../support/processes';
import { graphql, testStack } from '../support/stack';

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  attributes: Record<string, unknown>;
}

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}
const attributeMap = (attributes: OtlpAttribute[] = []) =>
  Object.fromEntries(attributes.map(({ key, value }) => [key, Object.values(value)[0]]));

/** An OTLP/HTTP JSON receiver: POST /v1/traces. */
async function startCollector(): Promise<{ server: Server; endpoint: string; spans: ReceivedSpan[] }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const resourceSpans of body.resourceSpans ?? []) {
          const service = String(attributeMap(resourceSpans.resource?.attributes)['service.name']);
          for (const scope of resourceSpans.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({
                service,
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId ?? '',
                name: span.name,
                attributes: attributeMap(span.attributes),
              });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

const DONG_PAGE = `query DongPage($code: ID!) {
  dong(code: $code) {
    nameEn
    district { nameEn educationOffice { nameEn } civilProviders(first: 3) { totalCount edges { node { name } } } }
    learningCenters {
      name
      venue { __typename ... on LibrarySpace { name library { name } } ... on SchoolSpace { name school { name } }
              ... on CulturalSpace { name culturalCenter { name } } ... on CenterSpace { name } }
      programs(first: 5) { totalCount edges { node { title host { __typename ... on LearningCenter { name } ... on School { name }
        ... on Library { name } ... on CulturalCenter { name } ... on CivilProvider { name } } } } }
    }
    schools { name } libraries { name } culturalCenters { name }
  }
}`;

describe('a traced hub (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let stack: RunningStack;

  beforeAll(async () => {
    collector = await startCollector();
    const base = testStack().env;
    const env: NodeJS.ProcessEnv = {
      ...base,
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
    for (const name of SUBGRAPH_NAMES) env[subgraphVariable(name, 'PORT')] = String(await freePort());
    // PostgreSQL: replicas on the test stack's databases. SQLite: copies of its files (one process per file).
    if (!base.DATABASE_URL) {
      env.DATA_DIR = mkdtempSync(join(tmpdir(), 'baeumteo-traces-'));
      copySqliteDatabases(base.DATA_DIR, env.DATA_DIR, SUBGRAPH_NAMES);
    }
    stack = await launchStack({ env, readyTimeoutMs: 120_000 });
  }, 150_000);
  afterAll(async () => {
    await stack?.stop();
    collector?.server.close();
  }, 30_000);

  it('exports one trace of a dong page with the spans of the gateway and all five subgraphs, correctly parented', async () => {
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const { data, errors } = await graphql(
      stack.gatewayUrl,
      DONG_PAGE,
      { code: '1168064000' },
      { traceparent: `00-${traceId}-${clientSpanId}-01` },
    );
    expect(errors).toBeUndefined();
    expect(data!.dong.nameEn).toBe('Yeoksam 1-dong');

    const services = ['gateway', ...SUBGRAPH_NAMES];
    const deadline = Date.now() + 15_000;
    const ofTrace = () => collector.spans.filter((span) => span.traceId === traceId);
    // The gateway's request span ends last (when the response is sent), so it is exported last.
    const complete = () =>
      services.every((service) => ofTrace().some((span) => span.service === service)) &&
      ofTrace().some((span) => span.name === 'POST /graphql');
    while (Date.now() < deadline && !complete()) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const spans = ofTrace();
    expect([...new Set(spans.map((span) => span.service))].sort()).toEqual([...services].sort());
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const parentOf = (span: ReceivedSpan) => byId.get(span.parentSpanId);

    // The gateway's request span continues the client's trace.
    const request = spans.find((span) => span.service === 'gateway' && span.name === 'POST /graphql')!;
    expect(request).toBeDefined();
    expect(request.parentSpanId).toBe(clientSpanId);
    expect(request.attributes['http.response.status_code']).toBe(200);

    // Each subgraph operation is the child of the gateway span of the HTTP request that carried it,
    // which is a child of Apollo Gateway's fetch span, within the gateway's request span.
    const operations = spans.filter((span) => span.service !== 'gateway');
    expect(operations.length).toBeGreaterThanOrEqual(5);
    for (const operation of operations) {
      expect(operation.name).toMatch(/^query DongPage__/);
      const fetch = parentOf(operation)!;
      expect(fetch).toMatchObject({ service: 'gateway', name: `fetch ${operation.service}` });
      expect(fetch.attributes).toMatchObject({
        'baeumteo.subgraph': operation.service,
        'baeumteo.outcome': 'ok',
        'http.response.status_code': 200,
      });
      expect(fetch.attributes['graphql.operation.name']).toBe(operation.attributes['graphql.operation.name']);
      expect(parentOf(fetch)).toMatchObject({ service: 'gateway', name: 'gateway.fetch' });
      let ancestor = parentOf(fetch);
      while (ancestor && ancestor !== request) ancestor = parentOf(ancestor);
      expect(ancestor).toBe(request);
    }
    // The four concurrent fetches to libraries travel as one merged request, and it carries the traceparent too.
    expect(operations.filter((span) => span.service === 'libraries').map((span) => span.name)).toEqual([
      expect.stringMatching(/__batch\d+$/),
    ]);
  });
});
