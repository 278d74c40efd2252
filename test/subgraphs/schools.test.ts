import { graphql, readSeedCsv, testStack } from '../support/stack';

const schoolRows = readSeedCsv('seoul_schools_2026.csv');
const officeRows = readSeedCsv('seoul_education_support_offices.csv');
const url = () => testStack().subgraphUrls.schools;

function countBy<T>(rows: T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

describe('the schools subgraph', () => {
  it('lists the office of education, which serves no district of its own, and its 11 support offices', async () => {
    const { data } = await graphql(url(), '{ educationOffices { code nameKo districts { code } } }');
    expect(data!.educationOffices).toHaveLength(officeRows.length + 1);
    expect(data!.educationOffices).toContainEqual({ code: '7010000', nameKo: '서울특별시교육청', districts: [] });
    for (const row of officeRows) {
      const office = data!.educationOffices.find((o: { code: string }) => o.code === row.org_code_std2026);
      expect(office.nameKo).toBe(row.name_ko);
      expect(office.districts.map((d: { code: string }) => d.code).sort()).toEqual(row.gu_codes.split('|').sort());
    }
  });

  it('counts every school of the national data, per office', async () => {
    const expected = countBy(schoolRows, (row) => row.education_office_code);
    const { data } = await graphql(
      url(),
      '{ schools { totalCount } educationOffices { code schools(first: 1) { totalCount } } }',
    );
    expect(data!.schools.totalCount).toBe(schoolRows.length);
    for (const office of data!.educationOffices) expect(office.schools.totalCount).toBe(expected.get(office.code) ?? 0);
  });

  it('gives a school its level, address and education office from the source row', async () => {
    const row = schoolRows.find((r) => r.school_id === 'B000001838')!;
    const { data } = await graphql(
      url(),
      'query($id: ID!) { school(id: $id) { id name level address district { code } educationOffice { code nameKo } location { lat lng } spaces { id name capacity school { id } } } }',
      { id: row.school_id },
    );
    expect(data!.school).toMatchObject({
      id: row.school_id,
      name: row.name_ko,
      level: 'ELEMENTARY',
      address: row.road_address,
      district: { code: row.gu_code },
      educationOffice: { code: row.education_office_code, nameKo: row.education_office_ko },
      location: { lat: Number(row.lat), lng: Number(row.lng) },
    });
    expect(data!.school.spaces.length).toBeGreaterThan(0);
    for (const space of data!.school.spaces) {
      expect(space.capacity).toBeGreaterThan(0);
      expect(space.school.id).toBe(row.school_id);
    }
  });

  it('answers null for a school that does not exist', async () => {
    const { data, errors } = await graphql(url(), '{ school(id: "B999999999") { id } }');
    expect(errors).toBeUndefined();
    expect(data!.school).toBeNull();
  });

  it('filters schools by district and level', async () => {
    const expected = schoolRows.filter((r) => r.gu_code === '11680' && r.level_ko === '중학교').length;
    const { data } = await graphql(
      url(),
      '{ schools(filter: { districtCode: "11680", level: MIDDLE }, first: 100) { totalCount edges { node { level district { code } } } } }',
    );
    expect(data!.schools.totalCount).toBe(expected);
    expect(data!.schools.edges).toHaveLength(expected);
    for (const { node } of data!.schools.edges) expect(node).toEqual({ level: 'MIDDLE', district: { code: '11680' } });
  });

  it('pages through a district with cursors, without gaps or repeats', async () => {
    const query =
      'query($after: String) { schools(filter: { districtCode: "11110" }, first: 7, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }';
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data }: { data: any } = await graphql(url(), query, { after });
      seen.push(...data.schools.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(data.schools.pageInfo.hasPreviousPage).toBe(after !== null);
      pages += 1;
      if (!data.schools.pageInfo.hasNextPage) break;
      after = data.schools.pageInfo.endCursor;
    }
    const expected = schoolRows.filter((r) => r.gu_code === '11110').map((r) => r.school_id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(expected.sort());
    expect(pages).toBe(Math.ceil(expected.length / 7));
  });

  it('refuses a page size above 100 and a cursor it did not make', async () => {
    const tooMany = await graphql(url(), '{ schools(first: 101) { totalCount } }');
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await graphql(url(), '{ schools(after: "bm90LWEtY3Vyc29y") { totalCount } }');
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves District and Dong representations in one batch', async () => {
    const districts = ['11680', '11650', '11110'];
    const { data, errors } = await graphql(
      url(),
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on District { code educationOffice { code } schools(first: 1) { totalCount } } ... on Dong { code dongSchools: schools { id } } } }',
      {
        reps: [
          ...districts.map((code) => ({ __typename: 'District', code })),
          { __typename: 'Dong', code: '1111051500' },
        ],
      },
    );
    expect(errors).toBeUndefined();
    const perDistrict = countBy(schoolRows, (row) => row.gu_code);
    const officeOf = new Map(schoolRows.map((row) => [row.gu_code, row.education_office_code]));
    districts.forEach((code, i) => {
      expect(data!._entities[i]).toEqual({
        code,
        educationOffice: { code: officeOf.get(code) },
        schools: { totalCount: perDistrict.get(code) },
      });
    });
    const inDong = await graphql(
      url(),
      '{ schools(filter: { dongCode: "1111051500" }, first: 100) { edges { node { id } } } }',
    );
    expect(data!._entities[3]).toEqual({
      code: '1111051500',
      dongSchools: inDong.data!.schools.edges.map((e: { node: { id: string } }) => ({ id: e.node.id })),
    });
    expect(data!._entities[3].dongSchools.length).toBeGreaterThan(0);
  });

  it('resolves School and SchoolSpace references', async () => {
    const { data } = await graphql(
      url(),
      '{ _entities(representations: [{ __typename: "School", id: "B000001838" }, { __typename: "School", id: "nope" }]) { ... on School { id name } } }',
    );
    expect(data!._entities[0].id).toBe('B000001838');
    expect(data!._entities[1]).toBeNull();
  });
});
