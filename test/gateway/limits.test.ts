import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningGateway } from '../../gateway/gateway';
import { EXPLORER_DEFAULT_QUERY } from '../../gateway/pages/explorer';
import { loadConfig } from '../../lib/config';
import { postRaw, productionOverrides, startTestGateway } from '../support/gateway';
import { graphql, testStack } from '../support/stack';

const limits = () => loadConfig(testStack().env).limits;
const gateway = () => testStack().gatewayUrl;

/**
 * A narrow chain of the given depth (as graphql-armor counts it: `{ district { code } }` is 2):
 * District.coverage -> DistrictCoverage.district -> ... asks for one object per level.
 */
function deepQuery(depth: number): string {
  const chain = Array.from({ length: depth - 1 }, (_, i) =>
    i === 0 ? 'district(code: "11680")' : i % 2 === 1 ? 'coverage' : 'district',
  );
  const leaf = chain.length % 2 === 1 ? 'code' : 'dongCount';
  return `{ ${chain.reduceRight((inner, field) => `${field} { ${inner} }`, leaf)} }`;
}

function expectRefusedBy(
  response: { status: number; data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] },
  limit: string,
  text: RegExp,
) {
  expect(response.status).toBe(400);
  expect(response.data).toBeUndefined();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit });
  expect(response.errors![0].message).toMatch(text);
}

describe('operation limits at the gateway', () => {
  it('runs an operation at the depth limit', async () => {
    const { status, data, errors } = await graphql(gateway(), deepQuery(limits().maxDepth));
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    expect(JSON.stringify(data)).toContain('"code":"11680"');
  });

  it('refuses an operation deeper than the depth limit', async () => {
    expectRefusedBy(
      await graphql(gateway(), deepQuery(limits().maxDepth + 1)),
      'depth',
      new RegExp(`depth limit of ${limits().maxDepth} exceeded`),
    );
  });

  it('refuses more aliases than the alias limit, and runs as many as the limit', async () => {
    const aliased = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `d${i}: district(code: "11680") { code }`).join(' ')} }`;
    const within = await graphql(gateway(), aliased(limits().maxAliases));
    expect(within.errors).toBeUndefined();
    expect(Object.keys(within.data!)).toHaveLength(limits().maxAliases);
    expectRefusedBy(
      await graphql(gateway(), aliased(limits().maxAliases + 1)),
      'aliases',
      new RegExp(`Aliases limit of ${limits().maxAliases} exceeded`),
    );
  });

  it('refuses more directives than the directive limit', async () => {
    const directed = (n: number) =>
      `{ districts { ${Array.from({ length: n }, () => '... on District @include(if: true) { code }').join(' ')} } }`;
    const within = await graphql(gateway(), directed(limits().maxDirectives));
    expect(within.errors).toBeUndefined();
    expectRefusedBy(
      await graphql(gateway(), directed(limits().maxDirectives + 1)),
      'directives',
      new RegExp(`Directives limit of ${limits().maxDirectives} exceeded`),
    );
  });

  it('refuses an operation whose estimated cost is over the cost limit', async () => {
    // first: 100 inside first: 100 asks for up to 10,000 programs.
    const query =
      '{ learningCenters(first: 100) { edges { node { programs(first: 100) { edges { node { id title } } } } } } }';
    expectRefusedBy(await graphql(gateway(), query), 'cost', new RegExp(`Cost limit of ${limits().maxCost} exceeded`));
  });

  it('refuses a document with more tokens than the token limit, as a parse error', async () => {
    const query = `{ districts { ${'code '.repeat(limits().maxTokens)} } }`;
    const { status, data, errors } = await graphql(gateway(), query);
    expect(status).toBe(400);
    expect(data).toBeUndefined();
    expect(errors![0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(errors![0].message).toContain(`more that ${limits().maxTokens} tokens`); // sic, graphql-js
  });

  it('answers a body over the size limit with 413 and a GraphQL error', async () => {
    const bytes =
      Number.parseInt(limits().bodyLimit, 10) * (limits().bodyLimit.toLowerCase().endsWith('mb') ? 1024 * 1024 : 1024);
    const body = JSON.stringify({ query: '{ districts { code } }', variables: { padding: 'x'.repeat(bytes) } });
    const { status, body: answer } = await postRaw(gateway(), body);
    expect(status).toBe(413);
    expect(answer.errors![0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.errors![0].message).toContain(limits().bodyLimit);
  });

  it('answers a body that is not JSON with 400 and a GraphQL error', async () => {
    const { status, body } = await postRaw(gateway(), '{ "query": ');
    expect(status).toBe(400);
    expect(body.errors![0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('refuses text holding the NUL character, in a variable or in a literal, with 400; other text runs', async () => {
    const byVariable = (code: string) =>
      JSON.stringify({ query: 'query($code: ID!) { district(code: $code) { code } }', variables: { code } });
    const refusals = [
      await postRaw(gateway(), byVariable('116\u000080')),
      await postRaw(gateway(), JSON.stringify({ query: '{ district(code: "116\\u000080") { code } }' })),
      await postRaw(
        gateway(),
        JSON.stringify({ query: '{ district(code: "11680") { code } }', variables: { x: ['\u0000'] } }),
      ),
    ];
    for (const { status, body } of refusals) {
      expect({ status, data: body.data, errors: body.errors }).toEqual({
        status: 400,
        data: undefined,
        errors: [expect.objectContaining({ message: 'Text may not contain the NUL character (U+0000).' })],
      });
      expect(body.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const { status, body } = await postRaw(gateway(), byVariable('11680'));
    expect({ status, data: body.data }).toEqual({ status: 200, data: { district: { code: '11680' } } });
  });
});

/** The README's example operations and the pages' operations, as shipped. */
function shippedOperations(): { name: string; query: string; variables: Record<string, unknown> }[] {
  const root = join(__dirname, '..', '..');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match, i) => ({
    name: `README example ${i + 1}`,
    query: match[1],
    variables: {},
  }));
  const api = readFileSync(join(root, 'gateway', 'pages', 'public', 'network', 'api.js'), 'utf8');
  const institutionFields = /const INSTITUTION_FIELDS = `([\s\S]*?)`;/.exec(api)![1];
  const pages = [...api.matchAll(/export const (\w+_QUERY) = `([\s\S]*?)`;/g)].map(([, name, text]) => ({
    name: `network page ${name}`,
    query: text.replace('${INSTITUTION_FIELDS}', institutionFields),
    variables: { code: '11680', first: 20 }, // the page asks for 20 programs at a time (search.js)
  }));
  return [...examples, ...pages, { name: 'explorer default query', query: EXPLORER_DEFAULT_QUERY, variables: {} }];
}

describe('the cost limit, with variables and defaults, in production mode', () => {
  let production: RunningGateway;
  beforeAll(async () => {
    production = await startTestGateway({ ...productionOverrides(), RESPONSE_CACHE_TTL_SECONDS: '0' });
  });
  afterAll(() => production?.stop());

  const NESTED =
    'query ($n: Int) { dongs(first: $n) { edges { node { learningCenters { programs(first: $n) { edges { node { title } } } } } } } }';

  it('refuses an operation whose page sizes come from variables, naming its cost and the maximum', async () => {
    const response = await graphql(production.url, NESTED, { n: 100 });
    expectRefusedBy(response, 'cost', new RegExp(`Cost limit of ${limits().maxCost} exceeded`));
    const { cost, maxCost } = response.errors![0].extensions as { cost: number; maxCost: number };
    expect(maxCost).toBe(limits().maxCost);
    expect(cost).toBeGreaterThan(maxCost);
  });

  it('refuses it the same with literal page sizes, and runs it with small ones', async () => {
    const literal =
      '{ dongs(first: 100) { edges { node { learningCenters { programs(first: 100) { edges { node { title } } } } } } } }';
    expectRefusedBy(await graphql(production.url, literal), 'cost', /Cost limit/);
    const small = await graphql(production.url, NESTED, { n: 2 });
    expect(small.errors).toBeUndefined();
    expect((small.data as any).dongs.edges).toHaveLength(2);
  });

  it("counts an argument's default: a connection without first costs its default page", async () => {
    // dongs (first defaults to 20) x learningCenters x programs(first: 500): over the limit without any variable.
    const query =
      '{ dongs { edges { node { learningCenters { programs(first: 500) { edges { node { title } } } } } } } }';
    expectRefusedBy(await graphql(production.url, query), 'cost', /Cost limit/);
  });

  it("runs the README's example operations and the pages' operations within the default limit", async () => {
    for (const { name, query, variables } of shippedOperations()) {
      const { errors } = await graphql(production.url, query, variables);
      expect({ name, errors }).toEqual({ name, errors: undefined });
    }
  });
});
