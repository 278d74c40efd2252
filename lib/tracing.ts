/**
 * Traces across the services (OpenTelemetry). Off unless an exporter is
 * configured (lib/config.ts): then each process starts the NodeSDK, which reads
 * the standard OTEL_* variables (endpoint, protocol, sampler, batching). The
 * gateway puts a W3C `traceparent` on every subgraph request (gateway/tracing.ts)
 * and each subgraph continues the trace in a span of its GraphQL operation
 * (`tracingPlugin`). When tracing is off the SDK is never loaded and no span
 * code runs (callers ask `tracingOn()`), so it costs nothing.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type { SharedConfig } from './config';

export const tracer = trace.getTracer('baeumteo');

let sdk: { shutdown(): Promise<void> } | undefined;

/** Whether this process records and exports spans. */
export function tracingOn(): boolean {
  return sdk !== undefined;
}

/** Starts the SDK for this service (`gateway`, `centers`, ...) when the configuration asks for traces. */
export function startTracing(service: string, config: Pick<SharedConfig, 'tracing'>): void {
  if (!config.tracing.enabled || sdk) return;
  // Loaded only here: a process without tracing never pays for the SDK's modules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NodeSDK, resources } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const started = new NodeSDK({
    serviceName: service,
    resource: resources.resourceFromAttributes({ 'service.namespace': 'baeumteo' }),
    // Traces only: metrics are Prometheus (/metrics), logs are JSON lines on stdout.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  started.start();
  sdk = started;
}

/** Exports what is still buffered and stops the SDK (on shutdown). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}

/** Reads propagation headers from Apollo's HeaderMap (a Map with lower-case keys). */
const headerMapGetter: TextMapGetter<Map<string, string>> = {
  get: (carrier, key) => carrier.get(key.toLowerCase()),
  keys: (carrier) => [...carrier.keys()],
};

/** Ends a span with the outcome of its work. */
export function endSpan(span: Span, error?: unknown): void {
  if (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
  }
  span.end();
}

/**
 * A span per GraphQL operation a subgraph serves, child of the caller's span when the request carries a
 * `traceparent` (the gateway's fetch span): `query DongPage__libraries__3`.
 */
export function tracingPlugin(service: string): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const headers = request.http?.headers;
      const parent = headers ? propagation.extract(ROOT_CONTEXT, headers, headerMapGetter) : ROOT_CONTEXT;
      const span = tracer.startSpan(
        'graphql',
        { kind: SpanKind.SERVER, attributes: { 'baeumteo.service': service } },
        parent,
      );
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? 'query';
          span.updateName(`${type} ${operationName ?? ''}`.trim());
          span.setAttributes({ 'graphql.operation.type': type, 'graphql.operation.name': operationName ?? '' });
        },
        async willSendResponse({ errors, response }) {
          const status = response.http.status ?? 200;
          span.setAttribute('http.response.status_code', status);
          if (errors?.length) span.setAttribute('graphql.error.count', errors.length);
          endSpan(span, errors?.[0]);
        },
      };
    },
  };
}

/** Runs `work` inside `span` (made active) and ends it with the outcome. */
export async function inSpan<T>(span: Span, parent: Context, work: () => Promise<T>): Promise<T> {
  try {
    const result = await context.with(trace.setSpan(parent, span), work);
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

/**
 * An HTTP server span around the rest of the request, continuing the caller's trace when it sends a
 * `traceparent`. Mount it after the body parser: stream callbacks run outside the active context.
 */
export const traceHttpRequests: RequestHandler = (req, res, next) => {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(
    `${req.method} ${req.baseUrl || req.path}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.baseUrl || req.path } },
    parent,
  );
  res.once('close', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(parent, span), next);
};
