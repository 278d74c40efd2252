/**
 * Reading programs after writes: who sees drafts (and their entities), the viewer's identity, and title search
 * that follows edits and takes %, _ and ! literally.
 */
import { RUN } from '../support/names';
import { graphql, testStack } from '../support/stack';
import {
  DISTRICT,
  fixture,
  gateway,
  mutate,
  newProgram,
  rows,
  setUpProgramWrites,
  tokens,
  type Caller,
} from './programs-support';

setUpProgramWrites();

describe('drafts', () => {
  const readers: [string, string, Caller][] = [
    ['a CITY_ADMIN', 'seen', 'cityAdmin'],
    ["the DISTRICT_OFFICER of the center's district", 'seen', 'homeOfficer'],
    ['the host institution', 'seen', 'host'],
    ['a DISTRICT_OFFICER of another district', 'hidden', 'awayOfficer'],
    ['the center acting as INSTITUTION, when a partner hosts', 'hidden', 'centerItself'],
    ['a RESIDENT', 'hidden', 'resident'],
    ['an anonymous caller', 'hidden', 'anonymous'],
  ];
  let draft: Record<string, any>;
  beforeAll(async () => {
    draft = await newProgram();
  });

  it.each(readers)('to %s: %s', async (_name, visibility, caller) => {
    const sees = visibility === 'seen';
    const { data, errors } = await graphql(
      gateway(),
      `query($id: ID!, $filter: ProgramFilter) {
        program(id: $id) { id status }
        programs(filter: $filter, first: 100) { totalCount edges { node { id status } } }
        learningCenter(id: "${fixture.center.id}") { programs(filter: $filter, first: 100) { edges { node { id } } } }
      }`,
      { id: draft.id, filter: { status: 'DRAFT', centerId: fixture.center.id, titleContains: draft.title } },
      {},
      { token: tokens.get(caller) },
    );
    expect(errors).toBeUndefined();
    expect(data!.program).toEqual(sees ? { id: draft.id, status: 'DRAFT' } : null);
    expect(data!.programs.edges.map((edge: any) => edge.node.id)).toEqual(sees ? [draft.id] : []);
    expect(data!.programs.totalCount).toBe(sees ? 1 : 0);
    expect(data!.learningCenter.programs.edges.map((edge: any) => edge.node.id)).toEqual(sees ? [draft.id] : []);
  });

  it('resolve as entities only for those who may see them', async () => {
    const query = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Program { id status } } }';
    const reps = [{ __typename: 'Program', id: draft.id }];
    const centers = testStack().subgraphUrls.centers;
    const anonymous = await graphql(centers, query, { reps });
    const host = await graphql(centers, query, { reps }, {}, { token: tokens.get('host') });
    expect(anonymous.data!._entities).toEqual([null]);
    expect(host.data!._entities).toEqual([{ id: draft.id, status: 'DRAFT' }]);
  });

  it('become public once published', async () => {
    const program = await newProgram({ publish: true });
    const { data } = await graphql(gateway(), 'query($id: ID!) { program(id: $id) { id status } }', { id: program.id });
    expect(data!.program).toEqual({ id: program.id, status: 'PUBLISHED' });
  });
});

describe('viewer', () => {
  it('is null for an anonymous caller and the verified identity otherwise', async () => {
    const query = '{ viewer { subject role district educationOffice institution { typename id } } }';
    const anonymous = await graphql(gateway(), query);
    const host = await graphql(gateway(), query, {}, {}, { token: tokens.get('host') });
    const officer = await graphql(gateway(), query, {}, {}, { token: tokens.get('homeOfficer') });
    expect(anonymous.data!.viewer).toBeNull();
    expect(host.data!.viewer).toEqual({
      subject: 'test-partner',
      role: 'INSTITUTION',
      district: null,
      educationOffice: null,
      institution: fixture.partner,
    });
    expect(officer.data!.viewer).toEqual({
      subject: 'test-home-officer',
      role: 'DISTRICT_OFFICER',
      district: DISTRICT,
      educationOffice: null,
      institution: null,
    });
  });
});

describe('title search', () => {
  const SEARCHES = `query ($filter: ProgramFilter, $text: String!, $district: ID) {
    programs(filter: $filter, first: 100) { totalCount edges { node { id } } }
    searchPrograms(filter: { text: $text, districtCode: $district }, first: 100) { totalCount edges { node { id } } }
  }`;
  type Found = { programs: string[]; search: string[] };

  /** What programs(titleContains) and searchPrograms(text) find in DISTRICT, as sorted ids; each count must be its list's length. */
  async function found(text: string): Promise<Found> {
    const variables = { filter: { districtCode: DISTRICT, titleContains: text }, text, district: DISTRICT };
    const { data, errors } = await graphql(gateway(), SEARCHES, variables, { 'cache-control': 'no-cache' });
    expect(errors).toBeUndefined();
    const ids = (connection: { totalCount: number; edges: { node: { id: string } }[] }) => {
      expect(connection.totalCount).toBe(connection.edges.length);
      return connection.edges.map((edge) => edge.node.id).sort();
    };
    return { programs: ids(data!.programs), search: ids(data!.searchPrograms) };
  }

  /** The same, read by this test from the table: a literal, case-insensitive substring (Korean title; either title). */
  async function expected(text: string): Promise<Found> {
    const published = await rows(
      `select id, title, title_en from program where status = 'PUBLISHED' and district_code = ?`,
      [DISTRICT],
    );
    const has = (value: unknown) =>
      String(value ?? '')
        .toLowerCase()
        .includes(text.toLowerCase());
    const ids = (keep: (row: Record<string, unknown>) => boolean) =>
      published
        .filter(keep)
        .map((row) => String(row.id))
        .sort();
    const result = {
      programs: ids((row) => has(row.title)),
      search: ids((row) => has(row.title) || has(row.title_en)),
    };
    expect(result.search.length).toBeLessThan(100); // one page holds them all
    return result;
  }

  it('matches %, _ and ! literally, in the Korean and the English title, whatever the case', async () => {
    const program = await newProgram({
      publish: true,
      title: `요가_교실 100%! ${RUN}`,
      titleEn: `Yoga_Class 100%! ${RUN.toUpperCase()}`,
    });
    // As a LIKE wildcard `_` would also match the seeded "... 요가 교실" titles: the case can fail.
    const wildcard = await rows(
      `select id from program where status = 'PUBLISHED' and district_code = ? and title like '%가_교%'`,
      [DISTRICT],
    );
    expect(wildcard.length).toBeGreaterThan(1);

    expect(await found('가_교')).toEqual({ programs: [program.id], search: [program.id] });
    expect(await found(`a_class 100%! ${RUN}`)).toEqual({ programs: [], search: [program.id] });
    for (const text of ['_', '%', '0%!', '!', `! ${RUN}`]) {
      const result = await found(text);
      expect(result.search).toContain(program.id);
      expect(result).toEqual(await expected(text));
    }
  });

  it('follows title edits (the folded titles are kept by the database)', async () => {
    const program = await newProgram({ publish: true, title: `물방울 ${RUN}`, titleEn: `Droplet ${RUN}` });
    expect((await found(`물방울 ${RUN}`)).programs).toEqual([program.id]);
    const edited = await mutate('updateProgram', {
      id: program.id,
      version: program.version,
      title: `눈송이 ${RUN}`,
      titleEn: `SNOWFLAKE ${RUN}`,
    });
    expect(edited.userErrors).toEqual([]);
    expect(await found(`물방울 ${RUN}`)).toEqual({ programs: [], search: [] });
    expect(await found(`droplet ${RUN}`)).toEqual({ programs: [], search: [] });
    expect(await found(`눈송이 ${RUN}`)).toEqual({ programs: [program.id], search: [program.id] });
    expect(await found(`snowflake ${RUN}`)).toEqual({ programs: [], search: [program.id] });
  });
});
