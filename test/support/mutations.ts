/**
 * Mutations through the running gateway, answered with a payload of the changed object and user errors
 * (lib/subgraph/mutation.ts): a refusal is a user error, so a GraphQL error fails the test.
 */
import { graphql, testStack } from './stack';

export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

/** A mutation payload: the changed object under its name, and the user errors. */
export type Payload = Record<string, any> & { userErrors: UserError[] };

export const USER_ERRORS = 'userErrors { field message code }';

export interface MutationRequest {
  mutation: string;
  inputType: string;
  input: Record<string, unknown>;
  /** What to read of the payload beside the user errors. */
  selection: string;
  token?: string;
  /** The gateway (by default the test stack's) or another one. */
  url?: string;
  headers?: Record<string, string>;
}

/** Posts `mutation(input: $input) { selection userErrors }` and returns its payload. */
export async function mutate<T = Payload>({
  mutation,
  inputType,
  input,
  selection,
  token,
  url,
  headers = {},
}: MutationRequest): Promise<T> {
  const { data, errors } = await graphql(
    url ?? testStack().gatewayUrl,
    `mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${selection} ${USER_ERRORS} } }`,
    { input },
    headers,
    { token },
  );
  expect(errors).toBeUndefined();
  return data![mutation] as T;
}

/** The codes of a payload's user errors, in order. */
export const codes = (payload: { userErrors: UserError[] }) => payload.userErrors.map((error) => error.code);
