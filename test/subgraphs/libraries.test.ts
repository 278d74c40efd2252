import type { Orm } from '../../lib/subgraph/orm';
import { LibrarySpace } from '../../subgraphs/libraries/library-space.entity';
import { graphql, openSubgraphDatabase, readSeedCsv, testStack } from '../support/stack';

interface LibraryNode {
  id: string;
  name: string;
  kind: string;
  phone: string | null;
  seats: number | null;
  district: { code: string };
  dong: { code: string } | null;
  location: { lat: number; lng: number };
}
interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const LIBRARY_FIELDS = 'id name kind phone seats district { code } dong { code } location { lat lng }';
const PAGE_FIELDS = `totalCount edges { cursor node { ${LIBRARY_FIELDS} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const LIBRARIES = `query ($filter: LibraryFilter, $first: Int, $after: String) {
  libraries(filter: $filter, first: $first, after: $after) { ${PAGE_FIELDS} }
}`;

/** The library types of the national list, as LibraryKind; other values count as PUBLIC (as the seed does). */
const KIND_OF_TYPE: Record<string, string> = {
  공공도서관: 'PUBLIC',
  작은도서관: 'SMALL',
  어린이도서관: 'CHILDREN',
  학교도서관: 'SCHOOL',
};

/** A seat count cell of the national list ("240", "1,200", "50석"); anything else is no count. */
const seatsOf = (cell: string): number | null => {
  const match = /^(\d[\d,]*)\s*석?$/.exec(cell.trim());
  return match ? Number(match[1].replace(/,/g, '')) : null;
};

/** Code-unit order, the order SQLite's binary collation gives. */
const byNameThenId = (a: LibraryNode, b: LibraryNode): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const url = () => testStack().subgraphUrls.libraries;

async function query<T = Record<string, any>>(text: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await graphql<T>(url(), text, variables);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

async function errorsOf(text: string, variables?: Record<string, unknown>) {
  const response = await graphql(url(), text, variables);
  return response.errors ?? [];
}

/** Every library, walked page by page with the largest page size. */
async function allLibraries(): Promise<{ nodes: LibraryNode[]; pages: Page<LibraryNode>[] }> {
  const pages: Page<LibraryNode>[] = [];
  let after: string | null = null;
  do {
    const page: Page<LibraryNode> = (await query<{ libraries: Page<LibraryNode> }>(LIBRARIES, { first: 100, after }))
      .libraries;
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { nodes: pages.flatMap((page) => page.edges.map((edge) => edge.node)), pages };
}

describe('libraries subgraph', () => {
  let libraries: LibraryNode[];
  let pages: Page<LibraryNode>[];
  let orm: Orm;

  beforeAll(async () => {
    ({ nodes: libraries, pages } = await allLibraries());
    orm = await openSubgraphDatabase('libraries');
  });

  afterAll(async () => {
    await orm?.close(true);
  });

  describe('Query.libraries', () => {
    it('lists every library once, ordered by name then id, across pages', () => {
      expect(pages.length).toBeGreaterThan(1);
      expect(libraries).toHaveLength(pages[0].totalCount);
      expect(new Set(libraries.map((library) => library.id)).size).toBe(libraries.length);
      expect(libraries.map((library) => library.id)).toEqual(
        [...libraries].sort(byNameThenId).map((library) => library.id),
      );
      pages.forEach((page, i) => {
        expect(page.pageInfo.hasPreviousPage).toBe(i > 0);
        expect(page.pageInfo.hasNextPage).toBe(i < pages.length - 1);
        expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
      });
    });

    it('returns 20 libraries when no page size is given', async () => {
      const { libraries: page } = await query<{ libraries: Page<LibraryNode> }>(LIBRARIES);
      expect(page.edges.map((edge) => edge.node.id)).toEqual(libraries.slice(0, 20).map((library) => library.id));
      expect(page.pageInfo.hasNextPage).toBe(true);
    });

    it('places each library of the national list at its CSV point, with its kind, phone and seats', () => {
      const rows = readSeedCsv('seoul_libraries_national_std.csv');
      // The seed merges the reading-room rows of one library ("X(종합자료실)", "X(어린이자료실)"):
      // check the rows that stand for a library on their own.
      const groupKey = (row: Record<string, string>) =>
        `${row.gu_code}|${row.name_ko
          .trim()
          .replace(/\s*\([^()]*\)\s*$/, '')
          .replace(/\s+/g, '')}`;
      const groupSizes = new Map<string, number>();
      for (const row of rows) groupSizes.set(groupKey(row), (groupSizes.get(groupKey(row)) ?? 0) + 1);
      const located = /^-?\d+(\.\d+)?$/;
      const single = rows.filter(
        (row) => groupSizes.get(groupKey(row)) === 1 && located.test(row.lat.trim()) && located.test(row.lng.trim()),
      );
      expect(single.length).toBeGreaterThan(rows.length / 2);

      const missing = single.filter(
        (row) =>
          !libraries.some(
            (library) =>
              library.district.code === row.gu_code &&
              library.location.lat === Number(row.lat) &&
              library.location.lng === Number(row.lng) &&
              library.kind === (KIND_OF_TYPE[row.library_type_ko.trim()] ?? 'PUBLIC') &&
              (row.phone.trim() === '' || library.phone === row.phone.trim()) &&
              library.seats === seatsOf(row.seats),
          ),
      );
      expect(missing.map((row) => row.name_ko)).toEqual([]);
    });

    it('filters by district, dong and kind, each alone and all together', async () => {
      const sample = libraries.find((library) => library.dong !== null && library.kind !== 'PUBLIC')!;
      const cases: [Record<string, string>, (library: LibraryNode) => boolean][] = [
        [{ districtCode: sample.district.code }, (library) => library.district.code === sample.district.code],
        [{ dongCode: sample.dong!.code }, (library) => library.dong?.code === sample.dong!.code],
        [{ kind: sample.kind }, (library) => library.kind === sample.kind],
        [
          { districtCode: sample.district.code, dongCode: sample.dong!.code, kind: sample.kind },
          (library) =>
            library.district.code === sample.district.code &&
            library.dong?.code === sample.dong!.code &&
            library.kind === sample.kind,
        ],
      ];
      for (const [filter, matches] of cases) {
        const expected = libraries.filter(matches);
        const { libraries: page } = await query<{ libraries: Page<LibraryNode> }>(LIBRARIES, { filter, first: 100 });
        expect(page.totalCount).toBe(expected.length);
        expect(page.edges.map((edge) => edge.node.id)).toEqual(expected.slice(0, 100).map((library) => library.id));
      }
    });

    it('finds libraries by part of a name from the national list', async () => {
      const name = readSeedCsv('seoul_libraries_national_std.csv')
        .find((row) => row.library_type_ko === '작은도서관')!
        .name_ko.trim();
      const part = name.slice(0, 3);
      const { libraries: page } = await query<{ libraries: Page<LibraryNode> }>(LIBRARIES, {
        filter: { nameContains: part },
        first: 100,
      });
      const expected = libraries.filter((library) => library.name.includes(part));
      expect(expected.length).toBeGreaterThan(0);
      expect(page.edges.map((edge) => edge.node.id)).toEqual(expected.map((library) => library.id));
    });

    it('matches % and _ in nameContains literally, not as wildcards', async () => {
      for (const part of ['%', '_', '도서%관']) {
        const { libraries: page } = await query<{ libraries: Page<LibraryNode> }>(LIBRARIES, {
          filter: { nameContains: part },
        });
        expect(page.totalCount).toBe(libraries.filter((library) => library.name.includes(part)).length);
      }
    });

    it('continues after a cursor with the next libraries in order', async () => {
      const cursor = pages[0].edges[9].cursor;
      const { libraries: page } = await query<{ libraries: Page<LibraryNode> }>(LIBRARIES, { first: 5, after: cursor });
      expect(page.edges.map((edge) => edge.node.id)).toEqual(libraries.slice(10, 15).map((library) => library.id));
      expect(page.pageInfo.hasPreviousPage).toBe(true);
      expect(page.totalCount).toBe(libraries.length);
    });

    it.each([0, -1, 101])('rejects first: %i as BAD_USER_INPUT', async (first) => {
      const errors = await errorsOf(LIBRARIES, { first });
      expect(errors).toHaveLength(1);
      expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    });

    it('rejects a cursor it did not issue as BAD_USER_INPUT', async () => {
      for (const after of ['not-a-cursor', Buffer.from('[1]').toString('base64url')]) {
        const errors = await errorsOf(LIBRARIES, { after });
        expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      }
    });
  });

  describe('Query.library', () => {
    it('returns a library by id with the same fields the list gives', async () => {
      const expected = libraries[Math.floor(libraries.length / 2)];
      const { library } = await query(`query ($id: ID!) { library(id: $id) { ${LIBRARY_FIELDS} } }`, {
        id: expected.id,
      });
      expect(library).toEqual(expected);
    });

    it('returns null for an unknown id', async () => {
      const { library } = await query(`{ library(id: "LIB9999") { id } }`);
      expect(library).toBeNull();
    });
  });

  describe('Library.spaces and LibrarySpace', () => {
    it('lists the stored spaces of a library by name, each pointing back to its library', async () => {
      const stored = await orm.em.fork().find(LibrarySpace, {}, { orderBy: { id: 'asc' } });
      expect(stored.length).toBeGreaterThan(0);
      const ownerIds = [...new Set(stored.map((space) => space.library.id))].slice(0, 30);
      const { _entities } = await query<{
        _entities: { id: string; spaces: { id: string; name: string; capacity: number; library: { id: string } }[] }[];
      }>(
        `query ($representations: [_Any!]!) {
          _entities(representations: $representations) { ... on Library { id spaces { id name capacity library { id } } } }
        }`,
        { representations: ownerIds.map((id) => ({ __typename: 'Library', id })) },
      );
      for (const library of _entities) {
        const expected = stored
          .filter((space) => space.library.id === library.id)
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
          .map((space) => ({ id: space.id, name: space.name, capacity: space.capacity, library: { id: library.id } }));
        expect(library.spaces).toEqual(expected);
      }
    });
  });

  describe('federation entities', () => {
    it('resolves Library and LibrarySpace references in one request, null for unknown ids', async () => {
      const [space] = await orm.em.fork().find(LibrarySpace, {}, { orderBy: { id: 'desc' }, limit: 1 });
      const [first, second] = [libraries[0], libraries.at(-1)!];
      const { _entities } = await query(
        `query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on Library { __typename id name }
            ... on LibrarySpace { __typename id name library { id } }
          }
        }`,
        {
          representations: [
            { __typename: 'Library', id: first.id },
            { __typename: 'LibrarySpace', id: space.id },
            { __typename: 'Library', id: 'LIB9999' },
            { __typename: 'Library', id: second.id },
            { __typename: 'LibrarySpace', id: 'LIB9999-S1' },
          ],
        },
      );
      expect(_entities).toEqual([
        { __typename: 'Library', id: first.id, name: first.name },
        { __typename: 'LibrarySpace', id: space.id, name: space.name, library: { id: space.library.id } },
        null,
        { __typename: 'Library', id: second.id, name: second.name },
        null,
      ]);
    });

    it('returns the libraries of many districts in name order, one page each, in one request', async () => {
      const districtCodes = [...new Set(readSeedCsv('seoul_gu.csv').map((row) => row.gu_code))].slice(0, 5);
      expect(districtCodes.length).toBe(5);
      const entities = `query ($representations: [_Any!]!, $first: Int, $after: String) {
        _entities(representations: $representations) { ... on District { code libraries(first: $first, after: $after) { ${PAGE_FIELDS} } } }
      }`;
      const representations = districtCodes.map((code) => ({ __typename: 'District', code }));
      const { _entities } = await query<{ _entities: { code: string; libraries: Page<LibraryNode> }[] }>(entities, {
        representations,
        first: 3,
      });
      expect(_entities.map((district) => district.code)).toEqual(districtCodes);
      for (const district of _entities) {
        const expected = libraries.filter((library) => library.district.code === district.code);
        expect(expected.length).toBeGreaterThan(3);
        expect(district.libraries.totalCount).toBe(expected.length);
        expect(district.libraries.edges.map((edge) => edge.node.id)).toEqual(
          expected.slice(0, 3).map((library) => library.id),
        );
        expect(district.libraries.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

        const next = await query<{ _entities: { libraries: Page<LibraryNode> }[] }>(entities, {
          representations: [{ __typename: 'District', code: district.code }],
          first: 100,
          after: district.libraries.pageInfo.endCursor,
        });
        expect(next._entities[0].libraries.edges.map((edge) => edge.node.id)).toEqual(
          expected.slice(3).map((library) => library.id),
        );
        expect(next._entities[0].libraries.pageInfo.hasNextPage).toBe(false);
      }
    });

    it('gives a district without libraries an empty page', async () => {
      const { _entities } = await query(`{ _entities(representations: [{ __typename: "District", code: "99999" }]) {
        ... on District { libraries { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } } } }`);
      expect(_entities[0].libraries).toEqual({
        totalCount: 0,
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });

    it('rejects a bad page size or cursor on District.libraries as BAD_USER_INPUT', async () => {
      const errors = [
        ...(await errorsOf(
          `{ _entities(representations: [{ __typename: "District", code: "11680" }]) { ... on District { libraries(first: 500) { totalCount } } } }`,
        )),
        ...(await errorsOf(
          `{ _entities(representations: [{ __typename: "District", code: "11680" }]) { ... on District { libraries(after: "x") { totalCount } } } }`,
        )),
      ];
      expect(errors.map((error) => error.extensions)).toEqual([
        expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'first' }),
        expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'after' }),
      ]);
    });

    it('returns the libraries located in each of many dongs, in name order, in one request', async () => {
      const dongCodes = [...new Set(libraries.flatMap((library) => (library.dong ? [library.dong.code] : [])))].slice(
        0,
        12,
      );
      const { _entities } = await query<{ _entities: { code: string; libraries: { id: string }[] }[] }>(
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Dong { code libraries { id } } } }`,
        { representations: [...dongCodes, '0000000000'].map((code) => ({ __typename: 'Dong', code })) },
      );
      expect(_entities.map((dong) => dong.code)).toEqual([...dongCodes, '0000000000']);
      for (const dong of _entities) {
        expect(dong.libraries).toEqual(
          libraries.filter((library) => library.dong?.code === dong.code).map(({ id }) => ({ id })),
        );
      }
      expect(_entities.at(-1)!.libraries).toEqual([]);
    });
  });
});
