// Talks to the gateway like any frontend: POST /graphql with JSON.

export class GraphQLRequestError extends Error {}

export async function gql(query, variables = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError(`HTTP ${response.status}`);
  }
  if (body.errors?.length && !body.data) throw new GraphQLRequestError(body.errors.map((e) => e.message).join('; '));
  if (body.errors?.length) console.warn('GraphQL errors', body.errors);
  return body.data;
}

export const COVERAGE_QUERY = `query NetworkCoverage {
  coverage {
    asOf dongCount dongsWithCenter expertCount districtsMeetingExpertMinimum
    rollout { year countedOn openedCenters centerCount dongsCovered share }
    districts {
      district { code nameKo nameEn location { lat lng } }
      dongCount dongsWithCenter centerCount expertCount meetsExpertMinimum
      partnershipCount activePartnershipCount programCount publishedProgramCount
    }
  }
}`;

const INSTITUTION_FIELDS = `__typename
  ... on LearningCenter { id name }
  ... on School { id name }
  ... on Library { id name }
  ... on CulturalCenter { id name }
  ... on CivilProvider { id name }
  ... on EducationOffice { id: code name: nameKo }`;

export const DISTRICT_QUERY = `query NetworkDistrict($code: ID!) {
  district(code: $code) {
    code nameKo nameEn
    learningCenters {
      id name
      dong { code nameKo nameEn }
      partnerships { id kind active since partner { ${INSTITUTION_FIELDS} } }
    }
  }
}`;

export const PROGRAMS_QUERY = `query NetworkPrograms($filter: ProgramFilter, $first: Int, $after: String) {
  programs(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id title track startsOn endsOn capacity seatsLeft feeKrw
      field { code nameKo nameEn }
      center { id name district { code nameKo nameEn } dong { nameKo nameEn } }
    } }
  }
}`;

/** When each dong's center opened, for the timeline: dong centers only (the plan's measure). */
export const DONG_OPENINGS_QUERY = `query NetworkDongOpenings {
  districts { dongs { code learningCenters { kind openedOn } } }
}`;

export const NOTICES_QUERY = `query NetworkNotices($today: Date) {
  notices(filter: { activeOn: $today }, first: 10) {
    totalCount
    edges { node { id title body startsOn endsOn district { code nameKo nameEn } center { id name } } }
  }
}`;
