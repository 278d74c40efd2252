/**
 * What the cooperation network write tests share (network-*.test.ts): callers for every role, real ids of the
 * running network, the network mutations through the gateway, and the rows they leave. Every test makes its own
 * objects and compares before with after, so it needs no other file and no fixed global count.
 */
import { randomUUID } from 'node:crypto';
import { Role, type TokenClaims } from '../../lib/auth';
import type { Orm } from '../../lib/subgraph/orm';
import { CitySupport } from '../../subgraphs/centers/network/city-support.entity';
import { LifelongLearningExpert } from '../../subgraphs/centers/network/expert.entity';
import { LearningCommunity } from '../../subgraphs/centers/network/learning-community.entity';
import { Partnership } from '../../subgraphs/centers/network/partnership.entity';
import { mutate as mutateThroughGateway, type Payload } from '../support/mutations';
import { graphql, openSubgraphDatabase, testStack, tokenFor } from '../support/stack';

export const HOME = '11680'; // the district the officer and expert below act for
export const AWAY = '11110';
export const gateway = () => testStack().gatewayUrl;

export type CallerName =
  | 'cityAdmin'
  | 'homeOfficer'
  | 'awayOfficer'
  | 'educationOffice'
  | 'institution'
  | 'homeExpert'
  | 'awayExpert'
  | 'resident'
  | 'analyst'
  | 'anonymous';
export const CALLER_NAMES: CallerName[] = [
  'cityAdmin',
  'homeOfficer',
  'awayOfficer',
  'educationOffice',
  'institution',
  'homeExpert',
  'awayExpert',
  'resident',
  'analyst',
  'anonymous',
];
const tokens = new Map<CallerName, string | undefined>();

const SELECTION: Record<string, string> = {
  partnership: `id kind since active center { id }
    partner { __typename ... on LearningCenter { id } ... on School { id } ... on Library { id } ... on CulturalCenter { id } ... on CivilProvider { id } }`,
  learningCommunity: 'id name track memberCount center { id }',
  expert: 'id name duties district { code } center { id }',
  citySupport: 'id kind year amountKrw note district { code }',
};
const NODE_OF: Record<string, string> = {
  createPartnership: 'partnership',
  endPartnership: 'partnership',
  createLearningCommunity: 'learningCommunity',
  updateLearningCommunity: 'learningCommunity',
  createExpert: 'expert',
  assignExpert: 'expert',
  recordCitySupport: 'citySupport',
  updateCitySupport: 'citySupport',
};
const INPUT_OF: Record<string, string> = {
  createPartnership: 'CreatePartnershipInput',
  endPartnership: 'PartnershipIdInput',
  createLearningCommunity: 'CreateLearningCommunityInput',
  updateLearningCommunity: 'UpdateLearningCommunityInput',
  createExpert: 'CreateExpertInput',
  assignExpert: 'AssignExpertInput',
  recordCitySupport: 'RecordCitySupportInput',
  updateCitySupport: 'UpdateCitySupportInput',
};

/** Runs one of the network mutations through the gateway as `caller`; the payload, with no GraphQL errors. */
export async function mutate(
  mutation: string,
  input: Record<string, unknown>,
  caller: CallerName = 'cityAdmin',
  url = gateway(),
  headers: Record<string, string> = {},
): Promise<Payload> {
  const node = NODE_OF[mutation];
  return mutateThroughGateway({
    mutation,
    inputType: INPUT_OF[mutation],
    input,
    selection: `${node} { ${SELECTION[node]} }`,
    token: tokens.get(caller),
    url,
    headers,
  });
}

/** The payload of an allowed, successful call: no user errors and the changed object. */
export function succeeded(payload: Payload): any {
  expect(payload.userErrors).toEqual([]);
  const node = Object.keys(payload).find((key) => key !== 'userErrors')!;
  expect(payload[node]).not.toBeNull();
  return payload[node];
}

/** The payload of a refused call: exactly these codes (and fields when given), and no object. */
export function refused(payload: Payload, ...expected: { code: string; field?: string[] | null }[]): void {
  const node = Object.keys(payload).find((key) => key !== 'userErrors')!;
  expect(payload[node]).toBeNull();
  // A field path is compared only where the expectation names one.
  const seen = payload.userErrors.map(({ code, field }, i) =>
    expected[i]?.field === undefined ? { code } : { code, field },
  );
  expect(seen).toEqual(expected);
  for (const error of payload.userErrors) expect(error.message.length).toBeGreaterThan(5);
}

export async function query(text: string, variables: Record<string, unknown> = {}): Promise<any> {
  const { data, errors } = await graphql(gateway(), text, variables);
  expect(errors).toBeUndefined();
  return data;
}

/** Today in Seoul, as the API defaults `since`. */
export const seoulToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

export let orm: Orm;
/** Reads the centers database with a fresh unit of work, so nothing is served from an earlier read. */
export const db = () => orm.em.fork();

export const partnershipRows = async (centerId: string) =>
  (await db().find(Partnership, { center: centerId }, { orderBy: { id: 'asc' } })).map(
    ({ id, partnerType, partnerId, kind, since, active }) => ({
      id,
      partnerType,
      partnerId,
      kind,
      since,
      active: Boolean(active),
    }),
  );
export const communityRows = async (centerId: string) =>
  (await db().find(LearningCommunity, { center: centerId }, { orderBy: { id: 'asc' } })).map(
    ({ id, name, track, memberCount }) => ({ id, name, track, memberCount }),
  );
export const expertRows = async (districtCode: string) =>
  (await db().find(LifelongLearningExpert, { district: districtCode }, { orderBy: { id: 'asc' } })).map(
    ({ id, name, center, duties }) => ({
      id,
      name,
      centerId: center?.id ?? null,
      duties,
    }),
  );
export const supportRows = async (districtCode: string) =>
  (await db().find(CitySupport, { district: districtCode }, { orderBy: { id: 'asc' } })).map(
    ({ id, kind, year, amountKrw, note }) => ({ id, kind, year, amountKrw, note }),
  );

export interface Ref {
  type: string;
  id: string;
}
/** Real ids of the running network, found through the gateway. */
export const world = {
  homeCenter: '',
  homeCenter2: '',
  awayCenter: '',
  /** Institutions of HOME with no partnership with homeCenter yet, handed out one per test that needs a fresh partner. */
  freshPartners: [] as Ref[],
  byType: {} as Record<string, Ref[]>,
};
export function freshPartner(type?: string): Ref {
  const index = world.freshPartners.findIndex((partner) => type === undefined || partner.type === type);
  if (index < 0) throw new Error(`no unused ${type ?? ''} partner left for ${world.homeCenter}`);
  return world.freshPartners.splice(index, 1)[0];
}

/** A year with no `kind` support recorded for the district, so a record of it is new on every run. */
export async function unusedYear(districtCode: string, kind: string, from: number): Promise<number> {
  const taken = new Set((await supportRows(districtCode)).filter((row) => row.kind === kind).map((row) => row.year));
  let year = from;
  while (taken.has(year)) year += 1;
  return year;
}

export async function coverageOf(code: string): Promise<{
  partnershipCount: number;
  activePartnershipCount: number;
  expertCount: number;
  meetsExpertMinimum: boolean;
}> {
  const data = await query(
    'query($code: ID!) { district(code: $code) { coverage { partnershipCount activePartnershipCount expertCount meetsExpertMinimum } } }',
    { code },
  );
  return data.district.coverage;
}

/** Objects made by the city admin for a test to change. */
export const make = {
  partnership: async (partner = freshPartner()) =>
    succeeded(
      await mutate('createPartnership', {
        centerId: world.homeCenter,
        partner,
        kind: 'CO_HOSTING',
        since: '2024-03-01',
      }),
    ),
  community: async () =>
    succeeded(
      await mutate('createLearningCommunity', {
        centerId: world.homeCenter,
        name: `시험 학습동아리 ${randomUUID().slice(0, 8)}`,
        track: 'LIFE_CULTURE',
        memberCount: 12,
      }),
    ),
  expert: async () =>
    succeeded(
      await mutate('createExpert', { districtCode: HOME, name: '시험 전문가', duties: ['PROGRAM_DEVELOPMENT'] }),
    ),
  support: async () => {
    const year = await unusedYear(HOME, 'CONSULTING', 2040);
    return succeeded(
      await mutate('recordCitySupport', {
        districtCode: HOME,
        kind: 'CONSULTING',
        year,
        amountKrw: null,
        note: '시험 컨설팅',
      }),
    );
  },
};

/** Opens the centers database, finds the world and signs a token for every caller (call it at the top of a test file). */
export function setUpNetworkWrites(): void {
  beforeAll(async () => {
    orm = await openSubgraphDatabase('centers');
    const data = await query(
      `query($home: ID!, $away: ID!) {
        home: learningCenters(filter: { districtCode: $home }, first: 10) { edges { node { id } } }
        away: learningCenters(filter: { districtCode: $away }, first: 1) { edges { node { id } } }
        district(code: $home) {
          schools(first: 100) { edges { node { id } } }
          libraries(first: 100) { edges { node { id } } }
          culturalCenters(first: 100) { edges { node { id } } }
          civilProviders(first: 100) { edges { node { id } } }
        }
        educationOffices { code }
      }`,
      { home: HOME, away: AWAY },
    );
    // The tests link homeCenter with offices of education themselves, so it must start with no office as a partner.
    const homeCenters: string[] = data.home.edges.map((edge: { node: { id: string } }) => edge.node.id);
    const officeFree: string[] = [];
    for (const id of homeCenters) {
      const rows = await partnershipRows(id);
      if (!rows.some((row) => row.partnerType === 'EducationOffice')) officeFree.push(id);
    }
    if (officeFree.length === 0) throw new Error(`every listed center of ${HOME} already partners an office`);
    world.homeCenter = officeFree[0];
    world.homeCenter2 = homeCenters.find((id) => id !== world.homeCenter)!;
    world.awayCenter = data.away.edges[0].node.id;
    // From the database: proposals and declined ones are not public, yet their partners are not fresh either.
    const partnered = new Set((await partnershipRows(world.homeCenter)).map((row) => row.partnerId));
    const lists: [string, string][] = [
      ['SCHOOL', 'schools'],
      ['LIBRARY', 'libraries'],
      ['CULTURAL_CENTER', 'culturalCenters'],
      ['CIVIL_PROVIDER', 'civilProviders'],
    ];
    for (const [type, field] of lists) {
      world.byType[type] = data.district[field].edges.map((edge: { node: { id: string } }) => ({
        type,
        id: edge.node.id,
      }));
      world.freshPartners.push(...world.byType[type].filter((ref) => !partnered.has(ref.id)));
    }

    const claims: Record<Exclude<CallerName, 'anonymous'>, TokenClaims> = {
      cityAdmin: { sub: 'network-test-admin', role: Role.CITY_ADMIN },
      homeOfficer: { sub: 'network-test-officer', role: Role.DISTRICT_OFFICER, district: HOME },
      awayOfficer: { sub: 'network-test-away-officer', role: Role.DISTRICT_OFFICER, district: AWAY },
      educationOffice: {
        sub: 'network-test-office',
        role: Role.EDUCATION_OFFICE,
        educationOffice: data.educationOffices[0].code,
      },
      institution: {
        sub: 'network-test-library',
        role: Role.INSTITUTION,
        institution: `Library:${world.byType.LIBRARY[0].id}`,
      },
      homeExpert: { sub: 'network-test-expert', role: Role.EXPERT, district: HOME },
      awayExpert: { sub: 'network-test-away-expert', role: Role.EXPERT, district: AWAY },
      resident: { sub: 'network-test-resident', role: Role.RESIDENT },
      analyst: { sub: 'network-test-analyst', role: Role.ANALYST },
    };
    for (const [name, claim] of Object.entries(claims)) tokens.set(name as CallerName, await tokenFor(claim));
    tokens.set('anonymous', undefined);
  });

  afterAll(async () => {
    await orm?.close(true);
  });
}
