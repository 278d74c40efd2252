import type { Orm } from '../../lib/subgraph/orm';
import { Role } from '../../lib/auth';
import { graphql, openSubgraphDatabase, readSeedCsv, testStack, tokenFor } from '../support/stack';

const guRows = readSeedCsv('seoul_gu.csv');
const dong2021Rows = readSeedCsv('seoul_dong_2021.csv');
const dongChangeRows = readSeedCsv('seoul_dong_changes_since_2021_04.csv');
const fieldRows = readSeedCsv('lifelong_education_program_classification.csv');
const url = () => testStack().subgraphUrls.centers;

interface DongFact {
  code: string;
  districtCode: string;
  nameKo: string;
}

/** The 2021 dongs with the later changes that carry a 10-digit code: renames swap code and name, splits add a dong. */
function currentDongs(): DongFact[] {
  const dongs = new Map(
    dong2021Rows.map((row) => [
      row.adm_cd2,
      { code: row.adm_cd2, districtCode: row.gu_code, nameKo: row.dong_name_ko },
    ]),
  );
  for (const change of dongChangeRows) {
    if (!/^\d{10}$/.test(change.new_adm_cd2)) continue;
    const fact = { code: change.new_adm_cd2, districtCode: change.gu_code, nameKo: change.new_name_ko };
    if (change.change_type === 'rename') dongs.delete(change.old_adm_cd2);
    dongs.set(fact.code, fact);
  }
  return [...dongs.values()];
}
const dongs = currentDongs();
const dongsOf = (districtCode: string) => dongs.filter((dong) => dong.districtCode === districtCode);

/** Every node of a connection, page by page, checking the page bookkeeping on the way. */
async function allPages<T>(
  query: string,
  variables: Record<string, unknown>,
  pick: (data: any) => any,
): Promise<{ nodes: T[]; pages: number; totalCount: number }> {
  const nodes: T[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount: number;
  for (;;) {
    const { data, errors }: { data: any; errors?: unknown } = await graphql(url(), query, { ...variables, after });
    expect(errors).toBeUndefined();
    const connection = pick(data);
    expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
    nodes.push(...connection.edges.map((edge: { node: T }) => edge.node));
    totalCount = connection.totalCount;
    pages += 1;
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { nodes, pages, totalCount };
}

const PROGRAM_PAGE = `query($filter: ProgramFilter, $first: Int, $after: String) {
  programs(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id title startsOn status seatsLeft capacity track center { id district { code } } field { code }
      host { __typename ... on LearningCenter { id } ... on School { id } ... on Library { id } ... on CulturalCenter { id } ... on CivilProvider { id } } } }
  }
}`;

async function programTotal(filter: Record<string, unknown>, token?: string): Promise<number> {
  const { data, errors } = await graphql(
    url(),
    'query($filter: ProgramFilter) { programs(filter: $filter, first: 1) { totalCount } }',
    { filter },
    {},
    { token },
  );
  expect(errors).toBeUndefined();
  return data!.programs.totalCount;
}

describe('the centers subgraph', () => {
  // Opened by the one test that reads the database behind the subgraph.
  let orm: Orm | undefined;
  afterAll(async () => {
    await orm?.close(true);
  });

  describe('districts and dongs', () => {
    it('lists the 25 districts by code with the names and points of seoul_gu.csv', async () => {
      const { data } = await graphql(url(), '{ districts { code nameKo nameEn areaKm2 location { lat lng } } }');
      const expected = guRows.map((row) => row.gu_code).sort();
      expect(data!.districts.map((d: { code: string }) => d.code)).toEqual(expected);
      expect(expected).toHaveLength(25);
      for (const row of guRows) {
        expect(data!.districts.find((d: { code: string }) => d.code === row.gu_code)).toEqual({
          code: row.gu_code,
          nameKo: row.gu_name_ko,
          nameEn: row.gu_name_en,
          areaKm2: Number(row.area_km2),
          location: { lat: Number(row.inner_point_lat), lng: Number(row.inner_point_lng) },
        });
      }
    });

    it('gives every district the dongs of April 2021 plus the dongs split off since, in code order', async () => {
      const { data } = await graphql(url(), '{ districts { code dongs { code nameKo district { code } } } }');
      for (const district of data!.districts) {
        const row = guRows.find((r) => r.gu_code === district.code)!;
        const splits = dongChangeRows.filter(
          (c) => c.gu_code === district.code && c.change_type === 'split' && /^\d{10}$/.test(c.new_adm_cd2),
        );
        expect(district.dongs).toHaveLength(Number(row.dong_count_2021_04) + splits.length);
        expect(district.dongs.map((d: { code: string }) => d.code)).toEqual(
          dongsOf(district.code)
            .map((d) => d.code)
            .sort(),
        );
        for (const dong of district.dongs) expect(dong.district.code).toBe(district.code);
      }
    });

    it('counts one more dong in 강동구 than in April 2021: 상일제2동', async () => {
      const gangdong = guRows.find((row) => row.gu_name_ko === '강동구')!;
      const { data } = await graphql(url(), 'query($code: ID!) { district(code: $code) { nameKo dongs { nameKo } } }', {
        code: gangdong.gu_code,
      });
      expect(data!.district.dongs).toHaveLength(Number(gangdong.dong_count_2021_04) + 1);
      expect(data!.district.dongs.map((d: { nameKo: string }) => d.nameKo)).toContain('상일제2동');
    });

    it('finds a dong by its current code, and answers null for a retired or unknown code', async () => {
      const renamed = dongChangeRows.find((c) => c.change_type === 'rename' && /^\d{10}$/.test(c.new_adm_cd2))!;
      const { data, errors } = await graphql(
        url(),
        'query($current: ID!, $retired: ID!) { current: dong(code: $current) { code nameKo district { code } location { lat lng } } retired: dong(code: $retired) { code } unknown: dong(code: "0000000000") { code } noDistrict: district(code: "99999") { code } }',
        { current: renamed.new_adm_cd2, retired: renamed.old_adm_cd2 },
      );
      expect(errors).toBeUndefined();
      expect(data!.current).toMatchObject({
        code: renamed.new_adm_cd2,
        nameKo: renamed.new_name_ko,
        district: { code: renamed.gu_code },
      });
      expect(data!.retired).toBeNull();
      expect(data!.unknown).toBeNull();
      expect(data!.noDistrict).toBeNull();
    });

    it('pages through the dongs of a district and of the whole city', async () => {
      const query =
        'query($districtCode: ID, $first: Int, $after: String) { dongs(districtCode: $districtCode, first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { code } } } }';
      const jongno = await allPages<{ code: string }>(query, { districtCode: '11110', first: 4 }, (data) => data.dongs);
      expect(jongno.nodes.map((n) => n.code)).toEqual(
        dongsOf('11110')
          .map((d) => d.code)
          .sort(),
      );
      expect(jongno.totalCount).toBe(dongsOf('11110').length);
      expect(jongno.pages).toBe(Math.ceil(dongsOf('11110').length / 4));
      const city = await allPages<{ code: string }>(query, { first: 100 }, (data) => data.dongs);
      expect(city.totalCount).toBe(dongs.length);
      expect(new Set(city.nodes.map((n) => n.code)).size).toBe(dongs.length);
    });
  });

  describe('learning centers', () => {
    it('has exactly one dong center in every dong, and a few near-workplace centers besides', async () => {
      const query =
        'query($first: Int, $after: String) { dongs(first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { code district { code } learningCenters { id kind dong { code } district { code } } } } } }';
      const { nodes } = await allPages<any>(query, { first: 100 }, (data) => data.dongs);
      expect(nodes).toHaveLength(dongs.length);
      for (const dong of nodes) {
        expect(dong.learningCenters.filter((c: any) => c.kind === 'DONG_CENTER')).toHaveLength(1);
        for (const center of dong.learningCenters) {
          expect(center.dong.code).toBe(dong.code);
          expect(center.district.code).toBe(dong.district.code);
        }
      }
      const nearWorkplace = nodes
        .flatMap((dong: any) => dong.learningCenters)
        .filter((c: any) => c.kind !== 'DONG_CENTER');
      expect(nearWorkplace.length).toBeGreaterThan(0);
      expect(nearWorkplace.every((c: any) => c.kind === 'NEAR_WORKPLACE_CENTER')).toBe(true);
      const { data } = await graphql(url(), '{ learningCenters(first: 1) { totalCount } }');
      expect(data!.learningCenters.totalCount).toBe(dongs.length + nearWorkplace.length);
    });

    it('filters learning centers by district and by part of the name, in name order', async () => {
      const { data } = await graphql(
        url(),
        '{ learningCenters(filter: { districtCode: "11740" }, first: 100) { totalCount edges { node { name district { code } } } } }',
      );
      expect(data!.learningCenters.totalCount).toBe(dongsOf('11740').length);
      const names = data!.learningCenters.edges.map((e: { node: { name: string } }) => e.node.name);
      expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
      const byName = await graphql(
        url(),
        '{ learningCenters(filter: { nameContains: "상일제2동" }) { totalCount edges { node { dong { nameKo } } } } }',
      );
      expect(byName.data!.learningCenters.totalCount).toBe(1);
      expect(byName.data!.learningCenters.edges[0].node.dong.nameKo).toBe('상일제2동');
    });

    it('shows a center with its venue, partners, communities, experts and programs', async () => {
      const { data, errors } = await graphql(
        url(),
        `
          {
            learningCenters(first: 30) {
              edges {
                node {
                  id
                  venue {
                    __typename
                    ... on CenterSpace {
                      id
                      center {
                        id
                      }
                    }
                  }
                  partnerships {
                    center {
                      id
                    }
                    active
                    partner {
                      __typename
                    }
                  }
                  communities {
                    memberCount
                    center {
                      id
                    }
                  }
                  experts {
                    duties
                    district {
                      code
                    }
                  }
                  programs(first: 3) {
                    totalCount
                    edges {
                      node {
                        center {
                          id
                        }
                        status
                      }
                    }
                  }
                }
              }
            }
          }
        `,
      );
      expect(errors).toBeUndefined();
      for (const { node } of data!.learningCenters.edges) {
        expect(['SchoolSpace', 'LibrarySpace', 'CulturalSpace', 'CenterSpace']).toContain(node.venue.__typename);
        if (node.venue.__typename === 'CenterSpace') expect(node.venue.center.id).toBe(node.id);
        for (const partnership of node.partnerships) expect(partnership.center.id).toBe(node.id);
        for (const community of node.communities) expect(community.center.id).toBe(node.id);
        for (const expert of node.experts) expect(expert.duties.length).toBeGreaterThan(0);
        for (const { node: program } of node.programs.edges)
          expect(program).toEqual({ center: { id: node.id }, status: 'PUBLISHED' });
      }
    });
  });

  describe('programs', () => {
    it('lists only published programs unless a status is asked for, and shows drafts only to those who may see them', async () => {
      const admin = await tokenFor({ sub: 'centers-test-admin', role: Role.CITY_ADMIN });
      const [published, draft, archived] = await Promise.all([
        programTotal({}, admin),
        programTotal({ status: 'DRAFT' }, admin),
        programTotal({ status: 'ARCHIVED' }, admin),
      ]);
      expect(await programTotal({ status: 'PUBLISHED' })).toBe(published);
      expect(await programTotal({})).toBe(published);
      expect(await programTotal({ status: 'DRAFT' })).toBe(0);
      expect(draft).toBeGreaterThan(0);
      const orm = await openSubgraphDatabase('centers');
      try {
        const [{ total }] = await orm.em
          .getConnection()
          .execute<{ total: number }[]>('select count(*) as total from program');
        expect(published + draft + archived).toBe(Number(total));
      } finally {
        await orm.close(true);
      }
      const { data } = await graphql(url(), PROGRAM_PAGE, { first: 100 });
      for (const { node } of data!.programs.edges) expect(node.status).toBe('PUBLISHED');
    });

    it('hides a draft from program(id) unless the caller may see it, and answers null for an unknown id', async () => {
      const admin = await tokenFor({ sub: 'centers-test-admin', role: Role.CITY_ADMIN });
      const { data } = await graphql(
        url(),
        PROGRAM_PAGE,
        { filter: { status: 'DRAFT' }, first: 1 },
        {},
        { token: admin },
      );
      const draftId = data!.programs.edges[0].node.id;
      const query = 'query($id: ID!) { draft: program(id: $id) { id } unknown: program(id: "PG9999999") { id } }';
      const anonymous = await graphql(url(), query, { id: draftId });
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data).toEqual({ draft: null, unknown: null });
      const asAdmin = await graphql(url(), query, { id: draftId }, {}, { token: admin });
      expect(asAdmin.data).toEqual({ draft: { id: draftId }, unknown: null });
    });

    it('pages through a district catalog by start date then id, without gaps or repeats', async () => {
      const filter = { districtCode: '11680' };
      const { nodes, pages, totalCount } = await allPages<any>(
        PROGRAM_PAGE,
        { filter, first: 7 },
        (data) => data.programs,
      );
      expect(nodes).toHaveLength(totalCount);
      expect(totalCount).toBeGreaterThan(7);
      expect(pages).toBe(Math.ceil(totalCount / 7));
      expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
      const keys = nodes.map((n) => `${n.startsOn}|${n.id}`);
      expect(keys).toEqual([...keys].sort());
      for (const node of nodes) expect(node.center.district.code).toBe('11680');
    });

    it('matches a field area with its sub-areas', async () => {
      const subAreas = fieldRows.filter((row) => row.parent_code === '4').map((row) => row.code);
      const total = await programTotal({ fieldCode: '4' });
      const parts = await Promise.all(subAreas.map((code) => programTotal({ fieldCode: code })));
      expect(total).toBeGreaterThan(0);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      const { data } = await graphql(url(), PROGRAM_PAGE, { filter: { fieldCode: '4' }, first: 100 });
      for (const { node } of data!.programs.edges) expect(subAreas).toContain(node.field.code);
    });

    it('filters by start dates, track, title and free seats', async () => {
      const filter = { startsOnOrAfter: '2026-03-01', startsOnOrBefore: '2026-03-31', track: 'VOCATIONAL_CAPACITY' };
      const { data } = await graphql(url(), PROGRAM_PAGE, { filter, first: 100 });
      expect(data!.programs.totalCount).toBeGreaterThan(0);
      for (const { node } of data!.programs.edges) {
        expect(node.startsOn >= '2026-03-01' && node.startsOn <= '2026-03-31').toBe(true);
        expect(node.track).toBe('VOCATIONAL_CAPACITY');
      }
      const word = data!.programs.edges[0].node.title.split(' ')[0];
      const titled = await graphql(url(), PROGRAM_PAGE, { filter: { titleContains: word }, first: 100 });
      for (const { node } of titled.data!.programs.edges) expect(node.title).toContain(word);

      const [all, open, full] = await Promise.all([
        programTotal({}),
        programTotal({ hasSeatsLeft: true }),
        programTotal({ hasSeatsLeft: false }),
      ]);
      expect(open + full).toBe(all);
      expect(full).toBeGreaterThan(0);
      const fullPage = await graphql(url(), PROGRAM_PAGE, { filter: { hasSeatsLeft: false }, first: 100 });
      for (const { node } of fullPage.data!.programs.edges) expect(node.seatsLeft).toBe(0);
    });

    it('keeps seatsLeft equal to capacity minus the confirmed enrollments', async () => {
      const { data } = await graphql(url(), PROGRAM_PAGE, { first: 100 });
      const ids: string[] = data!.programs.edges.map((e: { node: { id: string } }) => e.node.id);
      orm ??= await openSubgraphDatabase('centers');
      const rows: { program_id: string; confirmed: number }[] = await orm.em
        .getConnection()
        .execute(
          `select program_id, count(*) as confirmed from enrollment where status = 'CONFIRMED' and program_id in (${ids.map(() => '?').join(',')}) group by program_id`,
          ids,
        );
      const confirmed = new Map(rows.map((row) => [row.program_id, Number(row.confirmed)]));
      for (const { node } of data!.programs.edges)
        expect(node.seatsLeft).toBe(node.capacity - (confirmed.get(node.id) ?? 0));
    });

    it('returns hosts and venues as members of the Institution and Venue unions', async () => {
      const { data } = await graphql(
        url(),
        '{ programs(first: 100) { edges { node { center { id } host { __typename ... on LearningCenter { id name } } venue { __typename } } } } }',
      );
      const hostTypes = new Set<string>();
      for (const { node } of data!.programs.edges) {
        hostTypes.add(node.host.__typename);
        expect(['LearningCenter', 'School', 'Library', 'CulturalCenter', 'CivilProvider']).toContain(
          node.host.__typename,
        );
        if (node.host.__typename === 'LearningCenter') expect(node.host.name).toMatch(/동네배움터$/);
        if (node.venue)
          expect(['SchoolSpace', 'LibrarySpace', 'CulturalSpace', 'CenterSpace']).toContain(node.venue.__typename);
      }
      expect(hostTypes.has('LearningCenter')).toBe(true);
      expect(hostTypes.size).toBeGreaterThan(1);

      const typenames: Record<string, string> = {
        SCHOOL: 'School',
        LIBRARY: 'Library',
        CULTURAL_CENTER: 'CulturalCenter',
        CIVIL_PROVIDER: 'CivilProvider',
      };
      for (const [hostType, typename] of Object.entries(typenames)) {
        const page = await graphql(url(), PROGRAM_PAGE, { filter: { hostType }, first: 20 });
        for (const { node } of page.data!.programs.edges) expect(node.host.__typename).toBe(typename);
      }
    });

    it('refuses a page size out of range, a cursor it did not make, an invalid date and a reversed date range', async () => {
      for (const first of [0, 101]) {
        const response = await graphql(url(), PROGRAM_PAGE, { first });
        expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      }
      const badCursor = await graphql(url(), PROGRAM_PAGE, { after: 'bm90LWEtY3Vyc29y' });
      expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const badDate = await graphql(url(), PROGRAM_PAGE, { filter: { startsOnOrAfter: '2026-02-30' } });
      expect(badDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const reversed = await graphql(url(), PROGRAM_PAGE, {
        filter: { startsOnOrAfter: '2026-05-01', startsOnOrBefore: '2026-04-01' },
      });
      expect(reversed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('partnerships and partner institutions', () => {
    it('filters partnerships by district, partner type and activity', async () => {
      const { data } = await graphql(
        url(),
        '{ partnerships(filter: { districtCode: "11110", partnerType: LIBRARY, active: true }, first: 100) { totalCount edges { node { active center { district { code } } partner { __typename } } } } }',
      );
      expect(data!.partnerships.totalCount).toBe(data!.partnerships.edges.length);
      for (const { node } of data!.partnerships.edges) {
        expect(node).toEqual({
          active: true,
          center: { district: { code: '11110' } },
          partner: { __typename: 'Library' },
        });
      }
    });

    it('contributes programs and partnerships to schools, libraries, cultural centers and civil providers', async () => {
      const types = {
        School: 'SCHOOL',
        Library: 'LIBRARY',
        CulturalCenter: 'CULTURAL_CENTER',
        CivilProvider: 'CIVIL_PROVIDER',
      } as const;
      const representations: { __typename: string; id: string }[] = [];
      for (const [typename, partnerType] of Object.entries(types)) {
        const { data } = await graphql(
          url(),
          `{ partnerships(filter: { partnerType: ${partnerType} }, first: 2) { edges { node { partner { ... on ${typename} { id } } } } } }`,
        );
        for (const { node } of data!.partnerships.edges)
          representations.push({ __typename: typename, id: node.partner.id });
      }
      const { data, errors } = await graphql(
        url(),
        `
          query ($reps: [_Any!]!) {
            _entities(representations: $reps) {
              __typename
              ... on School {
                id
                programs(first: 100) {
                  totalCount
                  edges {
                    node {
                      status
                      host {
                        ... on School {
                          id
                        }
                      }
                    }
                  }
                }
                partnerships {
                  partner {
                    ... on School {
                      id
                    }
                  }
                }
              }
              ... on Library {
                id
                programs(first: 100) {
                  totalCount
                }
                partnerships {
                  partner {
                    ... on Library {
                      id
                    }
                  }
                }
              }
              ... on CulturalCenter {
                id
                programs(first: 100) {
                  totalCount
                }
                partnerships {
                  partner {
                    ... on CulturalCenter {
                      id
                    }
                  }
                }
              }
              ... on CivilProvider {
                id
                programs(first: 100) {
                  totalCount
                }
                partnerships {
                  partner {
                    ... on CivilProvider {
                      id
                    }
                  }
                }
              }
            }
          }
        `,
        { reps: representations },
      );
      expect(errors).toBeUndefined();
      for (const [i, entity] of data!._entities.entries()) {
        expect(entity.__typename).toBe(representations[i].__typename);
        expect(entity.partnerships.length).toBeGreaterThan(0);
        for (const partnership of entity.partnerships) expect(partnership.partner.id).toBe(entity.id);
        const hostType = types[entity.__typename as keyof typeof types];
        expect(entity.programs.totalCount).toBe(await programTotal({ hostType, hostId: entity.id }));
        for (const { node } of entity.programs.edges ?? [])
          expect(node).toEqual({ status: 'PUBLISHED', host: { id: entity.id } });
      }
    });
  });

  describe('entities and coverage', () => {
    it('resolves Program, LearningCenter and District representations in one request, null when unknown', async () => {
      const { data: page } = await graphql(url(), '{ programs(first: 2) { edges { node { id center { id } } } } }');
      const [first, second] = page!.programs.edges.map((e: { node: any }) => e.node);
      const reps = [
        { __typename: 'Program', id: first.id },
        { __typename: 'Program', id: second.id },
        { __typename: 'LearningCenter', id: first.center.id },
        { __typename: 'District', code: '11680' },
        { __typename: 'Program', id: 'PG9999999' },
        { __typename: 'LearningCenter', id: 'nope' },
      ];
      const { data, errors } = await graphql(
        url(),
        'query($reps: [_Any!]!) { _entities(representations: $reps) { __typename ... on Program { id } ... on LearningCenter { id } ... on District { code nameKo } } }',
        { reps },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([
        { __typename: 'Program', id: first.id },
        { __typename: 'Program', id: second.id },
        { __typename: 'LearningCenter', id: first.center.id },
        { __typename: 'District', code: '11680', nameKo: guRows.find((r) => r.gu_code === '11680')!.gu_name_ko },
        null,
        null,
      ]);
    });

    it('declares Enrollment without the resident, who is personal data', async () => {
      const { data } = await graphql(url(), '{ _service { sdl } }');
      const enrollment = /type Enrollment\s[^}]*}/.exec(data!._service.sdl)?.[0];
      expect(enrollment).toContain('@key(fields: "id")');
      expect(enrollment).toContain('status: EnrollmentStatus!');
      expect(enrollment).not.toMatch(/resident/i);
    });

    it('reports coverage numbers that agree with the lists they count', async () => {
      const { data, errors } = await graphql(
        url(),
        `
          {
            coverage {
              dongCount
              dongsWithCenter
              expertCount
              districtsMeetingExpertMinimum
              districts {
                dongCount
                dongsWithCenter
                centerCount
                expertCount
                meetsExpertMinimum
                partnershipCount
                activePartnershipCount
                programCount
                publishedProgramCount
                district {
                  code
                  dongs {
                    code
                  }
                  experts {
                    id
                  }
                  learningCenters {
                    id
                  }
                  citySupport {
                    year
                  }
                }
              }
            }
          }
        `,
      );
      expect(errors).toBeUndefined();
      const { coverage } = data!;
      expect(coverage.districts).toHaveLength(25);
      expect(coverage.dongCount).toBe(dongs.length);
      expect(coverage.dongsWithCenter).toBe(dongs.length);
      expect(coverage.districtsMeetingExpertMinimum).toBe(25);
      let programs = 0;
      for (const entry of coverage.districts) {
        const { district } = entry;
        expect(entry.dongCount).toBe(dongsOf(district.code).length);
        expect(entry.dongCount).toBe(district.dongs.length);
        expect(entry.dongsWithCenter).toBe(entry.dongCount);
        expect(entry.centerCount).toBe(district.learningCenters.length);
        expect(entry.expertCount).toBe(district.experts.length);
        expect(entry.expertCount).toBeGreaterThanOrEqual(2);
        expect(entry.meetsExpertMinimum).toBe(true);
        expect(entry.publishedProgramCount).toBe(await programTotal({ districtCode: district.code }));
        const years = district.citySupport.map((s: { year: number }) => s.year);
        expect(years).toEqual([...years].sort((a, b) => b - a));
        programs += entry.programCount;
      }
      const orm = await openSubgraphDatabase('centers');
      try {
        // Drafts are not public: programCount counts what was published (published or archived since).
        const [{ total }] = await orm.em
          .getConnection()
          .execute<{ total: number }[]>('select count(*) as total from program where published_at is not null');
        expect(programs).toBe(Number(total));
      } finally {
        await orm.close(true);
      }
      const partnerships = await graphql(
        url(),
        '{ all: partnerships(first: 1) { totalCount } active: partnerships(filter: { districtCode: "11680", active: true }, first: 1) { totalCount } gangnam: partnerships(filter: { districtCode: "11680" }, first: 1) { totalCount } }',
      );
      const gangnam = coverage.districts.find(
        (entry: { district: { code: string } }) => entry.district.code === '11680',
      );
      expect(gangnam.partnershipCount).toBe(partnerships.data!.gangnam.totalCount);
      expect(gangnam.activePartnershipCount).toBe(partnerships.data!.active.totalCount);
      expect(
        coverage.districts.reduce(
          (sum: number, entry: { partnershipCount: number }) => sum + entry.partnershipCount,
          0,
        ),
      ).toBe(partnerships.data!.all.totalCount);
    });

    it('lists the national lifelong-education fields of the classification, areas before their sub-areas', async () => {
      const { data } = await graphql(url(), '{ lifelongEducationFields { code nameKo nameEn parent { code } } }');
      const codes: string[] = data!.lifelongEducationFields.map((f: { code: string }) => f.code);
      expect([...codes].sort()).toEqual(fieldRows.map((row) => row.code).sort());
      for (const row of fieldRows)
        if (row.parent_code) expect(codes.indexOf(row.parent_code)).toBeLessThan(codes.indexOf(row.code));
      for (const row of fieldRows) {
        expect(data!.lifelongEducationFields.find((f: { code: string }) => f.code === row.code)).toEqual({
          code: row.code,
          nameKo: row.name_ko,
          nameEn: row.name_en,
          parent: row.parent_code ? { code: row.parent_code } : null,
        });
      }
    });
  });
});
