import type { Response } from 'express';

/** Answers a request refused before GraphQL runs the way GraphQL errors look: `{ errors: [...] }`. */
export function sendGraphQLError(
  res: Response,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}
