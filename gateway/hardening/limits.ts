/**
 * Operation limits (graphql-armor validation rules for depth, aliases and
 * directives; Apollo's parser token limit) and the request body limit of the
 * gateway. The cost limit needs the variables: cost.ts.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { LimitsConfig } from '../../lib/config';
import { sendGraphQLError } from './http-error';

/** Which limit refused an operation: the `limit` extension of the error (its code stays GRAPHQL_VALIDATION_FAILED). */
export type LimitName = 'depth' | 'aliases' | 'directives' | 'cost';

/** Reports a refusal as a validation error naming the limit, so masking in production keeps its message. */
function reportAs(limit: LimitName) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit },
          }),
        ),
    ],
  };
}

export function operationLimitRules(limits: LimitsConfig): ValidationRule[] {
  const { validationRules } = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...reportAs('depth') },
    maxAliases: { n: limits.maxAliases, allowList: [], ...reportAs('aliases') },
    maxDirectives: { n: limits.maxDirectives, ...reportAs('directives') },
    // Computed with the variables instead (cost.ts): armor's rule only multiplies literal first: values.
    costLimit: { enabled: false },
    // Apollo's parseOptions.maxTokens instead: armor's token plugin turns syntax errors into HTTP 500.
    maxTokens: { enabled: false },
    // Masked with everything else in errors.ts.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return validationRules;
}

export function parseOptions(limits: LimitsConfig): { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}

/** express.json with the body limit, and body errors answered as GraphQL errors (413 too large, 400 bad JSON). */
export function bodyParsing(limits: LimitsConfig): (RequestHandler | ErrorRequestHandler)[] {
  const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
    const status = (error as { status?: number; type?: string }).status;
    if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
    if ((error as { type?: string }).type === 'entity.too.large') {
      return sendGraphQLError(
        res,
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than the limit of ${limits.bodyLimit}.`,
      );
    }
    sendGraphQLError(res, status, 'BAD_REQUEST', `The request body could not be read: ${(error as Error).message}`);
  };
  return [express.json({ limit: limits.bodyLimit }), bodyErrors];
}
