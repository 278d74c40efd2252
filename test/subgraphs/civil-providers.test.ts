/**
 * The civil-providers subgraph, queried directly over HTTP. Civil providers
 * have no public source: the expected facts come from the same deterministic
 * seed network the stack was seeded with.
 */
import { graphql as execute } from 'graphql';
import { loadConfig } from '../../lib/config';
import { buildFederatedSchema } from '../../lib/subgraph/federation';
import { RequestLoaders } from '../../lib/subgraph/loaders';
import { StatementCountingLogger, type Orm } from '../../lib/subgraph/orm';
import { buildNetwork } from '../../seed/network';
import { compareText } from '../../seed/ids';
import type { CivilProviderRow } from '../../seed/network.types';
import { civilProvidersSubgraph } from '../../subgraphs/civil-providers';
import { CivilProvider } from '../../subgraphs/civil-providers/civil-provider.entity';
import { ServedArea } from '../../subgraphs/civil-providers/served-area.entity';
import { graphql, openSubgraphDatabase, testStack } from '../support/stack';

const url = testStack().subgraphUrls['civil-providers'];
/** The seeded providers; the providers tests register through the gateway are added in beforeAll. */
const seeded = buildNetwork(loadConfig(testStack().env).seed).civilProviders;
const providers: CivilProviderRow[] = [...seeded];
const byNameThenId = (a: CivilProviderRow, b: CivilProviderRow) =>
  compareText(a.name, b.name) || compareText(a.id, b.id);
const servingDistrict = (code: string) => providers.filter((p) => p.districtCodes.includes(code)).sort(byNameThenId);
const districtCodes: string[] = [];

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

const PAGE = 'totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } }';
const PROVIDERS = `query ($filter: CivilProviderFilter, $first: Int, $after: String) {
  civilProviders(filter: $filter, first: $first, after: $after) { ${PAGE} }
}`;
const DISTRICT_PROVIDERS = `query ($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) { ... on District { code civilProviders(first: $first, after: $after) { ${PAGE} } } }
}`;
const districtsRepresentation = (codes: string[]) => codes.map((code) => ({ __typename: 'District', code }));

/** Follows endCursor until the last page; returns every page. */
async function allPages(fetchPage: (after: string | null) => Promise<Page>): Promise<Page[]> {
  const pages = [await fetchPage(null)];
  while (pages.at(-1)!.pageInfo.hasNextPage) pages.push(await fetchPage(pages.at(-1)!.pageInfo.endCursor));
  return pages;
}

async function providerIds(filter: Record<string, unknown>): Promise<{ ids: string[]; totalCount: number }> {
  const response = await graphql<{ civilProviders: Page }>(url, PROVIDERS, { filter, first: 100 });
  expect(response.errors).toBeUndefined();
  return {
    ids: response.data!.civilProviders.edges.map((e) => e.node.id),
    totalCount: response.data!.civilProviders.totalCount,
  };
}

const idsOf = (rows: CivilProviderRow[]) => rows.map((p) => p.id);

describe('civil-providers subgraph', () => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await openSubgraphDatabase('civil-providers');
    // Other test files register providers through the gateway on the same hub: they are expected here too.
    const published = await orm.em
      .fork()
      .find(CivilProvider, { source: 'PUBLISHED' }, { populate: ['servedAreas'], orderBy: { id: 'asc' } });
    providers.push(
      ...published.map(({ id, name, kind, certifiedExcellent, servedAreas }) => ({
        id,
        name,
        kind,
        certifiedExcellent,
        districtCodes: servedAreas.getItems().map((area) => area.districtCode),
      })),
    );
    districtCodes.push(...new Set(providers.flatMap((p) => p.districtCodes)));
    districtCodes.sort(compareText);
  });
  afterAll(async () => {
    await orm.close(true);
  });

  it('seeds every provider and one served area per district a provider serves', async () => {
    const generated = await orm.em.fork().find(CivilProvider, { source: 'GENERATED' });
    expect(generated.map((p) => p.id).sort()).toEqual(idsOf(seeded).sort());
    const response = await graphql<{ civilProviders: Page }>(url, PROVIDERS, { first: 1 });
    expect(response.data!.civilProviders.totalCount).toBe(providers.length);
    expect(await orm.em.fork().count(ServedArea, {})).toBe(
      providers.reduce((sum, p) => sum + p.districtCodes.length, 0),
    );
  });

  describe('civilProvider(id)', () => {
    it('returns a provider with its kind, certification and served districts in code order', async () => {
      const sample = [
        providers[0],
        providers.find((p) => p.certifiedExcellent)!,
        providers.find((p) => p.districtCodes.length > 2)!,
      ];
      for (const expected of sample) {
        const response = await graphql<{ civilProvider: Record<string, unknown> }>(
          url,
          'query ($id: ID!) { civilProvider(id: $id) { id name kind certifiedExcellent districts { code } } }',
          { id: expected.id },
        );
        expect(response.data!.civilProvider).toEqual({
          id: expected.id,
          name: expected.name,
          kind: expected.kind,
          certifiedExcellent: expected.certifiedExcellent,
          districts: [...expected.districtCodes].sort(compareText).map((code) => ({ code })),
        });
      }
    });

    it('returns null for an unknown id', async () => {
      const response = await graphql(url, '{ civilProvider(id: "CP9999") { id } }');
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ civilProvider: null });
    });
  });

  describe('civilProviders', () => {
    it('pages through every provider in name order, then id', async () => {
      const pages = await allPages(
        async (after) =>
          (await graphql<{ civilProviders: Page }>(url, PROVIDERS, { first: 100, after })).data!.civilProviders,
      );
      expect(pages.flatMap((page) => page.edges.map((e) => e.node.id))).toEqual(
        idsOf([...providers].sort(byNameThenId)),
      );
      expect(pages.every((page) => page.totalCount === providers.length)).toBe(true);
      expect(pages[0].pageInfo.hasPreviousPage).toBe(false);
      expect(pages.slice(1).every((page) => page.pageInfo.hasPreviousPage)).toBe(true);
      expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
    });

    it('pages 20 providers by default', async () => {
      const response = await graphql<{ civilProviders: Page }>(
        url,
        '{ civilProviders { totalCount pageInfo { hasNextPage } edges { node { id } } } }',
      );
      expect(response.data!.civilProviders.edges).toHaveLength(20);
      expect(response.data!.civilProviders.pageInfo.hasNextPage).toBe(true);
    });

    it('filters by the district served', async () => {
      const code = districtCodes[0];
      const expected = servingDistrict(code);
      expect(await providerIds({ districtCode: code })).toEqual({ ids: idsOf(expected), totalCount: expected.length });
    });

    it('filters by kind and by certification, alone and together', async () => {
      const kind = providers[0].kind;
      const ofKind = providers.filter((p) => p.kind === kind).sort(byNameThenId);
      expect((await providerIds({ kind })).totalCount).toBe(ofKind.length);
      for (const certifiedExcellent of [true, false]) {
        const expected = providers.filter((p) => p.certifiedExcellent === certifiedExcellent);
        expect((await providerIds({ certifiedExcellent })).totalCount).toBe(expected.length);
        const both = ofKind.filter((p) => p.certifiedExcellent === certifiedExcellent);
        expect(await providerIds({ kind, certifiedExcellent })).toEqual({ ids: idsOf(both), totalCount: both.length });
      }
    });

    it('filters by part of the name, combined with the district', async () => {
      const word = '협동조합';
      const code = providers.find((p) => p.name.includes(word))!.districtCodes[0];
      const expected = servingDistrict(code).filter((p) => p.name.includes(word));
      expect(expected.length).toBeGreaterThan(0);
      expect(await providerIds({ nameContains: word, districtCode: code })).toEqual({
        ids: idsOf(expected),
        totalCount: expected.length,
      });
    });

    it('returns an empty page when nothing matches', async () => {
      expect(await providerIds({ nameContains: 'no such provider', certifiedExcellent: true })).toEqual({
        ids: [],
        totalCount: 0,
      });
    });

    it('rejects a page size outside 1..100 and a foreign cursor as bad user input', async () => {
      for (const [variables, argument] of [
        [{ first: 0 }, 'first'],
        [{ first: 101 }, 'first'],
        [{ after: 'not-a-cursor' }, 'after'],
        [{ after: Buffer.from('["only one key"]').toString('base64url') }, 'after'],
      ] as const) {
        const response = await graphql(url, PROVIDERS, variables);
        expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      }
    });
  });

  describe('District.civilProviders', () => {
    it('lists the providers serving each of many districts in one request, in name order', async () => {
      const response = await graphql<{ _entities: { code: string; civilProviders: Page }[] }>(url, DISTRICT_PROVIDERS, {
        representations: districtsRepresentation(districtCodes),
        first: 100,
      });
      expect(response.errors).toBeUndefined();
      expect(response.data!._entities.map((d) => d.code)).toEqual(districtCodes);
      for (const district of response.data!._entities) {
        const expected = servingDistrict(district.code);
        expect(district.civilProviders.edges.map((e) => e.node.id)).toEqual(idsOf(expected));
        expect(district.civilProviders.totalCount).toBe(expected.length);
        expect(district.civilProviders.pageInfo.hasNextPage).toBe(false);
      }
    });

    it('pages each district with first/after and keeps the whole count', async () => {
      const code = districtCodes.reduce((a, b) => (servingDistrict(a).length >= servingDistrict(b).length ? a : b));
      const expected = servingDistrict(code);
      const pages = await allPages(async (after) => {
        const response = await graphql<{ _entities: { civilProviders: Page }[] }>(url, DISTRICT_PROVIDERS, {
          representations: districtsRepresentation([code]),
          first: 7,
          after,
        });
        return response.data!._entities[0].civilProviders;
      });
      expect(pages).toHaveLength(Math.ceil(expected.length / 7));
      expect(pages.flatMap((page) => page.edges.map((e) => e.node.id))).toEqual(idsOf(expected));
      expect(pages.every((page) => page.totalCount === expected.length)).toBe(true);
    });

    it('uses the same cursors as civilProviders filtered by that district', async () => {
      const code = districtCodes[1];
      const viaDistrict = await graphql<{ _entities: { civilProviders: Page }[] }>(url, DISTRICT_PROVIDERS, {
        representations: districtsRepresentation([code]),
        first: 3,
      });
      const cursor = viaDistrict.data!._entities[0].civilProviders.pageInfo.endCursor;
      const rest = await graphql<{ civilProviders: Page }>(url, PROVIDERS, {
        filter: { districtCode: code },
        first: 100,
        after: cursor,
      });
      expect(rest.data!.civilProviders.edges.map((e) => e.node.id)).toEqual(idsOf(servingDistrict(code).slice(3)));
    });

    it('gives a district no provider serves an empty connection', async () => {
      const response = await graphql<{ _entities: { civilProviders: Page }[] }>(url, DISTRICT_PROVIDERS, {
        representations: districtsRepresentation(['99999']),
      });
      expect(response.data!._entities[0].civilProviders).toMatchObject({
        totalCount: 0,
        edges: [],
        pageInfo: { hasNextPage: false },
      });
    });

    it('rejects a bad page size and a bad cursor as bad user input', async () => {
      for (const [variables, argument] of [
        [{ first: 101 }, 'first'],
        [{ after: 'not-a-cursor' }, 'after'],
      ] as const) {
        const response = await graphql(url, DISTRICT_PROVIDERS, {
          representations: districtsRepresentation(districtCodes.slice(0, 2)),
          ...variables,
        });
        expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      }
    });
  });

  describe('CivilProvider entity', () => {
    it('resolves references in order, null for an unknown id', async () => {
      const wanted = [providers[2], providers[0]];
      const response = await graphql<{ _entities: ({ id: string; name: string } | null)[] }>(
        url,
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CivilProvider { id name } } }',
        {
          representations: [
            ...wanted.map((p) => ({ __typename: 'CivilProvider', id: p.id })),
            { __typename: 'CivilProvider', id: 'CP9999' },
          ],
        },
      );
      expect(response.data!._entities).toEqual([...wanted.map(({ id, name }) => ({ id, name })), null]);
    });
  });

  describe('batching', () => {
    /** Runs a query in this process against the subgraph's database and counts its SQL statements. */
    async function statementsFor(query: string, variables: Record<string, unknown>): Promise<number> {
      const schema = await buildFederatedSchema(civilProvidersSubgraph);
      const em = orm.em.fork();
      const before = StatementCountingLogger.statements;
      const result = await execute({
        schema,
        source: query,
        variableValues: variables,
        contextValue: { em, loaders: new RequestLoaders(em), requestId: undefined },
      });
      expect(result.errors).toBeUndefined();
      return StatementCountingLogger.statements - before;
    }

    it('pages the providers of every district with one statement, one count and one district lookup', async () => {
      const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on District { civilProviders(first: 5) { totalCount edges { node { id districts { code } } } } } } }`;
      expect(await statementsFor(query, { representations: districtsRepresentation(districtCodes) })).toBe(3);
    });

    it('resolves many provider references with one statement', async () => {
      const representations = providers.slice(0, 30).map((p) => ({ __typename: 'CivilProvider', id: p.id }));
      const query =
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on CivilProvider { id kind } } }';
      expect(await statementsFor(query, { representations })).toBe(1);
    });
  });
});
