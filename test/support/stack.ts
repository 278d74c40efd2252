/**
 * What a test file needs to talk to the running hub: its URLs, a GraphQL
 * client over real HTTP, the databases behind it, and the source CSVs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_SECRET_HEADER, signToken, type TokenClaims } from '../../lib/auth';
import { loadConfig, type SubgraphName } from '../../lib/config';
import { testStack } from './stack-state';
import { openDatabase, type Orm } from '../../lib/subgraph/orm';
import { entitiesOf } from '../../lib/subgraph/subgraph-server';
import { parseCsvRows } from '../../seed/csv';
import { loadSubgraph } from '../../subgraphs/registry';

export { TEST_SEED_PROGRAMS, testStack, type TestStackState } from './stack-state';

export interface GraphQLResponse<T> {
  status: number;
  data: T | null | undefined;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The headers the gateway would add: a subgraph answers nothing without its secret. */
function gatewayHeadersFor(url: string): Record<string, string> {
  const name = (Object.entries(testStack().subgraphUrls) as [SubgraphName, string][]).find(([, u]) => u === url)?.[0];
  return name ? { [GATEWAY_SECRET_HEADER]: loadConfig(testStack().env).subgraphs[name].gatewaySecret! } : {};
}

/**
 * POSTs a GraphQL request over HTTP. To a subgraph URL it adds that subgraph's
 * gateway secret, as the gateway does; `options.token` adds a bearer token.
 */
export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
  options: { token?: string } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...gatewayHeadersFor(url),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** A token the running hub accepts, signed with its JWT_SECRET. */
export function tokenFor(claims: TokenClaims): Promise<string> {
  return signToken(claims, loadConfig(testStack().env).auth);
}

/** Opens the database a running subgraph uses (close it in afterAll). */
export async function openSubgraphDatabase(name: SubgraphName): Promise<Orm> {
  return openDatabase(entitiesOf(loadSubgraph(name)), loadConfig(testStack().env));
}

/** The rows of a CSV shipped in seed/data, keyed by its header. */
export function readSeedCsv(fileName: string): Record<string, string>[] {
  const [header, ...rows] = parseCsvRows(readFileSync(join(__dirname, '..', '..', 'seed', 'data', fileName), 'utf8'));
  return rows.map((fields) => Object.fromEntries(header.map((column, i) => [column, fields[i] ?? ''])));
}

/** A sub-area of the program classification: the field a program is filed under. */
export const SUB_AREA = readSeedCsv('lifelong_education_program_classification.csv').find(
  (field) => field.level === 'sub',
)!.code;

/** A CreateProgramInput for a program a learning center hosts itself, in a spring term of the future. */
export function centerProgramInput(centerId: string, fieldCode: string, title: string): Record<string, unknown> {
  return {
    centerId,
    host: { type: 'LEARNING_CENTER', id: centerId },
    title,
    track: 'LIFE_CULTURE',
    fieldCode,
    startsOn: '2027-03-02',
    endsOn: '2027-04-27',
    capacity: 10,
    feeKrw: 0,
  };
}
