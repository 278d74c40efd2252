import { graphql, readSeedCsv, testStack } from '../support/stack';

const gu = readSeedCsv('seoul_gu.csv');
const dongs = readSeedCsv('seoul_dong_2021.csv');
const schools = readSeedCsv('seoul_schools_2026.csv');
const changes = readSeedCsv('seoul_dong_changes_since_2021_04.csv');
const url = () => testStack().gatewayUrl;

/** Dongs added since 2021-04 with a code of their own (the 강일동 split), per district. */
const addedDongs = changes.filter((c) => c.change_type === 'split' && c.new_adm_cd2);

describe('the gateway', () => {
  it('serves all 25 districts in code order with their names from the source', async () => {
    const { data, errors } = await graphql(url(), '{ districts { code nameKo nameEn } }');
    expect(errors).toBeUndefined();
    expect(data!.districts).toEqual(
      [...gu]
        .sort((a, b) => a.gu_code.localeCompare(b.gu_code))
        .map((row) => ({ code: row.gu_code, nameKo: row.gu_name_ko, nameEn: row.gu_name_en })),
    );
  });

  it("counts a district's dongs as the 2021 boundaries plus the dongs split off since", async () => {
    const { data } = await graphql(url(), '{ districts { code dongs { code } } }');
    for (const district of data!.districts) {
      const expected =
        dongs.filter((d) => d.gu_code === district.code).length +
        addedDongs.filter((c) => c.gu_code === district.code).length;
      expect({ code: district.code, count: district.dongs.length }).toEqual({ code: district.code, count: expected });
    }
  });

  it('joins a school with its education office and district across subgraphs', async () => {
    const row = schools.find((s) => s.gu_code === '11680')!;
    const { data, errors } = await graphql(
      url(),
      'query($id: ID!) { school(id: $id) { name educationOffice { code } district { code nameEn educationOffice { code } } } }',
      { id: row.school_id },
    );
    expect(errors).toBeUndefined();
    expect(data!.school).toEqual({
      name: row.name_ko,
      educationOffice: { code: row.education_office_code },
      district: {
        code: '11680',
        nameEn: gu.find((g) => g.gu_code === '11680')!.gu_name_en,
        educationOffice: { code: row.education_office_code },
      },
    });
  });

  it('answers one query that crosses all five subgraphs', async () => {
    const { data, errors } = await graphql(
      url(),
      `
        query ($code: ID!) {
          dong(code: $code) {
            nameKo
            district {
              nameEn
              educationOffice {
                nameEn
              }
              civilProviders(first: 3) {
                totalCount
                edges {
                  node {
                    name
                    kind
                  }
                }
              }
            }
            learningCenters {
              name
              kind
              venue {
                __typename
                ... on LibrarySpace {
                  name
                  library {
                    name
                  }
                }
                ... on SchoolSpace {
                  name
                  school {
                    name
                  }
                }
                ... on CulturalSpace {
                  name
                  culturalCenter {
                    name
                  }
                }
                ... on CenterSpace {
                  name
                }
              }
              programs(first: 5) {
                totalCount
                edges {
                  node {
                    title
                    host {
                      __typename
                      ... on LearningCenter {
                        name
                      }
                      ... on School {
                        name
                      }
                      ... on Library {
                        name
                      }
                      ... on CulturalCenter {
                        name
                      }
                      ... on CivilProvider {
                        name
                      }
                    }
                  }
                }
              }
            }
            schools {
              name
            }
            libraries {
              name
            }
            culturalCenters {
              name
            }
          }
        }
      `,
      { code: '1168064000' },
    );
    expect(errors).toBeUndefined();
    const dong = data!.dong;
    expect(dong.nameKo).toBe(dongs.find((d) => d.adm_cd2 === '1168064000')!.dong_name_ko);
    expect(dong.district.nameEn).toBe('Gangnam-gu');
    expect(dong.district.educationOffice.nameEn).toBe('Gangnam-Seocho District Office of Education');
    expect(dong.district.civilProviders.totalCount).toBeGreaterThan(0);
    // Its dong center, and the near-workplace center of Teheran-ro's offices.
    expect(dong.learningCenters.map((c: any) => c.kind).sort()).toEqual(['DONG_CENTER', 'NEAR_WORKPLACE_CENTER']);
    const hosts = dong.learningCenters.flatMap((c: any) => c.programs.edges.map((e: any) => e.node.host));
    for (const host of hosts) expect(typeof host.name).toBe('string');
    const venue = dong.learningCenters[0].venue;
    if (venue) expect(typeof venue.name).toBe('string');
    expect(Array.isArray(dong.schools) && Array.isArray(dong.libraries) && Array.isArray(dong.culturalCenters)).toBe(
      true,
    );
  });

  it('resolves every program host and venue through the owning subgraph', async () => {
    const { data, errors } = await graphql(
      url(),
      `
        {
          programs(first: 100) {
            edges {
              node {
                id
                host {
                  __typename
                  ... on LearningCenter {
                    id
                    name
                  }
                  ... on School {
                    id
                    name
                  }
                  ... on Library {
                    id
                    name
                  }
                  ... on CulturalCenter {
                    id
                    name
                  }
                  ... on CivilProvider {
                    id
                    name
                  }
                }
                venue {
                  __typename
                  ... on SchoolSpace {
                    id
                    name
                  }
                  ... on LibrarySpace {
                    id
                    name
                  }
                  ... on CulturalSpace {
                    id
                    name
                  }
                  ... on CenterSpace {
                    id
                    name
                  }
                }
              }
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const typenames = new Set<string>();
    for (const { node } of data!.programs.edges) {
      expect(node.host.name).toEqual(expect.any(String));
      typenames.add(node.host.__typename);
      if (node.venue) expect(node.venue.name).toEqual(expect.any(String));
    }
    expect(typenames.size).toBeGreaterThan(1);
  });

  it('pages programs with cursors through the gateway', async () => {
    const first = await graphql(
      url(),
      '{ programs(first: 10) { totalCount edges { cursor node { id startsOn } } pageInfo { hasNextPage endCursor } } }',
    );
    const second = await graphql(
      url(),
      'query($after: String) { programs(first: 10, after: $after) { edges { node { id startsOn } } pageInfo { hasPreviousPage } } }',
      {
        after: first.data!.programs.pageInfo.endCursor,
      },
    );
    const ids = [...first.data!.programs.edges, ...second.data!.programs.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(20);
    const dates = [...first.data!.programs.edges, ...second.data!.programs.edges].map((e: any) => e.node.startsOn);
    expect([...dates].sort()).toEqual(dates);
    expect(second.data!.programs.pageInfo.hasPreviousPage).toBe(true);
    expect(first.data!.programs.totalCount).toBeGreaterThan(20);
  });

  it('answers null for things that do not exist, in every subgraph', async () => {
    const { data, errors } = await graphql(
      url(),
      '{ district(code: "99999") { code } dong(code: "0") { code } learningCenter(id: "x") { id } program(id: "x") { id } school(id: "x") { id } library(id: "x") { id } culturalCenter(id: "x") { id } civilProvider(id: "x") { id } }',
    );
    expect(errors).toBeUndefined();
    expect(Object.values(data!).every((value) => value === null)).toBe(true);
  });

  it('reports health and readiness of itself and every subgraph', async () => {
    const base = new URL(url());
    expect((await fetch(new URL('/health', base))).status).toBe(200);
    const ready = await fetch(new URL('/ready', base));
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { subgraphs: Record<string, boolean> };
    expect(Object.values(body.subgraphs)).toEqual([true, true, true, true, true]);
  });
});
