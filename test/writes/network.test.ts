/**
 * Writes of the cooperation network through the gateway: partnerships,
 * learning communities, experts and city support. Every test makes its own
 * objects and compares before with after, so it needs no other file and no
 * fixed global count.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { TokenClaims } from '../../lib/auth';
import { GATEWAY_SECRET_HEADER, Role } from '../../lib/auth';
import { loadConfig } from '../../lib/config';
import type { Orm } from '../../lib/subgraph/orm';
import { startSubgraph, type RunningSubgraph } from '../../lib/subgraph/subgraph-server';
import { CitySupport } from '../../subgraphs/centers/network/city-support.entity';
import { LifelongLearningExpert } from '../../subgraphs/centers/network/expert.entity';
import { centersSubgraph } from '../../subgraphs/centers/index';
import { LearningCommunity } from '../../subgraphs/centers/network/learning-community.entity';
import { Partnership } from '../../subgraphs/centers/network/partnership.entity';
import { graphql, openSubgraphDatabase, testStack, tokenFor } from '../support/stack';

const HOME = '11680'; // the district the officer and expert below act for
const AWAY = '11110';
const gateway = () => testStack().gatewayUrl;

interface UserError { field: string[] | null; message: string; code: string }
type Payload = Record<string, any> & { userErrors: UserError[] };

type CallerName =
  | 'cityAdmin' | 'homeOfficer' | 'awayOfficer' | 'educationOffice' | 'institution'
  | 'homeExpert' | 'awayExpert' | 'resident' | 'analyst' | 'anonymous';
const CALLER_NAMES: CallerName[] = [
  'cityAdmin', 'homeOfficer', 'awayOfficer', 'educationOffice', 'institution', 'homeExpert', 'awayExpert', 'resident', 'analyst', 'anonymous',
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
  createPartnership: 'partnership', endPartnership: 'partnership',
  createLearningCommunity: 'learningCommunity', updateLearningCommunity: 'learningCommunity',
  createExpert: 'expert', assignExpert: 'expert',
  recordCitySupport: 'citySupport', updateCitySupport: 'citySupport',
};
const INPUT_OF: Record<string, string> = {
  createPartnership: 'CreatePartnershipInput', endPartnership: 'PartnershipIdInput',
  createLearningCommunity: 'CreateLearningCommunityInput', updateLearningCommunity: 'UpdateLearningCommunityInput',
  createExpert: 'CreateExpertInput', assignExpert: 'AssignExpertInput',
  recordCitySupport: 'RecordCitySupportInput', updateCitySupport: 'UpdateCitySupportInput',
};

/** Runs one of the network mutations through the gateway as `caller`; the payload, with no GraphQL errors. */
async function mutate(mutation: string, input: Record<string, unknown>, caller: CallerName = 'cityAdmin', url = gateway(), headers: Record<string, string> = {}): Promise<Payload> {
  const node = NODE_OF[mutation];
  const { data, errors } = await graphql(
    url,
    `mutation($input: ${INPUT_OF[mutation]}!) { ${mutation}(input: $input) { ${node} { ${SELECTION[node]} } userErrors { field message code } } }`,
    { input },
    headers,
    { token: tokens.get(caller) },
  );
  expect(errors).toBeUndefined();
  return data![mutation];
}

/** The payload of an allowed, successful call: no user errors and the changed object. */
function succeeded(payload: Payload): any {
  expect(payload.userErrors).toEqual([]);
  const node = Object.keys(payload).find((key) => key !== 'userErrors')!;
  expect(payload[node]).not.toBeNull();
  return payload[node];
}

/** The payload of a refused call: exactly these codes (and fields when given), and no object. */
function refused(payload: Payload, ...expected: { code: string; field?: string[] | null }[]): void {
  const node = Object.keys(payload).find((key) => key !== 'userErrors')!;
  expect(payload[node]).toBeNull();
  // A field path is compared only where the expectation names one.
  const seen = payload.userErrors.map(({ code, field }, i) => (expected[i]?.field === undefined ? { code } : { code, field }));
  expect(seen).toEqual(expected);
  for (const error of payload.userErrors) expect(error.message.length).toBeGreaterThan(5);
}

async function query(text: string, variables: Record<string, unknown> = {}): Promise<any> {
  const { data, errors } = await graphql(gateway(), text, variables);
  expect(errors).toBeUndefined();
  return data;
}

/** Today in Seoul, as the API defaults `since`. */
const seoulToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

let orm: Orm;
/** Reads the centers database with a fresh unit of work, so nothing is served from an earlier read. */
const db = () => orm.em.fork();

const partnershipRows = async (centerId: string) =>
  (await db().find(Partnership, { center: centerId }, { orderBy: { id: 'asc' } })).map(({ id, partnerType, partnerId, kind, since, active }) => ({
    id, partnerType, partnerId, kind, since, active: Boolean(active),
  }));
const communityRows = async (centerId: string) =>
  (await db().find(LearningCommunity, { center: centerId }, { orderBy: { id: 'asc' } })).map(({ id, name, track, memberCount }) => ({ id, name, track, memberCount }));
const expertRows = async (districtCode: string) =>
  (await db().find(LifelongLearningExpert, { district: districtCode }, { orderBy: { id: 'asc' } })).map(({ id, name, center, duties }) => ({
    id, name, centerId: center?.id ?? null, duties,
  }));
const supportRows = async (districtCode: string) =>
  (await db().find(CitySupport, { district: districtCode }, { orderBy: { id: 'asc' } })).map(({ id, kind, year, amountKrw, note }) => ({ id, kind, year, amountKrw, note }));

interface Ref { type: string; id: string }
/** Real ids of the running network, found through the gateway. */
const world = {
  homeCenter: '',
  homeCenter2: '',
  awayCenter: '',
  /** Institutions of HOME with no partnership with homeCenter yet, handed out one per test that needs a fresh partner. */
  freshPartners: [] as Ref[],
  byType: {} as Record<string, Ref[]>,
};
function freshPartner(type?: string): Ref {
  const index = world.freshPartners.findIndex((partner) => type === undefined || partner.type === type);
  if (index < 0) throw new Error(`no unused ${type ?? ''} partner left for ${world.homeCenter}`);
  return world.freshPartners.splice(index, 1)[0];
}

/** A year with no `kind` support recorded for the district, so a record of it is new on every run. */
async function unusedYear(districtCode: string, kind: string, from: number): Promise<number> {
  const taken = new Set((await supportRows(districtCode)).filter((row) => row.kind === kind).map((row) => row.year));
  let year = from;
  while (taken.has(year)) year += 1;
  return year;
}

async function coverageOf(code: string): Promise<{ partnershipCount: number; activePartnershipCount: number; expertCount: number; meetsExpertMinimum: boolean }> {
  const data = await query('query($code: ID!) { district(code: $code) { coverage { partnershipCount activePartnershipCount expertCount meetsExpertMinimum } } }', { code });
  return data.district.coverage;
}

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  const data = await query(
    `query($home: ID!, $away: ID!) {
      home: learningCenters(filter: { districtCode: $home }, first: 2) { edges { node { id partnerships { partner { ... on School { id } ... on Library { id } ... on CulturalCenter { id } ... on CivilProvider { id } ... on LearningCenter { id } } } } } }
      away: learningCenters(filter: { districtCode: $away }, first: 1) { edges { node { id } } }
      district(code: $home) {
        schools(first: 30) { edges { node { id } } }
        libraries(first: 30) { edges { node { id } } }
        culturalCenters(first: 30) { edges { node { id } } }
        civilProviders(first: 30) { edges { node { id } } }
      }
      educationOffices { code }
    }`,
    { home: HOME, away: AWAY },
  );
  world.homeCenter = data.home.edges[0].node.id;
  world.homeCenter2 = data.home.edges[1].node.id;
  world.awayCenter = data.away.edges[0].node.id;
  const partnered = new Set(data.home.edges[0].node.partnerships.map((p: { partner: { id: string } }) => p.partner.id));
  const lists: [string, string][] = [['SCHOOL', 'schools'], ['LIBRARY', 'libraries'], ['CULTURAL_CENTER', 'culturalCenters'], ['CIVIL_PROVIDER', 'civilProviders']];
  for (const [type, field] of lists) {
    world.byType[type] = data.district[field].edges.map((edge: { node: { id: string } }) => ({ type, id: edge.node.id }));
    world.freshPartners.push(...world.byType[type].filter((ref) => !partnered.has(ref.id)));
  }

  const claims: Record<Exclude<CallerName, 'anonymous'>, TokenClaims> = {
    cityAdmin: { sub: 'network-test-admin', role: Role.CITY_ADMIN },
    homeOfficer: { sub: 'network-test-officer', role: Role.DISTRICT_OFFICER, district: HOME },
    awayOfficer: { sub: 'network-test-away-officer', role: Role.DISTRICT_OFFICER, district: AWAY },
    educationOffice: { sub: 'network-test-office', role: Role.EDUCATION_OFFICE, educationOffice: data.educationOffices[0].code },
    institution: { sub: 'network-test-library', role: Role.INSTITUTION, institution: `Library:${world.byType.LIBRARY[0].id}` },
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

/** Objects made by the city admin for a test to change. */
const make = {
  partnership: async (partner = freshPartner()) =>
    succeeded(await mutate('createPartnership', { centerId: world.homeCenter, partner, kind: 'CO_HOSTING', since: '2024-03-01' })),
  community: async () =>
    succeeded(await mutate('createLearningCommunity', { centerId: world.homeCenter, name: `시험 학습동아리 ${randomUUID().slice(0, 8)}`, track: 'LIFE_CULTURE', memberCount: 12 })),
  expert: async () => succeeded(await mutate('createExpert', { districtCode: HOME, name: '시험 전문가', duties: ['PROGRAM_DEVELOPMENT'] })),
  support: async () => {
    const year = await unusedYear(HOME, 'CONSULTING', 2040);
    return succeeded(await mutate('recordCitySupport', { districtCode: HOME, kind: 'CONSULTING', year, amountKrw: null, note: '시험 컨설팅' }));
  },
};

interface MatrixRow {
  mutation: string;
  allowed: CallerName[];
  /** A valid input for one attempt, and what it may change in the database. */
  attempt(): Promise<{ input: Record<string, unknown>; state: () => Promise<unknown> }>;
}

const MATRIX: MatrixRow[] = [
  {
    mutation: 'createPartnership',
    allowed: ['cityAdmin', 'homeOfficer'],
    attempt: async () => ({
      input: { centerId: world.homeCenter, partner: freshPartner(), kind: 'RESOURCE_SHARING', idempotencyKey: randomUUID() },
      state: () => partnershipRows(world.homeCenter),
    }),
  },
  {
    mutation: 'endPartnership',
    allowed: ['cityAdmin', 'homeOfficer'],
    attempt: async () => {
      const { id } = await make.partnership();
      return { input: { id }, state: () => partnershipRows(world.homeCenter) };
    },
  },
  {
    mutation: 'createLearningCommunity',
    allowed: ['cityAdmin', 'homeOfficer', 'homeExpert'],
    attempt: async () => ({
      input: { centerId: world.homeCenter, name: '권한 시험 동아리', track: 'LOCAL_PROBLEM_SOLVING', memberCount: 8, idempotencyKey: randomUUID() },
      state: () => communityRows(world.homeCenter),
    }),
  },
  {
    mutation: 'updateLearningCommunity',
    allowed: ['cityAdmin', 'homeOfficer', 'homeExpert'],
    attempt: async () => {
      const { id } = await make.community();
      return { input: { id, memberCount: 30, track: 'VOCATIONAL_CAPACITY' }, state: () => communityRows(world.homeCenter) };
    },
  },
  {
    mutation: 'createExpert',
    allowed: ['cityAdmin', 'homeOfficer'],
    attempt: async () => ({
      input: { districtCode: HOME, name: '권한 시험 전문가', duties: ['LEARNER_COUNSELING'], idempotencyKey: randomUUID() },
      state: () => expertRows(HOME),
    }),
  },
  {
    mutation: 'assignExpert',
    allowed: ['cityAdmin', 'homeOfficer'],
    attempt: async () => {
      const { id } = await make.expert();
      return { input: { expertId: id, centerId: world.homeCenter, duties: ['COMMUNITY_SUPPORT'] }, state: () => expertRows(HOME) };
    },
  },
  {
    mutation: 'recordCitySupport',
    allowed: ['cityAdmin'],
    attempt: async () => ({
      input: { districtCode: HOME, kind: 'FINANCIAL', year: await unusedYear(HOME, 'FINANCIAL', 2050), amountKrw: 5_000_000, note: null, idempotencyKey: randomUUID() },
      state: () => supportRows(HOME),
    }),
  },
  {
    mutation: 'updateCitySupport',
    allowed: ['cityAdmin'],
    attempt: async () => {
      const { id } = await make.support();
      return { input: { id, amountKrw: 7_000_000, note: '고침' }, state: () => supportRows(HOME) };
    },
  },
];

describe('who may write the cooperation network', () => {
  it.each(MATRIX.map((row) => [row.mutation, row] as const))(
    '%s: allowed callers succeed; every other caller is refused and changes nothing',
    async (_name, row) => {
      for (const caller of CALLER_NAMES) {
        const { input, state } = await row.attempt();
        const before = await state();
        const payload = await mutate(row.mutation, input, caller);
        if (row.allowed.includes(caller)) {
          succeeded(payload);
          expect(await state()).not.toEqual(before);
        } else {
          const code = caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
          expect({ caller, codes: payload.userErrors.map((e) => e.code) }).toEqual({ caller, codes: [code] });
          refused(payload, { code });
          expect(await state()).toEqual(before);
        }
      }
    },
  );
});

describe('partnerships', () => {
  it('links a center with a school, a library, a cultural center, a civil provider and another center', async () => {
    const partners = [freshPartner('SCHOOL'), freshPartner('LIBRARY'), freshPartner('CULTURAL_CENTER'), freshPartner('CIVIL_PROVIDER'), { type: 'LEARNING_CENTER', id: world.homeCenter2 }];
    const typenames: Record<string, string> = { SCHOOL: 'School', LIBRARY: 'Library', CULTURAL_CENTER: 'CulturalCenter', CIVIL_PROVIDER: 'CivilProvider', LEARNING_CENTER: 'LearningCenter' };
    for (const partner of partners) {
      const created = succeeded(await mutate('createPartnership', { centerId: world.homeCenter, partner, kind: 'INSTRUCTOR_EXCHANGE', since: '2025-09-01' }, 'homeOfficer'));
      expect(created).toEqual({
        id: expect.any(String), kind: 'INSTRUCTOR_EXCHANGE', since: '2025-09-01', active: true,
        center: { id: world.homeCenter }, partner: { __typename: typenames[partner.type], id: partner.id },
      });
      // The partner's own subgraph resolves it, and the partnership shows on the partner.
      const data = await query(
        `query($centerId: ID!) { learningCenter(id: $centerId) { partnerships { id partner { __typename
          ... on School { name partnerships { id } } ... on Library { name partnerships { id } } ... on CulturalCenter { name partnerships { id } }
          ... on CivilProvider { name partnerships { id } } ... on LearningCenter { name } } } } }`,
        { centerId: world.homeCenter },
      );
      const listed = data.learningCenter.partnerships.find((p: { id: string }) => p.id === created.id);
      expect(listed.partner.name.length).toBeGreaterThan(0);
      if (partner.type !== 'LEARNING_CENTER') expect(listed.partner.partnerships.map((p: { id: string }) => p.id)).toContain(created.id);
    }
  });

  it("starts a partnership today (in Seoul) when no date is given", async () => {
    const before = seoulToday();
    const created = succeeded(await mutate('createPartnership', { centerId: world.homeCenter, partner: freshPartner(), kind: 'VENUE_SHARING' }));
    expect([before, seoulToday()]).toContain(created.since);
  });

  it('answers NOT_FOUND for a partner of any kind that does not exist, and for an unknown center, writing nothing', async () => {
    const before = await partnershipRows(world.homeCenter);
    for (const type of ['SCHOOL', 'LIBRARY', 'CULTURAL_CENTER', 'CIVIL_PROVIDER', 'LEARNING_CENTER']) {
      const payload = await mutate('createPartnership', { centerId: world.homeCenter, partner: { type, id: 'NO-SUCH-ID' }, kind: 'CO_HOSTING' });
      refused(payload, { code: 'NOT_FOUND', field: ['input', 'partner', 'id'] });
    }
    // An id of the wrong kind does not exist either: a library id is no school.
    refused(
      await mutate('createPartnership', { centerId: world.homeCenter, partner: { type: 'SCHOOL', id: world.byType.LIBRARY[0].id }, kind: 'CO_HOSTING' }),
      { code: 'NOT_FOUND', field: ['input', 'partner', 'id'] },
    );
    refused(
      await mutate('createPartnership', { centerId: 'NO-SUCH-CENTER', partner: world.byType.SCHOOL[0], kind: 'CO_HOSTING' }),
      { code: 'NOT_FOUND', field: ['input', 'centerId'] },
    );
    expect(await partnershipRows(world.homeCenter)).toEqual(before);
  });

  it('refuses a second active partnership with the same partner (CONFLICT) until the first has ended', async () => {
    const partner = freshPartner();
    const first = await make.partnership(partner);
    const before = await partnershipRows(world.homeCenter);
    refused(await mutate('createPartnership', { centerId: world.homeCenter, partner, kind: 'RESOURCE_SHARING' }, 'homeOfficer'), { code: 'CONFLICT', field: ['input', 'partner'] });
    expect(await partnershipRows(world.homeCenter)).toEqual(before);

    succeeded(await mutate('endPartnership', { id: first.id }, 'homeOfficer'));
    const again = succeeded(await mutate('createPartnership', { centerId: world.homeCenter, partner, kind: 'RESOURCE_SHARING' }, 'homeOfficer'));
    expect(again.id).not.toBe(first.id);
    const rows = (await partnershipRows(world.homeCenter)).filter((row) => row.partnerId === partner.id);
    expect(rows.map(({ id, active }) => ({ id, active })).sort((a, b) => Number(a.active) - Number(b.active))).toEqual([
      { id: first.id, active: false },
      { id: again.id, active: true },
    ]);
  });

  it('treats two centers as one pair whichever of them records the partnership', async () => {
    succeeded(await mutate('createPartnership', { centerId: world.homeCenter2, partner: { type: 'LEARNING_CENTER', id: world.awayCenter }, kind: 'CO_HOSTING' }));
    const before = await partnershipRows(world.awayCenter);
    refused(
      await mutate('createPartnership', { centerId: world.awayCenter, partner: { type: 'LEARNING_CENTER', id: world.homeCenter2 }, kind: 'CO_HOSTING' }, 'awayOfficer'),
      { code: 'CONFLICT', field: ['input', 'partner'] },
    );
    expect(await partnershipRows(world.awayCenter)).toEqual(before);
  });

  it('refuses a center partnering itself and a start date in the future, naming the fields', async () => {
    const before = await partnershipRows(world.homeCenter);
    refused(
      await mutate('createPartnership', { centerId: world.homeCenter, partner: { type: 'LEARNING_CENTER', id: world.homeCenter }, kind: 'CO_HOSTING' }),
      { code: 'INVALID_INPUT', field: ['input', 'partner', 'id'] },
    );
    refused(
      await mutate('createPartnership', { centerId: world.homeCenter, partner: world.freshPartners[0], kind: 'CO_HOSTING', since: '2999-01-01' }),
      { code: 'INVALID_INPUT', field: ['input', 'since'] },
    );
    refused(
      await mutate('createPartnership', { centerId: world.homeCenter, partner: world.freshPartners[0], kind: 'CO_HOSTING', idempotencyKey: '   ' }),
      { code: 'INVALID_INPUT', field: ['input', 'idempotencyKey'] },
    );
    expect(await partnershipRows(world.homeCenter)).toEqual(before);
  });

  it('returns the same partnership when a create is retried with the same idempotency key', async () => {
    const input = { centerId: world.homeCenter, partner: freshPartner(), kind: 'CO_HOSTING', idempotencyKey: randomUUID() };
    const first = succeeded(await mutate('createPartnership', input, 'homeOfficer'));
    const retry = succeeded(await mutate('createPartnership', input, 'homeOfficer'));
    expect(retry).toEqual(first);
    expect((await partnershipRows(world.homeCenter)).filter((row) => row.partnerId === input.partner.id)).toHaveLength(1);
  });

  it('ends a partnership but keeps it on record; ending it again changes nothing; an unknown id is NOT_FOUND', async () => {
    const { id } = await make.partnership();
    const ended = succeeded(await mutate('endPartnership', { id }, 'homeOfficer'));
    expect(ended).toMatchObject({ id, active: false, since: '2024-03-01' });
    const afterEnd = await partnershipRows(world.homeCenter);
    expect(afterEnd.find((row) => row.id === id)).toMatchObject({ active: false });

    expect(succeeded(await mutate('endPartnership', { id }, 'homeOfficer'))).toEqual(ended);
    expect(await partnershipRows(world.homeCenter)).toEqual(afterEnd);
    refused(await mutate('endPartnership', { id: 'PS-none' }), { code: 'NOT_FOUND', field: ['input', 'id'] });
  });

  describe('when the subgraph owning the partner cannot be reached', () => {
    let isolated: RunningSubgraph;
    let secret: string;
    beforeAll(async () => {
      // A second centers service on the same database, configured with a gateway (its entity relay) that is not there.
      const deadPort = await new Promise<number>((resolve) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
          const { port } = server.address() as { port: number };
          server.close(() => resolve(port));
        });
      });
      const config = loadConfig({ ...testStack().env, GATEWAY_URL: `http://127.0.0.1:${deadPort}/graphql` }, { service: 'centers' });
      secret = config.gatewaySecret;
      isolated = await startSubgraph(centersSubgraph, config, 0);
    });
    afterAll(async () => {
      await isolated?.stop();
    });

    it('answers a user error that says so and writes nothing', async () => {
      const before = await partnershipRows(world.homeCenter);
      const payload = await mutate('createPartnership', { centerId: world.homeCenter, partner: freshPartner('LIBRARY'), kind: 'CO_HOSTING' }, 'cityAdmin', isolated.url, {
        [GATEWAY_SECRET_HEADER]: secret,
      });
      refused(payload, { code: 'UNAVAILABLE', field: ['input', 'partner', 'id'] });
      expect(payload.userErrors[0].message).toMatch(/could not be checked/);
      expect(await partnershipRows(world.homeCenter)).toEqual(before);
    });
  });
});

describe('learning communities', () => {
  it("creates a community of a center and updates only the fields given, for the district's expert", async () => {
    const created = succeeded(
      await mutate('createLearningCommunity', { centerId: world.homeCenter, name: '  마을 기록 모임  ', track: 'LOCAL_PROBLEM_SOLVING', memberCount: 9 }, 'homeExpert'),
    );
    expect(created).toEqual({ id: expect.any(String), name: '마을 기록 모임', track: 'LOCAL_PROBLEM_SOLVING', memberCount: 9, center: { id: world.homeCenter } });
    const listed = await query('query($id: ID!) { learningCenter(id: $id) { communities { id name } } }', { id: world.homeCenter });
    expect(listed.learningCenter.communities).toContainEqual({ id: created.id, name: '마을 기록 모임' });

    const updated = succeeded(await mutate('updateLearningCommunity', { id: created.id, memberCount: 14 }, 'homeExpert'));
    expect(updated).toEqual({ ...created, memberCount: 14 });
    expect((await communityRows(world.homeCenter)).find((row) => row.id === created.id)).toEqual({ id: created.id, name: '마을 기록 모임', track: 'LOCAL_PROBLEM_SOLVING', memberCount: 14 });
  });

  it('answers bad inputs with user errors on every field at fault and changes nothing', async () => {
    const before = await communityRows(world.homeCenter);
    refused(
      await mutate('createLearningCommunity', { centerId: world.homeCenter, name: '   ', track: 'LIFE_CULTURE', memberCount: 0 }),
      { code: 'INVALID_INPUT', field: ['input', 'name'] },
      { code: 'INVALID_INPUT', field: ['input', 'memberCount'] },
    );
    refused(
      await mutate('createLearningCommunity', { centerId: world.homeCenter, name: '가'.repeat(101), track: 'LIFE_CULTURE', memberCount: 10_001 }),
      { code: 'INVALID_INPUT', field: ['input', 'name'] },
      { code: 'INVALID_INPUT', field: ['input', 'memberCount'] },
    );
    refused(await mutate('createLearningCommunity', { centerId: 'NO-SUCH-CENTER', name: '모임', track: 'LIFE_CULTURE', memberCount: 5 }), {
      code: 'NOT_FOUND',
      field: ['input', 'centerId'],
    });
    const community = await make.community();
    const withCommunity = await communityRows(world.homeCenter);
    refused(await mutate('updateLearningCommunity', { id: community.id, name: null, memberCount: -3 }), { code: 'INVALID_INPUT', field: ['input', 'name'] }, {
      code: 'INVALID_INPUT',
      field: ['input', 'memberCount'],
    });
    refused(await mutate('updateLearningCommunity', { id: 'LCM-none', memberCount: 3 }), { code: 'NOT_FOUND', field: ['input', 'id'] });
    expect(await communityRows(world.homeCenter)).toEqual(withCommunity);
    expect(withCommunity.filter((row) => !before.some((old) => old.id === row.id))).toHaveLength(1);
  });

  it('returns the same community when a create is retried with the same idempotency key', async () => {
    const input = { centerId: world.homeCenter, name: '다시 보내도 하나', track: 'LIFE_CULTURE', memberCount: 6, idempotencyKey: randomUUID() };
    const first = succeeded(await mutate('createLearningCommunity', input, 'homeOfficer'));
    expect(succeeded(await mutate('createLearningCommunity', input, 'homeOfficer'))).toEqual(first);
    expect((await communityRows(world.homeCenter)).filter((row) => row.name === input.name)).toHaveLength(1);
  });
});

describe('experts', () => {
  it('adds an expert to a district with each duty once, assigns them to a center and back to the whole district', async () => {
    const created = succeeded(
      await mutate('createExpert', { districtCode: HOME, name: '김배움', duties: ['RESOURCE_DISCOVERY', 'PROGRAM_DEVELOPMENT', 'RESOURCE_DISCOVERY'] }, 'homeOfficer'),
    );
    expect(created).toEqual({ id: expect.any(String), name: '김배움', duties: ['PROGRAM_DEVELOPMENT', 'RESOURCE_DISCOVERY'], district: { code: HOME }, center: null });

    const assigned = succeeded(await mutate('assignExpert', { expertId: created.id, centerId: world.homeCenter }, 'homeOfficer'));
    expect(assigned).toEqual({ ...created, center: { id: world.homeCenter } });
    const atCenter = await query('query($id: ID!) { learningCenter(id: $id) { experts { id } } }', { id: world.homeCenter });
    expect(atCenter.learningCenter.experts).toContainEqual({ id: created.id });

    const reDuty = succeeded(await mutate('assignExpert', { expertId: created.id, duties: ['COMMUNITY_SUPPORT'] }, 'homeOfficer'));
    expect(reDuty).toEqual({ ...created, center: { id: world.homeCenter }, duties: ['COMMUNITY_SUPPORT'] });

    const unassigned = succeeded(await mutate('assignExpert', { expertId: created.id, centerId: null }, 'homeOfficer'));
    expect(unassigned).toEqual({ ...created, duties: ['COMMUNITY_SUPPORT'], center: null });
    expect((await expertRows(HOME)).find((row) => row.id === created.id)).toEqual({ id: created.id, name: '김배움', centerId: null, duties: ['COMMUNITY_SUPPORT'] });
  });

  it("refuses no duties, a blank name, a center of another district and unknown ids, changing nothing", async () => {
    const expert = await make.expert();
    const before = await expertRows(HOME);
    refused(await mutate('createExpert', { districtCode: HOME, name: ' ', duties: [] }), { code: 'INVALID_INPUT', field: ['input', 'name'] }, {
      code: 'INVALID_INPUT',
      field: ['input', 'duties'],
    });
    refused(await mutate('createExpert', { districtCode: '99999', name: '이름', duties: ['LEARNER_COUNSELING'] }), { code: 'NOT_FOUND', field: ['input', 'districtCode'] });
    refused(await mutate('assignExpert', { expertId: expert.id, duties: [] }), { code: 'INVALID_INPUT', field: ['input', 'duties'] });
    refused(await mutate('assignExpert', { expertId: expert.id, centerId: world.awayCenter }), { code: 'INVALID_INPUT', field: ['input', 'centerId'] });
    refused(await mutate('assignExpert', { expertId: expert.id, centerId: 'NO-SUCH-CENTER' }), { code: 'NOT_FOUND', field: ['input', 'centerId'] });
    refused(await mutate('assignExpert', { expertId: 'EX-none', centerId: null }), { code: 'NOT_FOUND', field: ['input', 'expertId'] });
    expect(await expertRows(HOME)).toEqual(before);
  });

  it('returns the same expert when a create is retried with the same idempotency key', async () => {
    const input = { districtCode: HOME, name: '한 번만 전문가', duties: ['LEARNER_COUNSELING'], idempotencyKey: randomUUID() };
    const before = await expertRows(HOME);
    const first = succeeded(await mutate('createExpert', input, 'homeOfficer'));
    expect(succeeded(await mutate('createExpert', input, 'homeOfficer'))).toEqual(first);
    expect(await expertRows(HOME)).toHaveLength(before.length + 1);
  });
});

describe('city support', () => {
  it('records support for a district and year, then corrects its amount and clears its note', async () => {
    const year = await unusedYear(HOME, 'FINANCIAL', 2060);
    const recorded = succeeded(await mutate('recordCitySupport', { districtCode: HOME, kind: 'FINANCIAL', year, amountKrw: 80_000_000, note: ' 운영비 ' }));
    expect(recorded).toEqual({ id: expect.any(String), kind: 'FINANCIAL', year, amountKrw: 80_000_000, note: '운영비', district: { code: HOME } });
    const listed = await query('query($code: ID!) { district(code: $code) { citySupport { id year } } }', { code: HOME });
    expect(listed.district.citySupport).toContainEqual({ id: recorded.id, year });

    expect(succeeded(await mutate('updateCitySupport', { id: recorded.id, amountKrw: 0 }))).toEqual({ ...recorded, amountKrw: 0 });
    expect(succeeded(await mutate('updateCitySupport', { id: recorded.id, note: null }))).toEqual({ ...recorded, amountKrw: 0, note: null });
    expect((await supportRows(HOME)).find((row) => row.id === recorded.id)).toEqual({ id: recorded.id, kind: 'FINANCIAL', year, amountKrw: 0, note: null });
  });

  it('refuses years outside 2000..2100, negative amounts, long notes, unknown ids and a second record of the same kind and year', async () => {
    const support = await make.support();
    const before = await supportRows(HOME);
    refused(
      await mutate('recordCitySupport', { districtCode: HOME, kind: 'FINANCIAL', year: 1999, amountKrw: -1, note: '가'.repeat(501) }),
      { code: 'INVALID_INPUT', field: ['input', 'year'] },
      { code: 'INVALID_INPUT', field: ['input', 'amountKrw'] },
      { code: 'INVALID_INPUT', field: ['input', 'note'] },
    );
    refused(await mutate('recordCitySupport', { districtCode: HOME, kind: 'FINANCIAL', year: 2101 }), { code: 'INVALID_INPUT', field: ['input', 'year'] });
    refused(await mutate('recordCitySupport', { districtCode: '99999', kind: 'FINANCIAL', year: 2030 }), { code: 'NOT_FOUND', field: ['input', 'districtCode'] });
    refused(await mutate('recordCitySupport', { districtCode: HOME, kind: support.kind, year: support.year, amountKrw: 1 }), { code: 'CONFLICT', field: ['input', 'year'] });
    refused(await mutate('updateCitySupport', { id: support.id, amountKrw: -5 }), { code: 'INVALID_INPUT', field: ['input', 'amountKrw'] });
    refused(await mutate('updateCitySupport', { id: 'CS-none', amountKrw: 5 }), { code: 'NOT_FOUND', field: ['input', 'id'] });
    expect(await supportRows(HOME)).toEqual(before);
  });

  it('returns the same record when a recording is retried with the same idempotency key', async () => {
    const input = { districtCode: HOME, kind: 'EXPERT_STAFFING', year: await unusedYear(HOME, 'EXPERT_STAFFING', 2070), amountKrw: 40_000_000, idempotencyKey: randomUUID() };
    const first = succeeded(await mutate('recordCitySupport', input));
    expect(succeeded(await mutate('recordCitySupport', input))).toEqual(first);
    expect((await supportRows(HOME)).filter((row) => row.kind === input.kind && row.year === input.year)).toHaveLength(1);
  });
});

describe('coverage after writes', () => {
  it('counts a new partnership, keeps an ended one in partnershipCount but not among the active ones', async () => {
    const before = await coverageOf(HOME);
    const { id } = await make.partnership();
    const created = await coverageOf(HOME);
    expect(created).toMatchObject({ partnershipCount: before.partnershipCount + 1, activePartnershipCount: before.activePartnershipCount + 1 });
    succeeded(await mutate('endPartnership', { id }));
    expect(await coverageOf(HOME)).toMatchObject({ partnershipCount: before.partnershipCount + 1, activePartnershipCount: before.activePartnershipCount });
  });

  it("counts a new expert in the district's expertCount, and no other district's", async () => {
    const [home, away] = await Promise.all([coverageOf(HOME), coverageOf(AWAY)]);
    await make.expert();
    const [homeAfter, awayAfter] = await Promise.all([coverageOf(HOME), coverageOf(AWAY)]);
    expect(homeAfter.expertCount).toBe(home.expertCount + 1);
    expect(homeAfter.meetsExpertMinimum).toBe(homeAfter.expertCount >= 2);
    expect(awayAfter).toEqual(away);
  });
});
