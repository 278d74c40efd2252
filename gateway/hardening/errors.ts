/**
 * Error masking for production: no stack traces, no "Did you mean"
 * suggestions, and no validation message that could rebuild the schema
 * (type and field names); the error code stays so clients can still react.
 */
import type { GraphQLFormattedError } from 'graphql';
import type { ExposureConfig } from '../../lib/config';

const MASKED = {
  validation: 'The operation is not valid for this API.',
  introspection: 'Introspection is disabled on this server.',
  internal: 'Internal server error.',
};

function maskedMessage(error: GraphQLFormattedError, code: unknown, extensions: Record<string, unknown>): string {
  const message = error.message.replace(/\s*Did you mean [^?]*\?/g, '');
  if (code === 'GRAPHQL_VALIDATION_FAILED') {
    if (extensions.limit) return message; // an operation limit names no part of the schema
    return /introspection is not allowed/i.test(message) ? MASKED.introspection : MASKED.validation;
  }
  // Variable coercion errors name input types and fields; resolver errors (with a path) are written for clients.
  const variable = /^Variable "(\$\w+)"/.exec(message);
  if (code === 'BAD_USER_INPUT' && !error.path && variable) return `Variable "${variable[1]}" has an invalid value.`;
  if (code === 'INTERNAL_SERVER_ERROR') return MASKED.internal;
  return message;
}

/** Apollo's formatError for the gateway; undefined (Apollo's default) when errors are not masked. */
export function errorFormatter(
  exposure: ExposureConfig,
): ((error: GraphQLFormattedError) => GraphQLFormattedError) | undefined {
  if (!exposure.maskErrors) return undefined;
  return (error) => {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = error.extensions ?? {};
    return { ...error, message: maskedMessage(error, extensions.code, extensions), extensions };
  };
}
