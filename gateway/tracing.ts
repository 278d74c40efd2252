/**
 * The gateway's part of a trace (when tracing is on, lib/tracing.ts): a span
 * per subgraph HTTP request, child of Apollo Gateway's own `gateway.fetch`
 * span, with the W3C `traceparent` of that span injected into the request's
 * headers, so the subgraph's operation span becomes its child. It wraps the
 * transport, under retries, sharing and batching: each attempt is a span, a
 * shared fetch is one span, and a merged batch (gateway/batching.ts) travels
 * with the traceparent of the first fetch it carries.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { inSpan, tracer } from '../lib/tracing';
import { failureReason, type Transport } from './subgraph-fetch';

/** The subgraph operation's name without parsing the body: the gateway names every fetch (`DongPage__libraries__3`). */
function operationNameOf(body: string): string | undefined {
  return /"operationName":"([\w]+)"/.exec(body)?.[1];
}

export function tracedTransport(subgraph: string, transport: Transport): Transport {
  return (url, body, headers) => {
    const parent = context.active();
    const span = tracer.startSpan(
      `fetch ${subgraph}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'baeumteo.subgraph': subgraph, 'graphql.operation.name': operationNameOf(body) ?? '' },
      },
      parent,
    );
    const carrier = { ...headers };
    propagation.inject(trace.setSpan(parent, span), carrier);
    return inSpan(span, parent, async () => {
      try {
        const answer = await transport(url, body, carrier);
        span.setAttributes({
          'http.response.status_code': answer.status,
          'baeumteo.outcome': answer.status < 300 ? 'ok' : `http_${answer.status}`,
        });
        if (answer.status >= 300) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${answer.status}` });
        return answer;
      } catch (error) {
        span.setAttribute('baeumteo.outcome', failureReason(error));
        throw error;
      }
    });
  };
}
