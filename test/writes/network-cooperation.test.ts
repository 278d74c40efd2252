/**
 * Districts in the city's cooperation model, through the gateway: every district's agreement (kept by the city),
 * the kinds of support in Korean and English, and a district officer's requests for support that the city grants
 * (recording its support), declines or the district withdraws; who may do and see what, and bad input refused.
 */
import { randomUUID } from 'node:crypto';
import type { TokenClaims } from '../../lib/auth';
import type { Orm } from '../../lib/subgraph/orm';
import { CitySupport } from '../../subgraphs/centers/network/city-support.entity';
import { SupportRequest } from '../../subgraphs/centers/network/support-request.entity';
import { buildNetwork } from '../../seed/network';
import { analyst, cityAdmin, districtOfficer, expert, resident, tokenOf } from '../support/actors';
import { codes, mutate, type Payload } from '../support/mutations';
import { fresh } from '../support/names';
import { graphql, openSubgraphDatabase, testStack } from '../support/stack';

const HOME = '11680';
const AWAY = '11110';
/** Guro-gu: no other suite writes there, so suspending its agreement for a moment disturbs nobody. */
const PAUSED = '11530';

const ADMIN = cityAdmin('cooperation-test-admin');
const HOME_OFFICER = districtOfficer(HOME, 'cooperation-test-officer');
const AWAY_OFFICER = districtOfficer(AWAY, 'cooperation-test-away-officer');
const PAUSED_OFFICER = districtOfficer(PAUSED, 'cooperation-test-paused-officer');
const HOME_EXPERT = expert(HOME, 'cooperation-test-expert');
const ANALYST = analyst('cooperation-test-analyst');
const RESIDENT = resident('cooperation-test-resident');

const AGREEMENT = 'cooperationAgreement { since status note updatedAt district { code } }';
const REQUEST =
  'supportRequest { id kind year note status requestedAt decidedAt declineReason district { code } citySupport { id kind year amountKrw note } }';
const CALLS: Record<string, [string, string]> = {
  setCooperationAgreement: ['SetCooperationAgreementInput', AGREEMENT],
  requestCitySupport: ['RequestCitySupportInput', REQUEST],
  grantSupportRequest: ['GrantSupportRequestInput', REQUEST],
  declineSupportRequest: ['DeclineSupportRequestInput', REQUEST],
  withdrawSupportRequest: ['SupportRequestIdInput', REQUEST],
};

async function call(mutation: string, input: Record<string, unknown>, caller: TokenClaims | null): Promise<Payload> {
  const [inputType, selection] = CALLS[mutation];
  return mutate({ mutation, inputType, input, selection, token: await tokenOf(caller) });
}

async function read(text: string, variables: Record<string, unknown> = {}, caller: TokenClaims | null = null) {
  const { data, errors } = await graphql(testStack().gatewayUrl, text, variables, {}, { token: await tokenOf(caller) });
  expect(errors).toBeUndefined();
  return data as any;
}

/** The payload's object after a success. */
function succeeded(payload: Payload): any {
  expect(payload.userErrors).toEqual([]);
  const node = Object.keys(payload).find((key) => key !== 'userErrors')!;
  expect(payload[node]).not.toBeNull();
  return payload[node];
}

/** A refusal: exactly these codes and fields, and no object. */
function refused(payload: Payload, ...expected: { code: string; field?: string[] }[]): void {
  const node = Object.keys(payload).find((key) => key !== 'userErrors')!;
  expect(payload[node]).toBeNull();
  expect(
    payload.userErrors.map(({ code, field }, i) => (expected[i]?.field === undefined ? { code } : { code, field })),
  ).toEqual(expected);
}

let orm: Orm;
const db = () => orm.em.fork();
const requestRow = async (id: string) => {
  const row = await db().findOne(SupportRequest, id);
  return row && { status: row.status, decidedAt: row.decidedAt, citySupport: row.citySupport?.id ?? null };
};
const supportCount = (districtCode: string) => db().count(CitySupport, { district: districtCode });

/** A year with neither support recorded nor a request waiting of `kind` for the district, so each run asks anew. */
async function freeYear(districtCode: string, kind: string): Promise<number> {
  const supports = await db().find(CitySupport, { district: districtCode, kind: kind as never });
  const waiting = await db().find(SupportRequest, {
    district: districtCode,
    kind: kind as never,
    status: 'REQUESTED' as never,
  });
  const taken = new Set([...supports, ...waiting].map((row) => row.year));
  let year = 2030 + Math.floor(Math.random() * 40);
  while (taken.has(year)) year = year === 2100 ? 2000 : year + 1;
  return year;
}

/** A new waiting request of the home district, as its officer asks. */
async function newRequest(kind = 'FINANCIAL', extra: Record<string, unknown> = {}) {
  return succeeded(
    await call(
      'requestCitySupport',
      { districtCode: HOME, kind, year: await freeYear(HOME, kind), note: fresh('운영비 지원 요청'), ...extra },
      HOME_OFFICER,
    ),
  );
}

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
});
afterAll(() => orm.close());

describe('cooperation agreements', () => {
  it('shows every district’s agreement to anyone: all 25 joined, as the seed says, and are active', async () => {
    const data = await read('{ districts { code cooperationAgreement { since status } } }');
    const seeded = new Map(buildNetwork().cooperationAgreements.map((row) => [row.districtCode, row]));
    expect(data.districts).toHaveLength(25);
    for (const district of data.districts.filter((d: { code: string }) => d.code !== PAUSED)) {
      expect(district.cooperationAgreement).toEqual({ since: seeded.get(district.code)!.since, status: 'ACTIVE' });
    }
  });

  it('lets the city suspend an agreement, so the district asks for nothing, and make it active again', async () => {
    const before = (
      await read('query($c: ID!) { district(code: $c) { cooperationAgreement { since } } }', { c: PAUSED })
    ).district.cooperationAgreement;
    const suspended = succeeded(
      await call(
        'setCooperationAgreement',
        { districtCode: PAUSED, since: before.since, status: 'SUSPENDED', note: ' 운영 점검 중 ' },
        ADMIN,
      ),
    );
    expect(suspended).toEqual({
      since: before.since,
      status: 'SUSPENDED',
      note: '운영 점검 중',
      updatedAt: expect.any(String),
      district: { code: PAUSED },
    });
    const request = { districtCode: PAUSED, kind: 'CONSULTING', year: 2031, note: '컨설팅 요청' };
    refused(await call('requestCitySupport', request, PAUSED_OFFICER), {
      code: 'CONFLICT',
      field: ['input', 'districtCode'],
    });
    const active = succeeded(
      await call('setCooperationAgreement', { districtCode: PAUSED, since: before.since, status: 'ACTIVE' }, ADMIN),
    );
    expect(active).toMatchObject({ status: 'ACTIVE', note: null });
    const asked = succeeded(
      await call('requestCitySupport', { ...request, year: await freeYear(PAUSED, 'CONSULTING') }, PAUSED_OFFICER),
    );
    expect(asked.status).toBe('REQUESTED');
    succeeded(await call('withdrawSupportRequest', { id: asked.id }, PAUSED_OFFICER));
  });

  it('lets only the city record agreements, and refuses a future date, a long note and an unknown district', async () => {
    const input = { districtCode: HOME, since: '2019-03-01', status: 'ENDED' };
    for (const caller of [HOME_OFFICER, HOME_EXPERT, ANALYST, RESIDENT])
      expect(codes(await call('setCooperationAgreement', input, caller))).toEqual(['FORBIDDEN']);
    expect(codes(await call('setCooperationAgreement', input, null))).toEqual(['UNAUTHENTICATED']);
    refused(
      await call('setCooperationAgreement', { ...input, since: '2999-01-01', note: '가'.repeat(501) }, ADMIN),
      { code: 'INVALID_INPUT', field: ['input', 'since'] },
      { code: 'INVALID_INPUT', field: ['input', 'note'] },
    );
    refused(await call('setCooperationAgreement', { ...input, districtCode: '99999' }, ADMIN), {
      code: 'NOT_FOUND',
      field: ['input', 'districtCode'],
    });
    const home = await read('query($c: ID!) { district(code: $c) { cooperationAgreement { status } } }', { c: HOME });
    expect(home.district.cooperationAgreement.status).toBe('ACTIVE');
  });
});

describe('the kinds of support', () => {
  it('names each kind in Korean and English, in the list and in the enum’s descriptions', async () => {
    const data = await read(
      '{ citySupportKinds { kind nameKo nameEn description } __type(name: "CitySupportKind") { enumValues { name description } } }',
    );
    expect(data.citySupportKinds.map((k: any) => [k.kind, k.nameKo, k.nameEn])).toEqual([
      ['EXPERT_STAFFING', '전문인력 지원', 'Expert staff'],
      ['FINANCIAL', '재정 지원', 'Financial support'],
      ['CONSULTING', '맞춤형 컨설팅', 'Custom consulting'],
    ]);
    for (const kind of data.citySupportKinds) {
      const value = data.__type.enumValues.find((v: { name: string }) => v.name === kind.kind);
      expect(value.description).toContain(kind.nameKo);
      expect(value.description).toContain(kind.description);
    }
  });
});

describe('requests for support', () => {
  it('lets the district officer ask, the city grant with an amount, and records the support of that year', async () => {
    const before = await supportCount(HOME);
    const asked = await newRequest('FINANCIAL', { note: '  주민 강사 수당 지원  ' });
    expect(asked).toEqual({
      id: expect.stringMatching(/^SR-/),
      kind: 'FINANCIAL',
      year: expect.any(Number),
      note: '주민 강사 수당 지원',
      status: 'REQUESTED',
      requestedAt: expect.any(String),
      decidedAt: null,
      declineReason: null,
      district: { code: HOME },
      citySupport: null,
    });
    const granted = succeeded(
      await call('grantSupportRequest', { id: asked.id, amountKrw: 25_000_000, note: '강사 수당' }, ADMIN),
    );
    expect(granted).toEqual({
      ...asked,
      status: 'GRANTED',
      decidedAt: expect.any(String),
      citySupport: {
        id: expect.any(String),
        kind: 'FINANCIAL',
        year: asked.year,
        amountKrw: 25_000_000,
        note: '강사 수당',
      },
    });
    expect(await supportCount(HOME)).toBe(before + 1);
    const listed = await read('query($c: ID!) { district(code: $c) { citySupport { id year kind } } }', { c: HOME });
    expect(listed.district.citySupport).toContainEqual({
      id: granted.citySupport.id,
      year: asked.year,
      kind: 'FINANCIAL',
    });
    expect(await requestRow(asked.id)).toEqual({
      status: 'GRANTED',
      decidedAt: granted.decidedAt,
      citySupport: granted.citySupport.id,
    });
  });

  it('grants support in kind without an amount, but not FINANCIAL support, and not support recorded already', async () => {
    const staffing = await newRequest('EXPERT_STAFFING');
    expect(succeeded(await call('grantSupportRequest', { id: staffing.id }, ADMIN)).citySupport).toMatchObject({
      kind: 'EXPERT_STAFFING',
      amountKrw: null,
    });

    const money = await newRequest('FINANCIAL');
    refused(await call('grantSupportRequest', { id: money.id }, ADMIN), {
      code: 'INVALID_INPUT',
      field: ['input', 'amountKrw'],
    });
    refused(await call('grantSupportRequest', { id: money.id, amountKrw: -1 }, ADMIN), {
      code: 'INVALID_INPUT',
      field: ['input', 'amountKrw'],
    });
    const recorded = await mutate({
      mutation: 'recordCitySupport',
      inputType: 'RecordCitySupportInput',
      input: { districtCode: HOME, kind: 'FINANCIAL', year: money.year, amountKrw: 1 },
      selection: 'citySupport { id }',
      token: await tokenOf(ADMIN),
    });
    expect(recorded.userErrors).toEqual([]);
    const before = await supportCount(HOME);
    refused(await call('grantSupportRequest', { id: money.id, amountKrw: 5 }, ADMIN), {
      code: 'CONFLICT',
      field: ['input', 'id'],
    });
    expect(await supportCount(HOME)).toBe(before);
    expect(await requestRow(money.id)).toEqual({ status: 'REQUESTED', decidedAt: null, citySupport: null });
    expect(
      succeeded(await call('declineSupportRequest', { id: money.id, reason: ' 이미 지원함 ' }, ADMIN)),
    ).toMatchObject({ status: 'DECLINED', declineReason: '이미 지원함', citySupport: null });
  });

  it('answers a second decision with CONFLICT, whichever it is, and changes nothing', async () => {
    const granted = await newRequest('CONSULTING');
    succeeded(await call('grantSupportRequest', { id: granted.id }, ADMIN));
    const declined = await newRequest('EXPERT_STAFFING');
    succeeded(await call('declineSupportRequest', { id: declined.id, reason: '예산 부족' }, ADMIN));
    const withdrawn = await newRequest('FINANCIAL');
    succeeded(await call('withdrawSupportRequest', { id: withdrawn.id }, HOME_OFFICER));
    for (const { id } of [granted, declined, withdrawn]) {
      const before = await requestRow(id);
      const supports = await supportCount(HOME);
      refused(await call('grantSupportRequest', { id, amountKrw: 1 }, ADMIN), {
        code: 'CONFLICT',
        field: ['input', 'id'],
      });
      refused(await call('declineSupportRequest', { id, reason: '다시' }, ADMIN), {
        code: 'CONFLICT',
        field: ['input', 'id'],
      });
      refused(await call('withdrawSupportRequest', { id }, HOME_OFFICER), { code: 'CONFLICT', field: ['input', 'id'] });
      expect(await requestRow(id)).toEqual(before);
      expect(await supportCount(HOME)).toBe(supports);
    }
  });

  it('lets only district officers ask, for their own district, one waiting request per kind and year', async () => {
    const year = await freeYear(HOME, 'CONSULTING');
    const input = { districtCode: HOME, kind: 'CONSULTING', year, note: '컨설팅 요청' };
    for (const caller of [ADMIN, HOME_EXPERT, ANALYST, RESIDENT])
      expect(codes(await call('requestCitySupport', input, caller))).toEqual(['FORBIDDEN']);
    expect(codes(await call('requestCitySupport', input, null))).toEqual(['UNAUTHENTICATED']);
    refused(await call('requestCitySupport', input, AWAY_OFFICER), {
      code: 'FORBIDDEN',
      field: ['input', 'districtCode'],
    });
    refused(
      await call('requestCitySupport', { ...input, year: 1999, note: ' ' }, HOME_OFFICER),
      { code: 'INVALID_INPUT', field: ['input', 'year'] },
      { code: 'INVALID_INPUT', field: ['input', 'note'] },
    );
    refused(await call('requestCitySupport', { ...input, note: '가'.repeat(1001) }, HOME_OFFICER), {
      code: 'INVALID_INPUT',
      field: ['input', 'note'],
    });
    expect(await db().count(SupportRequest, { district: HOME, kind: 'CONSULTING' as never, year })).toBe(0);
    succeeded(await call('requestCitySupport', input, HOME_OFFICER));
    refused(await call('requestCitySupport', input, HOME_OFFICER), { code: 'CONFLICT', field: ['input', 'kind'] });
    expect(await db().count(SupportRequest, { district: HOME, kind: 'CONSULTING' as never, year })).toBe(1);
  });

  it('lets only the city decide, only the requesting district withdraw, and refuses an empty reason', async () => {
    const asked = await newRequest('CONSULTING');
    for (const caller of [HOME_OFFICER, HOME_EXPERT, ANALYST, RESIDENT]) {
      expect(codes(await call('grantSupportRequest', { id: asked.id }, caller))).toEqual(['FORBIDDEN']);
      expect(codes(await call('declineSupportRequest', { id: asked.id, reason: '아니오' }, caller))).toEqual([
        'FORBIDDEN',
      ]);
    }
    expect(codes(await call('grantSupportRequest', { id: asked.id }, null))).toEqual(['UNAUTHENTICATED']);
    for (const caller of [ADMIN, HOME_EXPERT, RESIDENT])
      expect(codes(await call('withdrawSupportRequest', { id: asked.id }, caller))).toEqual(['FORBIDDEN']);
    refused(await call('withdrawSupportRequest', { id: asked.id }, AWAY_OFFICER), {
      code: 'FORBIDDEN',
      field: ['input', 'id'],
    });
    refused(await call('declineSupportRequest', { id: asked.id, reason: '  ' }, ADMIN), {
      code: 'INVALID_INPUT',
      field: ['input', 'reason'],
    });
    refused(await call('grantSupportRequest', { id: 'SR-none' }, ADMIN), { code: 'NOT_FOUND', field: ['input', 'id'] });
    expect(await requestRow(asked.id)).toEqual({ status: 'REQUESTED', decidedAt: null, citySupport: null });
    expect(succeeded(await call('withdrawSupportRequest', { id: asked.id }, HOME_OFFICER)).status).toBe('WITHDRAWN');
  });

  it('returns the first request to a retry with the same idempotency key', async () => {
    const input = {
      districtCode: HOME,
      kind: 'EXPERT_STAFFING',
      year: await freeYear(HOME, 'EXPERT_STAFFING'),
      note: '전문가 추가 배치',
      idempotencyKey: randomUUID(),
    };
    const first = succeeded(await call('requestCitySupport', input, HOME_OFFICER));
    expect(succeeded(await call('requestCitySupport', input, HOME_OFFICER))).toEqual(first);
  });
});

describe('who sees requests for support', () => {
  const DISTRICT_REQUESTS = 'query($c: ID!) { district(code: $c) { supportRequests { id status } } }';
  const ALL_REQUESTS = `query($status: SupportRequestStatus, $c: ID) {
    supportRequests(status: $status, districtCode: $c, first: 100) { totalCount edges { node { id status district { code } } } } }`;

  it("shows a district's requests to its officers, the city and analysts, and to no one else", async () => {
    const asked = await newRequest('CONSULTING');
    for (const caller of [HOME_OFFICER, ADMIN, ANALYST]) {
      const data = await read(DISTRICT_REQUESTS, { c: HOME }, caller);
      expect(data.district.supportRequests).toContainEqual({ id: asked.id, status: 'REQUESTED' });
    }
    for (const caller of [AWAY_OFFICER, HOME_EXPERT, RESIDENT, null]) {
      const data = await read(DISTRICT_REQUESTS, { c: HOME }, caller);
      expect(data.district.supportRequests).toBeNull();
    }
  });

  it('lists the waiting requests city-wide for the city, and only its own district’s for an officer', async () => {
    const asked = await newRequest('FINANCIAL');
    const ids = (data: any) => data.supportRequests.edges.map((edge: any) => edge.node.id);
    const forCity = await read(ALL_REQUESTS, { status: 'REQUESTED' }, ADMIN);
    expect(ids(forCity)).toContain(asked.id);
    expect(forCity.supportRequests.edges.every((edge: any) => edge.node.status === 'REQUESTED')).toBe(true);
    const seededWaiting = buildNetwork().supportRequests.filter((row) => row.status === 'REQUESTED');
    expect(seededWaiting.length).toBeGreaterThan(0);
    expect(forCity.supportRequests.totalCount).toBeGreaterThanOrEqual(seededWaiting.length + 1);

    const forHome = await read(ALL_REQUESTS, {}, HOME_OFFICER);
    expect(ids(forHome)).toContain(asked.id);
    expect(forHome.supportRequests.edges.every((edge: any) => edge.node.district.code === HOME)).toBe(true);
    const forAway = await read(ALL_REQUESTS, {}, AWAY_OFFICER);
    expect(ids(forAway)).not.toContain(asked.id);
    expect((await read(ALL_REQUESTS, { c: HOME }, AWAY_OFFICER)).supportRequests).toBeNull();
    for (const caller of [HOME_EXPERT, RESIDENT, null])
      expect((await read(ALL_REQUESTS, {}, caller)).supportRequests).toBeNull();
    expect(ids(await read(ALL_REQUESTS, { status: 'GRANTED' }, ANALYST))).not.toContain(asked.id);
  });

  it('serves the seeded requests of every state, the granted ones linked to the support recorded', async () => {
    const seeded = buildNetwork().supportRequests;
    expect(new Set(seeded.map((row) => row.status))).toEqual(
      new Set(['REQUESTED', 'GRANTED', 'DECLINED', 'WITHDRAWN']),
    );
    const granted = seeded.find((row) => row.status === 'GRANTED')!;
    const data = await read(
      'query($c: ID!) { district(code: $c) { supportRequests { id status citySupport { id } } } }',
      { c: granted.districtCode },
      ADMIN,
    );
    expect(data.district.supportRequests).toContainEqual({
      id: granted.id,
      status: 'GRANTED',
      citySupport: { id: granted.citySupportId },
    });
  });
});
