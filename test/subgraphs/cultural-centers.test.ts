/**
 * The cultural-centers subgraph, queried directly over HTTP: its queries,
 * its contributions to District and Dong, entity resolution, and Relay
 * paging — checked against the Seoul cultural space list it is seeded from.
 */
import { CulturalSpace } from '../../subgraphs/cultural-centers/cultural-space.entity';
import type { Orm } from '../../lib/subgraph/orm';
import { graphql, openSubgraphDatabase, readSeedCsv, testStack } from '../support/stack';

const url = () => testStack().subgraphUrls['cultural-centers'];
/** Code-point order is what SQLite sorts by; a PostgreSQL collation may order names differently. */
const sortsByCodePoint = () => !testStack().env.DATABASE_URL;

const MAPO = '11440';
const compact = (name: string) => name.replace(/\s+/g, '');
const isNumber = (cell: string) => /^-?\d+(\.\d+)?$/.test(cell.trim());

interface CenterNode {
  id: string;
  name: string;
  kind: string;
  district: { code: string };
  dong: { code: string } | null;
  location: { lat: number; lng: number };
  address: string | null;
  phone: string | null;
  homepage: string | null;
  seats: number | null;
}
interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

const CENTER_FIELDS = 'id name kind district { code } dong { code } location { lat lng } address phone homepage seats';
const PAGE_FIELDS = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${CENTER_FIELDS} } }`;
const CENTERS = `query ($filter: CulturalCenterFilter, $first: Int, $after: String) {
  culturalCenters(filter: $filter, first: $first, after: $after) { ${PAGE_FIELDS} }
}`;

async function centersPage(filter: Record<string, unknown> | null, first?: number, after?: string | null) {
  const response = await graphql<{ culturalCenters: Page<CenterNode> }>(url(), CENTERS, { filter, first, after });
  expect(response.errors).toBeUndefined();
  return response.data!.culturalCenters;
}

/** Every center matching the filter, page by page. */
async function allCenters(filter: Record<string, unknown> | null, first = 100): Promise<CenterNode[]> {
  const nodes: CenterNode[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await centersPage(filter, first, after);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

function expectNameThenIdOrder(nodes: { id: string; name: string }[]): void {
  if (!sortsByCodePoint()) return;
  for (let i = 1; i < nodes.length; i += 1) {
    const [a, b] = [nodes[i - 1], nodes[i]];
    expect(a.name < b.name || (a.name === b.name && a.id < b.id)).toBe(true);
  }
}

// The source list also holds libraries (they come from the library lists) and rows without coordinates.
const sourceRows = readSeedCsv('seoul_cultural_spaces.csv').filter(
  (row) => row.category_ko !== '도서관' && isNumber(row.lat) && isNumber(row.lng),
);
const sourceNamesIn = (guCode: string) =>
  new Set(sourceRows.filter((row) => row.gu_code === guCode).map((row) => compact(row.name_ko)));
const sourceRowsNamed = (guCode: string, name: string) =>
  sourceRows.filter((row) => row.gu_code === guCode && compact(row.name_ko) === compact(name));
const guCodes = [...new Set(readSeedCsv('seoul_gu.csv').map((row) => row.gu_code))];

describe('cultural-centers subgraph', () => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await openSubgraphDatabase('cultural-centers');
  });
  afterAll(async () => {
    await orm.close(true);
  });

  describe('culturalCenter(id)', () => {
    it('returns a center with the facts of its row in the source list', async () => {
      const [mapoCenter] = await allCenters({ districtCode: MAPO, nameContains: '마포문화원' });
      const { data } = await graphql<{ culturalCenter: CenterNode }>(
        url(),
        `query ($id: ID!) { culturalCenter(id: $id) { ${CENTER_FIELDS} } }`,
        { id: mapoCenter.id },
      );
      const [row] = sourceRowsNamed(MAPO, '마포문화원');
      expect(data!.culturalCenter).toMatchObject({
        id: mapoCenter.id,
        name: row.name_ko.trim(),
        kind: 'LOCAL_CULTURAL_CENTER',
        district: { code: MAPO },
        address: row.address.trim(),
        phone: row.phone.trim(),
        homepage: row.homepage.trim(),
        location: { lat: Number(row.lat), lng: Number(row.lng) },
      });
      expect(data!.culturalCenter.dong?.code).toMatch(/^\d{10}$/);
    });

    it('gives the seat count when the source gives one number', async () => {
      // a place listed once, so no second row can have given it other seats
      const row = sourceRows.find(
        (candidate) =>
          /^\d+$/.test(candidate.seats.trim()) && sourceRowsNamed(candidate.gu_code, candidate.name_ko).length === 1,
      )!;
      const [center] = (await allCenters({ districtCode: row.gu_code, nameContains: row.name_ko.trim() })).filter(
        (node) => compact(node.name) === compact(row.name_ko),
      );
      expect(center.seats).toBe(Number(row.seats));
    });

    it('returns null for an unknown id', async () => {
      const { data, errors } = await graphql(url(), '{ culturalCenter(id: "CC9999") { id } }');
      expect(errors).toBeUndefined();
      expect(data!.culturalCenter).toBeNull();
    });
  });

  describe('culturalCenters(filter)', () => {
    it('lists every cultural space of a district in the source list, by name then id', async () => {
      const nodes = await allCenters({ districtCode: MAPO }, 15);
      expect(new Set(nodes.map((node) => compact(node.name)))).toEqual(sourceNamesIn(MAPO));
      expect(nodes.every((node) => node.district.code === MAPO)).toBe(true);
      expectNameThenIdOrder(nodes);
    });

    it('counts, per district, the places of the source list', async () => {
      const query = guCodes
        .map((code, i) => `d${i}: culturalCenters(filter: { districtCode: "${code}" }, first: 1) { totalCount }`)
        .join('\n');
      const { data, errors } = await graphql<Record<string, { totalCount: number }>>(url(), `{ ${query} }`);
      expect(errors).toBeUndefined();
      guCodes.forEach((code, i) => expect([code, data![`d${i}`].totalCount]).toEqual([code, sourceNamesIn(code).size]));
    });

    it('tells the gu cultural centers (문화원) apart from foreign institutes and culture houses', async () => {
      const stems = readSeedCsv('seoul_gu.csv').map((row) => row.gu_name_ko.replace(/구$/, ''));
      const expected = sourceRows
        .filter(
          (row) =>
            row.category_ko === '문화원' && stems.some((stem) => compact(row.name_ko).startsWith(`${stem}문화원`)),
        )
        .map((row) => compact(row.name_ko));
      const local = await allCenters({ kind: 'LOCAL_CULTURAL_CENTER' });
      expect(local.map((node) => compact(node.name)).sort()).toEqual([...new Set(expected)].sort());

      const houses = await allCenters({ kind: 'CULTURE_HOUSE' });
      expect(houses.length).toBeGreaterThan(0);
      expect(houses.every((node) => node.name.replace(/\s+/g, '').includes('문화의집'))).toBe(true);
    });

    it.each([
      ['ARTS_CENTER', '문화예술회관'],
      ['PERFORMANCE_HALL', '공연장'],
      ['MUSEUM', '박물관/기념관'],
      ['GALLERY', '미술관/갤러리'],
    ])('lists as %s only places the source files under %s', async (kind, category) => {
      const nodes = await allCenters({ kind });
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) {
        const categories = sourceRowsNamed(node.district.code, node.name).map((row) => row.category_ko);
        expect([node.name, categories]).toEqual([node.name, expect.arrayContaining([category])]);
      }
    });

    it('finds centers by part of their name, combined with the other conditions', async () => {
      const term = '미술관';
      const nodes = await allCenters({ districtCode: MAPO, nameContains: term });
      const expected = [...sourceNamesIn(MAPO)].filter((name) => name.includes(term));
      expect(nodes.map((node) => compact(node.name)).sort()).toEqual(expected.sort());

      const museums = await allCenters({ nameContains: term, kind: 'MUSEUM' });
      expect(museums.every((node) => node.kind === 'MUSEUM' && node.name.includes(term))).toBe(true);
    });

    it.each(['%', '_'])('treats %s in nameContains as a plain character, not a wildcard', async (character) => {
      const named = new Set(
        sourceRows
          .filter((row) => row.name_ko.includes(character))
          .map((row) => `${row.gu_code}|${compact(row.name_ko)}`),
      );
      expect((await centersPage({ nameContains: character }, 1)).totalCount).toBe(named.size);
    });

    it('filters by dong', async () => {
      const [first] = (await centersPage({ districtCode: MAPO }, 1)).edges;
      const dongCode = first.node.dong!.code;
      const nodes = await allCenters({ dongCode });
      expect(nodes.map((node) => node.id)).toContain(first.node.id);
      expect(nodes.every((node) => node.dong?.code === dongCode)).toBe(true);
    });

    it('returns an empty connection when nothing matches', async () => {
      const page = await centersPage({ nameContains: 'no such place anywhere' });
      expect(page).toEqual({
        totalCount: 0,
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        edges: [],
      });
    });
  });

  describe('paging', () => {
    it('pages through a district with first/after, the pages joining into one list', async () => {
      const whole = await centersPage({ districtCode: MAPO }, 100);
      expect(whole.totalCount).toBe(sourceNamesIn(MAPO).size);
      expect(whole.pageInfo.hasNextPage).toBe(false);

      const first = await centersPage({ districtCode: MAPO }, 7);
      expect(first.edges).toHaveLength(7);
      expect(first.totalCount).toBe(whole.totalCount);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(first.pageInfo.startCursor).toBe(first.edges[0].cursor);
      expect(first.pageInfo.endCursor).toBe(first.edges[6].cursor);

      const second = await centersPage({ districtCode: MAPO }, 7, first.pageInfo.endCursor);
      expect(second.pageInfo.hasPreviousPage).toBe(true);
      expect([...first.edges, ...second.edges].map((edge) => edge.node.id)).toEqual(
        whole.edges.slice(0, 14).map((edge) => edge.node.id),
      );

      const paged = await allCenters({ districtCode: MAPO }, 7);
      expect(paged.map((node) => node.id)).toEqual(whole.edges.map((edge) => edge.node.id));
    });

    it('defaults to 20 nodes a page', async () => {
      const page = await centersPage(null);
      expect(page.edges).toHaveLength(20);
      expect(page.totalCount).toBe(new Set(sourceRows.map((row) => `${row.gu_code}|${compact(row.name_ko)}`)).size);
    });

    it.each([0, -1, 101])('rejects first: %d as BAD_USER_INPUT', async (first) => {
      const { data, errors } = await graphql(url(), CENTERS, { first });
      expect(data?.culturalCenters ?? null).toBeNull();
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    });

    it.each(['not a cursor', Buffer.from(JSON.stringify(['only one key'])).toString('base64url')])(
      'rejects after: %j as BAD_USER_INPUT',
      async (after) => {
        const { errors } = await graphql(url(), CENTERS, { after });
        expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      },
    );
  });

  describe('spaces', () => {
    it('lists the rooms of each center by name, each pointing back to its center', async () => {
      const { data, errors } = await graphql<{ culturalCenters: { edges: { node: { id: string; spaces: any[] } }[] } }>(
        url(),
        `{ culturalCenters(filter: { districtCode: "${MAPO}" }, first: 20) {
            edges { node { id spaces { id name capacity culturalCenter { id } } } } } }`,
      );
      expect(errors).toBeUndefined();
      const centers = data!.culturalCenters.edges.map((edge) => edge.node);
      const stored = await orm.em
        .fork()
        .find(CulturalSpace, { culturalCenter: { $in: centers.map((center) => center.id) } as never });
      for (const center of centers) {
        const expected = stored.filter((space) => space.culturalCenter.id === center.id);
        expect(center.spaces.map((space) => space.id).sort()).toEqual(expected.map((space) => space.id).sort());
        expect(center.spaces.every((space) => space.capacity > 0 && space.culturalCenter.id === center.id)).toBe(true);
        expectNameThenIdOrder(center.spaces);
      }
      expect(centers.some((center) => center.spaces.length > 0)).toBe(true);
    });
  });

  describe('District and Dong (owned by centers)', () => {
    it('resolves District.culturalCenters for many districts in one _entities request', async () => {
      const codes = [MAPO, '11110', '11680'];
      const { data, errors } = await graphql<{ _entities: { code: string; culturalCenters: Page<CenterNode> }[] }>(
        url(),
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on District { code culturalCenters(first: 5) { ${PAGE_FIELDS} } } } }`,
        { representations: codes.map((code) => ({ __typename: 'District', code })) },
      );
      expect(errors).toBeUndefined();
      for (const [i, code] of codes.entries()) {
        const connection = data!._entities[i].culturalCenters;
        const direct = await centersPage({ districtCode: code }, 5);
        expect(connection.totalCount).toBe(sourceNamesIn(code).size);
        expect(connection.edges.map((edge) => edge.node.id)).toEqual(direct.edges.map((edge) => edge.node.id));
        expect(connection.pageInfo.hasNextPage).toBe(true);
      }
    });

    it('pages District.culturalCenters with after', async () => {
      const query = `query ($after: String) { _entities(representations: [{ __typename: "District", code: "${MAPO}" }]) {
          ... on District { culturalCenters(first: 10, after: $after) { ${PAGE_FIELDS} } } } }`;
      const first = await graphql<{ _entities: { culturalCenters: Page<CenterNode> }[] }>(url(), query);
      const cursor = first.data!._entities[0].culturalCenters.pageInfo.endCursor;
      const second = await graphql<{ _entities: { culturalCenters: Page<CenterNode> }[] }>(url(), query, {
        after: cursor,
      });
      const direct = await centersPage({ districtCode: MAPO }, 20);
      expect(
        [first, second].flatMap((response) =>
          response.data!._entities[0].culturalCenters.edges.map((edge) => edge.node.id),
        ),
      ).toEqual(direct.edges.map((edge) => edge.node.id));
      expect(second.data!._entities[0].culturalCenters.pageInfo.hasPreviousPage).toBe(true);
    });

    it('rejects a bad page size on District.culturalCenters', async () => {
      const { errors } = await graphql(
        url(),
        `{ _entities(representations: [{ __typename: "District", code: "${MAPO}" }]) {
            ... on District { culturalCenters(first: 1000) { totalCount } } } }`,
      );
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    });

    it('lists the centers in each dong, and none in a dong without any', async () => {
      const mapo = await allCenters({ districtCode: MAPO });
      const dongCodes = [...new Set(mapo.map((node) => node.dong!.code))].slice(0, 4);
      const { data, errors } = await graphql<{
        _entities: { code: string; culturalCenters: { id: string; name: string }[] }[];
      }>(
        url(),
        `
          query ($representations: [_Any!]!) {
            _entities(representations: $representations) {
              ... on Dong {
                code
                culturalCenters {
                  id
                  name
                }
              }
            }
          }
        `,
        { representations: [...dongCodes, '0000000000'].map((code) => ({ __typename: 'Dong', code })) },
      );
      expect(errors).toBeUndefined();
      for (const [i, code] of dongCodes.entries()) {
        const listed = data!._entities[i].culturalCenters;
        expect(listed.map((node) => node.id)).toEqual((await allCenters({ dongCode: code })).map((node) => node.id));
        expectNameThenIdOrder(listed);
      }
      expect(data!._entities[dongCodes.length]).toEqual({ code: '0000000000', culturalCenters: [] });
    });
  });

  describe('entity resolution', () => {
    it('resolves CulturalCenter and CulturalSpace references in one request, null for unknown ids', async () => {
      const [center] = (await centersPage({ districtCode: MAPO }, 1)).edges.map((edge) => edge.node);
      const space = await orm.em.fork().findOneOrFail(CulturalSpace, { culturalCenter: center.id as never });
      const { data, errors } = await graphql<{ _entities: any[] }>(
        url(),
        `
          query ($representations: [_Any!]!) {
            _entities(representations: $representations) {
              ... on CulturalCenter {
                id
                name
              }
              ... on CulturalSpace {
                id
                name
                capacity
                culturalCenter {
                  id
                }
              }
            }
          }
        `,
        {
          representations: [
            { __typename: 'CulturalCenter', id: center.id },
            { __typename: 'CulturalSpace', id: space.id },
            { __typename: 'CulturalCenter', id: 'CC9999' },
            { __typename: 'CulturalSpace', id: 'CC9999-S1' },
          ],
        },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([
        { id: center.id, name: center.name },
        { id: space.id, name: space.name, capacity: space.capacity, culturalCenter: { id: center.id } },
        null,
        null,
      ]);
    });

    it('leaves programs and partnerships to the centers subgraph and describes every kind', async () => {
      const { data } = await graphql<{ _service: { sdl: string } }>(url(), '{ _service { sdl } }');
      const sdl = data!._service.sdl;
      const centerType = /type CulturalCenter\s[^{]*\{([^}]*)\}/.exec(sdl)![1];
      expect(centerType).not.toMatch(/^\s*(programs|partnerships)\b/m);
      const kinds = /enum CulturalCenterKind \{([^}]*)\}/.exec(sdl)![1];
      const values = kinds.match(/^\s*[A-Z_]+$/gm)!.map((value) => value.trim());
      expect(values).toEqual([
        'LOCAL_CULTURAL_CENTER',
        'FOREIGN_CULTURAL_INSTITUTE',
        'CULTURE_HOUSE',
        'ARTS_CENTER',
        'PERFORMANCE_HALL',
        'MUSEUM',
        'GALLERY',
        'OTHER',
      ]);
      expect(kinds.match(/"""/g)).toHaveLength(values.length * 2);
    });
  });
});
