/**
 * A fuzz run against the gateway: a few hundred generated malformed requests
 * (broken JSON, wrong shapes, garbage queries, wrong variables, odd methods
 * and content types) get only 4xx answers or GraphQL errors — never a 5xx,
 * never a crash: the gateway is healthy and answers a real query afterwards.
 * The generator is seeded, so a failure repeats.
 */
import { testStack } from '../support/stack';

/** mulberry32: a small deterministic generator. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20261128);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
const int = (max: number) => Math.floor(next() * max);

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '!',
  '...',
  '@',
  '=',
  ',',
  '"',
  '#',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'districts',
  'district',
  'code',
  'nameEn',
  'programs',
  'edges',
  'node',
  'id',
  'first',
  'after',
  'enroll',
  'input',
  '__typename',
  '__schema',
  '__type',
  'Int',
  'String',
  'ID',
  '-1',
  '1e309',
  '"\\u0000"',
  'null',
  'true',
  '\u0000',
  '한글',
  '\ud800',
  'x'.repeat(300),
];
const VALID = [
  'query Q($code: ID!) { district(code: $code) { code nameEn } }',
  'query P($first: Int, $after: String) { programs(first: $first, after: $after) { totalCount edges { cursor node { id title } } } }',
  'mutation E($input: EnrollInput!) { enroll(input: $input) { userErrors { code } } }',
  '{ districts { code dongs { code } } }',
];
const ODD_VALUES: unknown[] = [
  null,
  0,
  -1,
  2 ** 31,
  1e308,
  -0.5,
  '',
  'x'.repeat(5000),
  true,
  [],
  {},
  [[[]]],
  { $ne: 1 },
  '\u0000',
  'ffff::',
  '12345678901234567890',
];

function garbageQuery(): string {
  return Array.from({ length: 1 + int(40) }, () => pick(TOKENS)).join(pick([' ', '', '\n']));
}

function mutatedQuery(): string {
  const query = pick(VALID);
  const at = int(query.length);
  return pick([
    () => query.slice(0, at),
    () => query.slice(0, at) + pick(TOKENS) + query.slice(at),
    () => query.slice(0, at) + query.slice(at + 1 + int(5)),
    () => query.replace(/\{/g, '{'.repeat(1 + int(3))),
    () => `${query} ${query}`,
  ])();
}

function oddVariables(): unknown {
  return pick([
    () => ({ code: pick(ODD_VALUES), first: pick(ODD_VALUES), after: pick(ODD_VALUES), input: pick(ODD_VALUES) }),
    () => ({ input: { programId: pick(ODD_VALUES), idempotencyKey: pick(ODD_VALUES) } }),
    () => pick(ODD_VALUES),
    () => JSON.stringify({ code: '11680' }),
  ])();
}

interface Case {
  method: string;
  contentType: string;
  body?: string;
  search?: string;
}

function generate(): Case {
  const json = 'application/json';
  return pick<() => Case>([
    () => ({ method: 'POST', contentType: json, body: JSON.stringify({ query: garbageQuery() }) }),
    () => ({
      method: 'POST',
      contentType: json,
      body: JSON.stringify({ query: mutatedQuery(), variables: oddVariables() }),
    }),
    () => ({
      method: 'POST',
      contentType: json,
      body: JSON.stringify({
        query: pick(VALID),
        variables: oddVariables(),
        operationName: pick([null, 'Q', 'Nope', 7, {}]),
      }),
    }),
    () => ({
      method: 'POST',
      contentType: json,
      body: JSON.stringify({ query: pick(ODD_VALUES), variables: pick(ODD_VALUES), extensions: pick(ODD_VALUES) }),
    }),
    () => ({ method: 'POST', contentType: json, body: JSON.stringify(pick(ODD_VALUES)) }),
    () => ({ method: 'POST', contentType: json, body: JSON.stringify({ query: pick(VALID) }).slice(0, int(40)) }),
    () => ({
      method: 'POST',
      contentType: json,
      body: pick(['', '{', 'null', '[]', '"query"', '{"query":', '\u0000', '{"query":"{ districts { code } }",}']),
    }),
    () => ({
      method: 'POST',
      contentType: json,
      body: JSON.stringify({
        query: pick(VALID),
        extensions: { persistedQuery: { version: pick([1, 2, 'x']), sha256Hash: pick(['abc', 1, null]) } },
      }),
    }),
    () => ({
      method: 'POST',
      contentType: pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/graphql',
        '',
      ]),
      body: JSON.stringify({ query: pick(VALID) }),
    }),
    () => ({
      method: 'GET',
      contentType: json,
      search: `?query=${encodeURIComponent(pick([garbageQuery(), mutatedQuery(), pick(VALID)]).replace(/[\ud800-\udfff]/g, '?'))}&variables=${encodeURIComponent(pick(['{', '[]', '{"code":1}', 'null']))}`,
    }),
    () => ({
      method: pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']),
      contentType: json,
      body: JSON.stringify({ query: pick(VALID) }),
    }),
    () => ({
      method: 'POST',
      contentType: json,
      body: JSON.stringify({ query: `{ ${'district(code: "11680") { code } '.repeat(1 + int(50))}}` }),
    }),
    () => ({
      method: 'POST',
      contentType: json,
      body: JSON.stringify({
        query: `query { ${'programs(first: 1) { edges { node { center { '.repeat(1 + int(6))} id ${'} } } }'.repeat(1 + int(6))} }`,
      }),
    }),
  ])();
}

const CASES = Array.from({ length: 400 }, generate);

describe('malformed requests to the gateway', () => {
  it('get only 4xx answers or GraphQL errors, never a 5xx, and the gateway stays up', async () => {
    const url = testStack().gatewayUrl;
    const failures: string[] = [];
    // A few at a time, as a client would send them.
    for (let i = 0; i < CASES.length; i += 8) {
      await Promise.all(
        CASES.slice(i, i + 8).map(async (c, j) => {
          const headers: Record<string, string> = { accept: 'application/graphql-response+json, application/json' };
          if (c.contentType) headers['content-type'] = c.contentType;
          const response = await fetch(url + (c.search ?? ''), {
            method: c.method,
            headers,
            body: c.method === 'GET' ? undefined : c.body,
          });
          const text = await response.text();
          const describe = `#${i + j} ${c.method} ${c.contentType} ${(c.body ?? c.search ?? '').slice(0, 200)} -> ${response.status} ${text.slice(0, 200)}`;
          if (response.status >= 500) failures.push(describe);
          else if (response.status === 200) {
            const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
            if (!('data' in body) && !Array.isArray(body.errors)) failures.push(`not a GraphQL response: ${describe}`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    expect((await fetch(new URL('/health', url))).status).toBe(200);
    const after = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ district(code: "11680") { code } }' }),
    });
    expect(await after.json()).toEqual({ data: { district: { code: '11680' } } });
  });
});
