/**
 * Gateways started inside a test process with their own configuration, over
 * the running test stack's subgraphs: for limits, production mode, rate limits.
 */
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig, SUBGRAPH_NAMES, subgraphVariable } from '../../lib/config';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { testStack } from './stack';

/** The test stack's environment with `overrides`, on a free port. */
export function startTestGateway(overrides: Record<string, string | undefined>): Promise<RunningGateway> {
  const env: NodeJS.ProcessEnv = { ...testStack().env, LOG_LEVEL: 'silent', ...overrides };
  return startGateway(loadConfig(env, { service: 'gateway' }), 0); // production checks what a gateway must hold
}

/**
 * Overrides for NODE_ENV=production: production refuses the development secrets, so the gateway gets
 * a public key of its own (tokens of the test stack are then refused) and the subgraphs' own gateway secrets.
 */
export function productionOverrides(): Record<string, string> {
  const config = loadConfig(testStack().env);
  const { publicKey } = generateKeyPairSync('ed25519');
  return {
    NODE_ENV: 'production',
    JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    PUBLIC_URL: 'https://baeumteo.example.org',
    FEED_INCLUDE_GENERATED: 'false', // the test stack's feeds are a demo's; production refuses that
    ...Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [subgraphVariable(name, 'GATEWAY_SECRET'), config.subgraphs[name].gatewaySecret]),
    ),
  };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** A POST with full control of body and headers (the graphql() helper always sends valid JSON). */
export async function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as RawResponse['body'] };
}
