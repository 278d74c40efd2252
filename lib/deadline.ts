/**
 * The request deadline on the subgraph side. The gateway tells each subgraph
 * until when it waits for a fetch (header `x-request-deadline`, epoch ms);
 * past that, nobody reads the answer. It is absolute, not a duration, so a
 * request that sat in a stalled subgraph's socket buffer is seen as late when
 * it is finally read; gateway and subgraphs need clocks in step (NTP), as
 * anything that compares times across machines does. A subgraph then refuses to start an operation (deadlinePlugin) and
 * never commits a write (runMutation checks before the commit and rolls back),
 * so a write the gateway gave up on is not half-done: it is either committed
 * before the deadline or not at all, and a retry with the same idempotency key
 * does it exactly once.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const REQUEST_DEADLINE_HEADER = 'x-request-deadline';
export const DEADLINE_EXCEEDED = 'DEADLINE_EXCEEDED';

/** The epoch-ms deadline a subgraph request carries (undefined without a well-formed header). */
export function deadlineFrom(header: string | undefined): number | undefined {
  return header && /^\d{13}$/.test(header) ? Number(header) : undefined;
}

/** The gateway names the subgraph of a downstream error (`serviceName`) when the subgraph does not. */
export function deadlineExceededError(subgraph?: string): GraphQLError {
  return new GraphQLError('The gateway stopped waiting for this request, so it was not done (nothing was changed).', {
    extensions: { code: DEADLINE_EXCEEDED, ...(subgraph ? { serviceName: subgraph } : {}) },
  });
}

/** Throws DEADLINE_EXCEEDED once `deadline` has passed. */
export function checkDeadline(deadline: number | undefined, subgraph?: string): void {
  if (deadline !== undefined && Date.now() > deadline) throw deadlineExceededError(subgraph);
}

/** Apollo Server plugin: an operation whose deadline has passed before it runs is refused, not executed. */
export function deadlinePlugin(subgraph: string): ApolloServerPlugin<{ deadline?: number }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue }) {
          if (contextValue.deadline !== undefined && Date.now() > contextValue.deadline) {
            // Not a server fault: HTTP 504, as a proxy says it gave up waiting (the gateway has stopped listening anyway).
            const error = deadlineExceededError(subgraph);
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 504 } } });
          }
        },
      };
    },
  };
}
