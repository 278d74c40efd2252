/**
 * Root connections run statements built once per shape of their condition (lib/subgraph/prepared-statements.ts):
 * a later call of the same shape binds other values into the same statement. Every page and count must be the one
 * `em.find` and `em.count` give for the same condition.
 */
import { RawQueryFragment, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { paginate, paginateGroups, type SortOrder } from '../../lib/subgraph/relay';
import { parametrize, runRequest } from '../../lib/subgraph/prepared-statements';
import { foldedContainsText } from '../../lib/subgraph/text';
import type { Orm } from '../../lib/subgraph/orm';
import { Partnership } from '../../subgraphs/centers/network/partnership.entity';
import { PROGRAM_ORDER } from '../../subgraphs/centers/programs/program.connection';
import { Program, ProgramStatus } from '../../subgraphs/centers/programs/program.entity';
import { openSubgraphDatabase } from '../support/stack';

let orm: Orm;
beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
});
afterAll(async () => {
  await orm?.close(true);
});

const PARTNERSHIP_ORDER: SortOrder<Partnership> = [
  { property: 'since', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];

/** The page and count as em.find and em.count give them, for a condition built anew by `where`. */
async function expected<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: () => FilterQuery<T>,
  order: SortOrder<T>,
  first: number,
) {
  const rows = (await em.fork().find(entity, where(), {
    orderBy: order.map(({ property, direction }) => ({ [property]: direction })) as never,
    limit: first + 1,
  })) as (T & { id: string })[];
  return {
    ids: rows.slice(0, first).map((row) => row.id),
    hasNextPage: rows.length > first,
    totalCount: await em.fork().count(entity, where()),
  };
}

async function actual<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  order: SortOrder<T>,
  args: { first: number; after?: string },
  keysFirst = false,
) {
  // As a subgraph serves a request: raw SQL fragments (text search) live until the request ends.
  return runRequest(async () => {
    const page = await paginate(em.fork(), entity, where, args, order, { keysFirst });
    const count = page.totalCount as () => Promise<number>;
    return {
      ids: page.edges.map((edge) => (edge.node as T & { id: string }).id),
      hasNextPage: page.pageInfo.hasNextPage,
      totalCount: await count(),
      endCursor: page.pageInfo.endCursor,
    };
  });
}

async function districtCodes(em: EntityManager): Promise<string[]> {
  const rows: { district_code: string }[] = await em
    .getConnection()
    .execute('select distinct district_code from program order by district_code');
  return rows.map((row) => row.district_code);
}

describe('a root connection whose statement is built once per shape', () => {
  it('gives each district its own programs when the same shape runs with other values', async () => {
    const em = orm.em as EntityManager;
    const codes = (await districtCodes(em)).slice(0, 4);
    expect(codes.length).toBeGreaterThan(2);
    for (const districtCode of codes) {
      const where = () => ({ status: ProgramStatus.PUBLISHED, districtCode }) as FilterQuery<Program>;
      const { endCursor, ...page } = await actual(em, Program, where(), PROGRAM_ORDER, { first: 5 }, true);
      expect(page).toEqual(await expected(em, Program, where, PROGRAM_ORDER, 5));
      expect(page.ids.length).toBeGreaterThan(0);

      // The second page: the cursor's values are bound the same way.
      const next = await actual(em, Program, where(), PROGRAM_ORDER, { first: 5, after: endCursor! }, true);
      const all = await expected(em, Program, where, PROGRAM_ORDER, 10);
      expect(next.ids).toEqual(all.ids.slice(5));
    }
  });

  it('binds the text of a title search into its raw SQL fragment', async () => {
    const em = orm.em as EntityManager;
    const [districtCode] = await districtCodes(em);
    const titles = (await em.fork().find(Program, { districtCode }, { limit: 40, fields: ['title'] })).map(
      (program) => program.title,
    );
    const words = [...new Set(titles.flatMap((title) => title.split(/\s+/)).filter((word) => word.length >= 2))];
    expect(words.length).toBeGreaterThan(2);
    const counts = new Set<number>();
    for (const word of words.slice(0, 4)) {
      const where = () => ({ districtCode, ...foldedContainsText('title_folded', word) }) as FilterQuery<Program>;
      const { endCursor: _cursor, ...page } = await actual(em, Program, where(), PROGRAM_ORDER, { first: 3 }, true);
      const wanted = await expected(em, Program, where, PROGRAM_ORDER, 3);
      expect(page).toEqual(wanted);
      counts.add(wanted.totalCount);
    }
    expect(counts.size).toBeGreaterThan(1); // the words found different programs
  });

  it('leaves no raw SQL fragment of a text search behind once the request ends', async () => {
    const em = orm.em as EntityManager;
    const [districtCode] = await districtCodes(em);
    const search = (word: string) =>
      actual(
        em,
        Program,
        { districtCode, ...foldedContainsText('title_folded', word) } as FilterQuery<Program>,
        PROGRAM_ORDER,
        {
          first: 3,
        },
        true,
      );
    await search('교실'); // the shape's statement is built
    const before = RawQueryFragment.checkCacheSize();
    for (const word of ['교실', '요가', '영어', '미술', '음악']) await search(word);
    expect(RawQueryFragment.checkCacheSize()).toBe(before);
  });

  it('binds booleans and lists of values', async () => {
    const em = orm.em as EntityManager;
    for (const active of [true, false]) {
      for (const status of [
        ['ACTIVE', 'ENDED'],
        ['ENDED', 'DECLINED'],
      ]) {
        const where = () => ({ active, status: { $in: status } }) as FilterQuery<Partnership>;
        const { endCursor: _cursor, ...page } = await actual(em, Partnership, where(), PARTNERSHIP_ORDER, {
          first: 4,
        });
        expect(page).toEqual(await expected(em, Partnership, where, PARTNERSHIP_ORDER, 4));
      }
    }
  });

  it('builds a condition holding a date on every call, as em.find does', async () => {
    const em = orm.em as EntityManager;
    // No entity here has a date-typed property (days are ISO text); a Date still stands for any value not told apart by JSON.
    const where = () => ({ createdAt: { $lte: new Date() } }) as unknown as FilterQuery<Program>;
    expect(parametrize(where())).toBeUndefined();
    const { endCursor: _cursor, ...page } = await actual(em, Program, where(), PROGRAM_ORDER, { first: 3 }, true);
    expect(page).toEqual(await expected(em, Program, where, PROGRAM_ORDER, 3));
  });

  it("gives each parent its own page when a grouped page's shape runs for other parents", async () => {
    const em = orm.em as EntityManager;
    const centers: { center_id: string }[] = await em
      .getConnection()
      .execute('select distinct center_id from program order by center_id limit 9');
    const ids = centers.map((row) => row.center_id);
    // 3 and 4 parents share a shape (padded to 4 keys); 2 is another.
    for (const batch of [ids.slice(0, 3), ids.slice(3, 7), ids.slice(7, 9)]) {
      const published = { status: ProgramStatus.PUBLISHED };
      const where = published as FilterQuery<Program>;
      const pages = await paginateGroups(em.fork(), Program, 'center', batch, where, { first: 2 }, PROGRAM_ORDER);
      for (const id of batch) {
        const page = pages.get(id)!;
        const count = page.totalCount as () => Promise<number>;
        const wanted = await expected(
          em,
          Program,
          () => ({ ...published, center: id }) as FilterQuery<Program>,
          PROGRAM_ORDER,
          2,
        );
        expect({
          ids: page.edges.map((edge) => edge.node.id),
          hasNextPage: page.pageInfo.hasNextPage,
          totalCount: await count(),
        }).toEqual(wanted);
      }
    }
  });

  it('keeps the shape apart from the values', () => {
    const a = parametrize({ districtCode: '11110', active: true, status: { $in: ['A', 'B'] } });
    const b = parametrize({ districtCode: '11680', active: false, status: { $in: ['C', 'D'] } });
    const c = parametrize({ districtCode: '11680', active: false, status: { $in: ['C'] } });
    expect(a!.shape).toBe(b!.shape);
    expect(a!.shape).not.toBe(c!.shape);
    expect(b!.values).toEqual(['11680', false, 'C', 'D']);
  });
});
