import type { SubgraphContext } from '../../lib/subgraph/context';
import type { Orm } from '../../lib/subgraph/orm';
import { Role } from '../../lib/auth';
import { graphql, openSubgraphDatabase, tokenFor } from '../support/stack';
import { paginatePrograms } from '../../subgraphs/centers/programs/program.connection';
import { programWhere } from '../../subgraphs/centers/programs/program.filter';
import { errorCodes, gatewayUrl, query, sql } from './analytics-support';

const SEARCH = `query ($filter: ProgramSearchInput, $first: Int, $after: String) {
  searchPrograms(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor distanceKm node { id title titleEn track startsOn seatsLeft field { code } center { location { lat lng } } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

interface Row {
  id: string;
  title: string;
  title_en: string | null;
  track: string;
  field_code: string;
  district_code: string;
  dong_code: string;
  starts_on: string;
  capacity: number;
  confirmed_count: number;
  lat: number;
  lng: number;
}

/** This test's own great-circle distance (mean Earth radius 6371.0088 km, as IUGG gives it). */
function haversine(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const s =
    Math.sin(toRad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(toRad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(s));
}

let orm: Orm;
let published: Row[];
let areaOf: Map<string, string>;
const byCatalogOrder = (a: Row, b: Row) =>
  a.starts_on < b.starts_on ? -1 : a.starts_on > b.starts_on ? 1 : a.id < b.id ? -1 : 1;

/** Every page of a search, checking the page bookkeeping on the way. */
async function searchAll(filter: Record<string, unknown>, first = 100) {
  const edges: any[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let page = 0; ; page++) {
    const { searchPrograms: found }: any = await query(SEARCH, { filter, first, after });
    expect(found.pageInfo.hasPreviousPage).toBe(after !== null);
    edges.push(...found.edges);
    totals.add(found.totalCount);
    if (!found.pageInfo.hasNextPage) break;
    expect(found.edges).toHaveLength(first);
    after = found.pageInfo.endCursor;
    expect(page).toBeLessThan(200);
  }
  expect([...totals]).toEqual([edges.length]);
  return edges;
}
const ids = (edges: any[]) => edges.map((edge) => edge.node.id);

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  published = (
    await sql<Row>(
      orm,
      `select id, title, title_en, track, field_code, district_code, dong_code, starts_on, capacity, confirmed_count, lat, lng
    from program where status = 'PUBLISHED'`,
    )
  ).map((r) => ({
    ...r,
    capacity: Number(r.capacity),
    confirmed_count: Number(r.confirmed_count),
    lat: Number(r.lat),
    lng: Number(r.lng),
  }));
  areaOf = new Map(
    (await sql(orm, 'select code, parent_code from lifelong_education_field')).map((f) => [
      f.code,
      f.parent_code ?? f.code,
    ]),
  );
});
afterAll(() => orm?.close());

const contains = (text: string | null, part: string) => (text ?? '').toLowerCase().includes(part.toLowerCase());
const expectIds = (keep: (row: Row) => boolean) =>
  published
    .filter(keep)
    .sort(byCatalogOrder)
    .map((row) => row.id);

describe('searchPrograms, one filter at a time (soonest first)', () => {
  it('gives every seeded program an English title beside the Korean one', () => {
    const seeded = published.filter((row) => /^PG\d+$/.test(row.id)); // generated, not created by other suites
    expect(seeded.length).toBeGreaterThan(100);
    expect(seeded.filter((row) => !/^[^\uac00-\ud7a3]+$/.test(row.title_en ?? ''))).toEqual([]); // no Hangul in any
  });

  it('finds Korean text in Korean titles', async () => {
    const word = '요가';
    const found = await searchAll({ text: word });
    expect(found.length).toBeGreaterThan(0);
    expect(ids(found)).toEqual(expectIds((row) => contains(row.title, word) || contains(row.title_en, word)));
  });

  it('finds English text in English titles whatever its case', async () => {
    const lower = await searchAll({ text: 'yoga' });
    const upper = await searchAll({ text: 'YOGA' });
    expect(lower.length).toBeGreaterThan(0);
    expect(ids(lower)).toEqual(ids(upper));
    expect(ids(lower)).toEqual(expectIds((row) => contains(row.title, 'yoga') || contains(row.title_en, 'yoga')));
    expect(lower.every((edge) => /yoga/i.test(edge.node.titleEn))).toBe(true);
  });

  it('filters by track, field area, district, dong, dates and seats left', async () => {
    const someDong = published[0].dong_code;
    const cases: [Record<string, unknown>, (row: Row) => boolean][] = [
      [{ track: 'LOCAL_PROBLEM_SOLVING' }, (row) => row.track === 'LOCAL_PROBLEM_SOLVING'],
      [{ fieldCode: '5' }, (row) => areaOf.get(row.field_code) === '5'],
      [{ fieldCode: '4-2' }, (row) => row.field_code === '4-2'],
      [{ districtCode: '11440' }, (row) => row.district_code === '11440'],
      [{ dongCode: someDong }, (row) => row.dong_code === someDong],
      [
        { startsOnOrAfter: '2026-05-01', startsOnOrBefore: '2026-05-31' },
        (row) => row.starts_on >= '2026-05-01' && row.starts_on <= '2026-05-31',
      ],
      [{ minSeatsLeft: 35 }, (row) => row.capacity - row.confirmed_count >= 35],
    ];
    for (const [filter, keep] of cases) {
      const found = await searchAll(filter);
      expect(found.length).toBeGreaterThan(0);
      expect(ids(found)).toEqual(expectIds(keep));
    }
  });

  it('combines filters: all must hold', async () => {
    const filter = {
      text: 'class',
      track: 'LIFE_CULTURE',
      startsOnOrAfter: '2026-03-01',
      minSeatsLeft: 1,
      fieldCode: '4',
    };
    const found = await searchAll(filter, 7);
    expect(found.length).toBeGreaterThan(0);
    expect(ids(found)).toEqual(
      expectIds(
        (row) =>
          (contains(row.title, 'class') || contains(row.title_en, 'class')) &&
          row.track === 'LIFE_CULTURE' &&
          row.starts_on >= '2026-03-01' &&
          row.capacity > row.confirmed_count &&
          areaOf.get(row.field_code) === '4',
      ),
    );
    expect(found.every((edge) => edge.distanceKm === null)).toBe(true);
  });
});

describe('text search at any word length: exact totalCount, pages that add up', () => {
  const PROGRAMS = `query ($filter: ProgramFilter, $first: Int, $after: String) {
    programs(filter: $filter, first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
  }`;
  const GANGNAM = '11680';

  /** Every page of programs(filter), each page's totalCount the same. */
  async function programsAll(filter: Record<string, unknown>, first: number): Promise<string[]> {
    const found: string[] = [];
    const totals = new Set<number>();
    for (let after: string | null = null; ;) {
      const { programs: page }: any = await query(PROGRAMS, { filter, first, after });
      found.push(...page.edges.map((edge: any) => edge.node.id));
      totals.add(page.totalCount);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(found.length).toBeLessThan(5000);
    }
    expect([...totals]).toEqual([found.length]);
    return found;
  }

  // One and two syllables: too short for trigram indexes, the common case of Korean search words.
  it.each(['교', '실', '요가', '교실', 'Ga'])(
    'counts "%s" exactly, in one district and in the whole city',
    async (word) => {
      for (const districtCode of [GANGNAM, undefined]) {
        const inPlace = (row: Row) => districtCode === undefined || row.district_code === districtCode;
        const titled = expectIds((row) => inPlace(row) && contains(row.title, word));
        const either = expectIds((row) => inPlace(row) && (contains(row.title, word) || contains(row.title_en, word)));
        const { programs } = await query(PROGRAMS, { filter: { districtCode, titleContains: word }, first: 1 });
        const { searchPrograms } = await query(SEARCH, { filter: { districtCode, text: word }, first: 1 });
        expect([programs.totalCount, searchPrograms.totalCount]).toEqual([titled.length, either.length]);
        expect(either.length).toBeGreaterThan(0);
      }
    },
  );

  it("pages through a district's title matches in catalog order", async () => {
    expect(await programsAll({ districtCode: GANGNAM, titleContains: '요가' }, 3)).toEqual(
      expectIds((row) => row.district_code === GANGNAM && contains(row.title, '요가')),
    );
    const found = await searchAll({ districtCode: GANGNAM, text: '교실' }, 37);
    expect(ids(found)).toEqual(
      expectIds(
        (row) => row.district_code === GANGNAM && (contains(row.title, '교실') || contains(row.title_en, '교실')),
      ),
    );
  });

  it('counts after the page is read, from the same conditions (a page must not use them up)', async () => {
    const em = orm.em.fork();
    const ctx = { em, identity: null } as unknown as SubgraphContext;
    const page = await paginatePrograms(em, await programWhere({ districtCode: GANGNAM, titleContains: '교실' }, ctx), {
      first: 2,
    });
    expect(page.edges).toHaveLength(2);
    expect(await (page.totalCount as () => Promise<number>)()).toBe(
      expectIds((row) => row.district_code === GANGNAM && contains(row.title, '교실')).length,
    );
  });
});

describe('searchPrograms near a point', () => {
  const gangnamStation = { lat: 37.4979, lng: 127.0276 };

  it('finds exactly the programs within the radius, nearest first', async () => {
    const near = { ...gangnamStation, radiusKm: 2.5 };
    const found = await searchAll({ near });
    const expected = published
      .map((row) => ({ id: row.id, d: haversine(near, row) }))
      .filter((row) => row.d <= near.radiusKm)
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(published.length / 4);
    expect(ids(found)).toEqual(expected.map((row) => row.id));
    found.forEach((edge, i) => {
      expect(edge.distanceKm).toBeCloseTo(expected[i].d, 6);
      expect(haversine(near, edge.node.center.location)).toBeCloseTo(edge.distanceKm, 6);
    });
  });

  it('keeps pages stable: small pages add up to one big page, with one totalCount', async () => {
    const filter = { near: { ...gangnamStation, radiusKm: 4 }, track: 'LIFE_CULTURE' };
    const small = await searchAll(filter, 3);
    const big = await searchAll(filter, 100);
    expect(small.length).toBeGreaterThan(6);
    expect(ids(small)).toEqual(ids(big));
    expect(new Set(ids(small)).size).toBe(small.length);
  });

  it('combines distance with text and dates', async () => {
    const near = { lat: 37.5665, lng: 126.978, radiusKm: 6 };
    const found = await searchAll({ near, text: '교실', startsOnOrBefore: '2026-12-31' });
    const expected = published
      .filter((row) => contains(row.title, '교실') && row.starts_on <= '2026-12-31')
      .map((row) => ({ id: row.id, d: haversine(near, row) }))
      .filter((row) => row.d <= near.radiusKm)
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(found)).toEqual(expected.map((row) => row.id));
  });

  it('finds nothing in the sea off Incheon', async () => {
    const { searchPrograms: found } = await query(SEARCH, { filter: { near: { lat: 37.2, lng: 126.2, radiusKm: 5 } } });
    expect(found).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('searchPrograms refuses bad input', () => {
  const badFilters = [
    { near: { lat: 37.5, lng: 127, radiusKm: 0 } },
    { near: { lat: 37.5, lng: 127, radiusKm: -3 } },
    { near: { lat: 37.5, lng: 127, radiusKm: 51 } },
    { near: { lat: 90.5, lng: 127, radiusKm: 1 } },
    { near: { lat: 37.5, lng: -181, radiusKm: 1 } },
    { minSeatsLeft: -1 },
  ];
  it.each(badFilters.map((filter) => [JSON.stringify(filter), filter]))(
    'with BAD_USER_INPUT for %s',
    async (_name, filter) => {
      expect(await errorCodes(SEARCH, { filter })).toEqual(['BAD_USER_INPUT']);
    },
  );

  it('says what is wrong with a radius over the maximum and with a text over 100 characters', async () => {
    const messages = async (filter: Record<string, unknown>) =>
      (await graphql(gatewayUrl(), SEARCH, { filter })).errors?.map((error) => error.message);
    expect(await messages({ near: { lat: 37.5, lng: 127, radiusKm: 5000 } })).toEqual([
      'near.radiusKm must be more than 0 and at most 50, got 5000',
    ]);
    expect(await messages({ text: '교'.repeat(101) })).toEqual(['text must be at most 100 characters']);
    expect(await messages({ text: ` ${'교'.repeat(100)} ` })).toBeUndefined();
  });

  it('with BAD_USER_INPUT for a page size out of range and for a cursor of the other order', async () => {
    expect(await errorCodes(SEARCH, { first: 0 })).toEqual(['BAD_USER_INPUT']);
    const { searchPrograms: plain } = await query(SEARCH, { first: 1 });
    const near = { near: { lat: 37.5, lng: 127, radiusKm: 3 } };
    expect(await errorCodes(SEARCH, { filter: near, after: plain.pageInfo.endCursor })).toEqual(['BAD_USER_INPUT']);
  });
});

describe('English titles and coordinates of new programs', () => {
  it("stores the English title and the center's point, and search finds the program once published", async () => {
    const [center] = await sql(orm, `select id, district_code, lat, lng from learning_center order by id limit 1`);
    const token = await tokenFor({ sub: 'analytics-search-test', role: Role.CITY_ADMIN });
    const titleEn = `Zyxwv Test Class ${Date.now()}`;
    const created = await graphql(
      gatewayUrl(),
      `
        mutation ($input: CreateProgramInput!) {
          createProgram(input: $input) {
            program {
              id
              titleEn
            }
            userErrors {
              message
            }
          }
        }
      `,
      {
        input: {
          centerId: center.id,
          host: { type: 'LEARNING_CENTER', id: center.id },
          title: '검색 시험 교실',
          titleEn: `  ${titleEn} `,
          track: 'LIFE_CULTURE',
          fieldCode: '4-2',
          startsOn: '2027-01-04',
          endsOn: '2027-01-25',
          capacity: 12,
          feeKrw: 0,
        },
      },
      {},
      { token },
    );
    expect(created.errors).toBeUndefined();
    const program = (created.data as any).createProgram.program;
    expect(program.titleEn).toBe(titleEn);
    const [row] = await sql(orm, 'select lat, lng, title_en from program where id = ?', [program.id]);
    expect([Number(row.lat), Number(row.lng), row.title_en]).toEqual([Number(center.lat), Number(center.lng), titleEn]);

    const filter = {
      text: titleEn.toLowerCase(),
      near: { lat: Number(center.lat), lng: Number(center.lng), radiusKm: 0.5 },
    };
    expect((await query(SEARCH, { filter })).searchPrograms.totalCount).toBe(0); // a draft is not found
    const published = await graphql(
      gatewayUrl(),
      `
        mutation ($id: ID!) {
          publishProgram(input: { id: $id }) {
            userErrors {
              message
            }
          }
        }
      `,
      { id: program.id },
      {},
      { token },
    );
    expect(published.errors).toBeUndefined();
    const found = (await query(SEARCH, { filter })).searchPrograms;
    expect(found.totalCount).toBe(1);
    expect(found.edges[0]).toMatchObject({ distanceKm: 0, node: { id: program.id } });
  });
});
