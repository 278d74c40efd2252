/** Helpers of the analytics suites: gateway queries that must succeed, and plain SQL against the centers database. */
import type { Orm } from '../../lib/subgraph/orm';
import { graphql, testStack } from '../support/stack';

export const gatewayUrl = () => testStack().gatewayUrl;

/** Runs a query through the gateway and fails the test on any error. */
export async function query<T = any>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { data, errors } = await graphql<T>(gatewayUrl(), text, variables);
  expect(errors).toBeUndefined();
  return data as T;
}

/** The error codes a query answers with (it must fail). */
export async function errorCodes(text: string, variables: Record<string, unknown> = {}): Promise<unknown[]> {
  const { errors } = await graphql(gatewayUrl(), text, variables);
  expect(errors?.length).toBeGreaterThan(0);
  return (errors ?? []).map((error) => error.extensions?.code);
}

/** Rows of a plain SQL statement (the same text on SQLite and PostgreSQL). */
export function sql<T = Record<string, any>>(orm: Orm, statement: string, params: unknown[] = []): Promise<T[]> {
  return orm.em
    .fork()
    .getConnection()
    .execute(statement, params as never[]) as Promise<T[]>;
}

/** SQLite answers booleans as 0/1, PostgreSQL as true/false. */
export const truthy = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 't';
