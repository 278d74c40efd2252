/**
 * The read operations of the benchmark (issue 5), shared by `npm run bench`
 * and the SQL-count tests: the dong page, a program search page and district
 * coverage with the district's link graph. `$first` is the page size of every
 * connection in them, so the tests can compare page sizes 10 and 100.
 */

export interface Operation {
  name: string;
  title: string;
  query: string;
}

const INSTITUTION_NAME = `__typename ... on LearningCenter { name } ... on School { name } ... on Library { name }
  ... on CulturalCenter { name } ... on CivilProvider { name }`;

/** README's DongPage: one dong across all five subgraphs. */
export const DONG_PAGE: Operation = {
  name: 'dong-page',
  title: 'dong page (all five subgraphs)',
  query: `query DongPage($code: ID!, $first: Int = 5) {
  dong(code: $code) {
    nameKo nameEn
    district {
      nameEn
      educationOffice { nameEn }
      civilProviders(first: $first) { totalCount edges { node { name certifiedExcellent } } }
    }
    learningCenters {
      name
      venue { __typename ... on LibrarySpace { name library { name } } ... on SchoolSpace { name school { name } }
              ... on CulturalSpace { name culturalCenter { name } } ... on CenterSpace { name } }
      programs(first: $first) {
        totalCount
        edges { node { title track startsOn seatsLeft host { ${INSTITUTION_NAME} }
          venue { __typename ... on LibrarySpace { name } ... on SchoolSpace { name } ... on CulturalSpace { name } ... on CenterSpace { name } } } }
        pageInfo { hasNextPage endCursor }
      }
    }
    schools { name level }
    libraries { name kind }
    culturalCenters { name kind }
  }
}`,
};

/** A second page of published programs of a district matching a title word. */
export const PROGRAM_SEARCH: Operation = {
  name: 'program-search',
  title: 'program search page (filter + cursor)',
  query: `query ProgramSearch($filter: ProgramFilter, $first: Int = 20, $after: String) {
  programs(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id title track startsOn endsOn capacity seatsLeft feeKrw field { code nameKo }
      center { name dong { nameKo } } host { ${INSTITUTION_NAME} } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
};

/** A district's coverage and its link graph: centers and their partner institutions. */
export const DISTRICT_COVERAGE: Operation = {
  name: 'district-coverage',
  title: 'district coverage + link graph',
  query: `query DistrictCoverage($code: ID!, $first: Int = 100) {
  district(code: $code) {
    code nameEn
    coverage { dongCount dongsWithCenter expertCount meetsExpertMinimum partnershipCount programCount }
  }
  partnerships(filter: { districtCode: $code, active: true }, first: $first) {
    totalCount
    edges { node { id kind since center { id name } partner { ${INSTITUTION_NAME} } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
};

export const READ_OPERATIONS = [DONG_PAGE, PROGRAM_SEARCH, DISTRICT_COVERAGE] as const;

export const CREATE_PROGRAM = `mutation ($input: CreateProgramInput!) { createProgram(input: $input) { program { id version } userErrors { code message } } }`;
export const PUBLISH_PROGRAM = `mutation ($input: ProgramIdInput!) { publishProgram(input: $input) { program { id status } userErrors { code message } } }`;
export const ENROLL = `mutation ($input: EnrollInput!) { enroll(input: $input) { enrollment { id status } userErrors { code message } } }`;

/** What the varied runs pick from: real codes and words of the seeded hub. */
export interface Samples {
  dongCodes: string[];
  districtCodes: string[];
  /** Program filters with the cursor of their first page (the search op asks for the second). */
  searches: { filter: Record<string, unknown>; after: string | null }[];
  /** Learning centers, with the district each is in (partners of op 4). */
  centers: { id: string; districtCode: string }[];
  fieldCode: string;
}

type Post = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: any; errors?: unknown[] }>;

/** Reads the samples through the gateway. */
export async function collectSamples(post: Post, searchCount = 40): Promise<Samples> {
  const { data } = await post(`{ districts { code dongs { code } learningCenters { id } } programs(first: 100) { edges { node { title field { code } } } } }`);
  const districts = data.districts as { code: string; dongs: { code: string }[]; learningCenters: { id: string }[] }[];
  const titles = (data.programs.edges as { node: { title: string } }[]).map((e) => e.node.title);
  const words = [...new Set(titles.flatMap((t) => t.split(/\s+/)).filter((w) => w.length >= 2))];
  const searches: Samples['searches'] = [];
  for (let i = 0; searches.length < searchCount && i < searchCount * 3; i++) {
    const district = districts[i % districts.length].code;
    const filter = i % 2 === 0 ? { districtCode: district } : { districtCode: district, titleContains: words[i % words.length] };
    const page = await post(PROGRAM_SEARCH.query, { filter, first: 10 });
    const info = page.data?.programs?.pageInfo;
    if (info) searches.push({ filter, after: info.hasNextPage ? info.endCursor : null });
  }
  return {
    dongCodes: districts.flatMap((d) => d.dongs.map((dong) => dong.code)),
    districtCodes: districts.map((d) => d.code),
    searches,
    centers: districts.flatMap((d) => d.learningCenters.map(({ id }) => ({ id, districtCode: d.code }))),
    fieldCode: data.programs.edges[0].node.field.code,
  };
}

/** Variables for one request of `operation`: the i-th sample, or always the first when `identical`. */
export function variablesFor(operation: Operation, samples: Samples, i: number, first?: number): Record<string, unknown> {
  const pick = <T>(list: T[]): T => list[i % list.length];
  const size = first === undefined ? {} : { first };
  switch (operation.name) {
    case 'dong-page':
      return { code: pick(samples.dongCodes), ...size };
    case 'program-search': {
      const { filter, after } = pick(samples.searches);
      return { filter, after, first: first ?? 10 };
    }
    default:
      return { code: pick(samples.districtCodes), ...size };
  }
}
