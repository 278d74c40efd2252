/**
 * Notices to residents through the gateway: the district's experts and officers and the city publish, change and
 * withdraw them; anyone (anonymous included) reads the published ones; bad input is refused field by field.
 */
import type { TokenClaims } from '../../lib/auth';
import { Notice } from '../../subgraphs/centers/notices/notice.entity';
import type { Orm } from '../../lib/subgraph/orm';
import {
  analyst,
  cityAdmin,
  districtOfficer,
  educationOffice,
  expert,
  institution,
  resident,
  tokenOf,
} from '../support/actors';
import { codes, mutate, type Payload } from '../support/mutations';
import { fresh, RUN } from '../support/names';
import { graphql, openSubgraphDatabase, testStack } from '../support/stack';

const HOME = '11680';
const AWAY = '11110';
const NOTICE = 'notice { id title body startsOn endsOn status district { code } center { id } }';
const INPUT_TYPES: Record<string, string> = {
  publishNotice: 'PublishNoticeInput',
  updateNotice: 'UpdateNoticeInput',
  withdrawNotice: 'WithdrawNoticeInput',
};

const HOME_EXPERT = expert(HOME, 'notice-test-expert');
const HOME_OFFICER = districtOfficer(HOME, 'notice-test-officer');
const AWAY_EXPERT = expert(AWAY, 'notice-test-away-expert');
const ADMIN = cityAdmin('notice-test-admin');

async function call(mutation: string, input: Record<string, unknown>, caller: TokenClaims | null): Promise<Payload> {
  return mutate({
    mutation,
    inputType: INPUT_TYPES[mutation],
    input,
    selection: NOTICE,
    token: await tokenOf(caller),
  });
}

async function read(text: string, variables: Record<string, unknown> = {}): Promise<any> {
  const { data, errors } = await graphql(testStack().gatewayUrl, text, variables);
  expect(errors).toBeUndefined();
  return data;
}

/** Today in Seoul, and a day `days` from it, as YYYY-MM-DD. */
const seoulDay = (days = 0) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

let orm: Orm;
let homeCenter: string;
let awayCenter: string;

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  const data = await read(
    `query($home: ID!, $away: ID!) {
      home: learningCenters(filter: { districtCode: $home }, first: 1) { edges { node { id } } }
      away: learningCenters(filter: { districtCode: $away }, first: 1) { edges { node { id } } }
    }`,
    { home: HOME, away: AWAY },
  );
  homeCenter = data.home.edges[0].node.id;
  awayCenter = data.away.edges[0].node.id;
});
afterAll(() => orm.close());

/** A notice of the home center, current today, as the home expert publishes it. */
async function publishCurrent(extra: Record<string, unknown> = {}, caller: TokenClaims = HOME_EXPERT) {
  const payload = await call(
    'publishNotice',
    {
      centerId: homeCenter,
      title: fresh('휴관 안내'),
      body: '이번 주 토요일은 쉽니다.',
      startsOn: seoulDay(-1),
      endsOn: seoulDay(3),
      ...extra,
    },
    caller,
  );
  expect(payload.userErrors).toEqual([]);
  return payload.notice;
}

const noticeIds = (notices: { id: string }[] | null) => (notices ?? []).map((notice) => notice.id);

describe('publishing notices', () => {
  it("lets the district's expert publish a center notice that anyone reads, anonymous included", async () => {
    const notice = await publishCurrent({ title: `  ${fresh('주말 휴관')}  ` });
    expect(notice).toEqual({
      id: expect.stringMatching(/^NTC-/),
      title: expect.stringMatching(/^주말 휴관 /),
      body: '이번 주 토요일은 쉽니다.',
      startsOn: seoulDay(-1),
      endsOn: seoulDay(3),
      status: 'PUBLISHED',
      district: { code: HOME },
      center: { id: homeCenter },
    });
    const data = await read(
      `query($center: ID!, $district: ID!) {
        notices(filter: { centerId: $center }, first: 100) { edges { node { id title } } }
        learningCenter(id: $center) { notices { id } }
        district(code: $district) { notices { id } }
      }`,
      { center: homeCenter, district: HOME },
    );
    expect(data.notices.edges.map((edge: any) => edge.node)).toContainEqual({ id: notice.id, title: notice.title });
    expect(noticeIds(data.learningCenter.notices)).toContain(notice.id);
    expect(noticeIds(data.district.notices)).toContain(notice.id);
  });

  it("lets the district's officer publish a district notice and the city admin publish in any district", async () => {
    const byOfficer = await call(
      'publishNotice',
      { districtCode: HOME, title: fresh('구 공지'), body: '본문', startsOn: seoulDay(), endsOn: seoulDay() },
      HOME_OFFICER,
    );
    expect(byOfficer.userErrors).toEqual([]);
    expect(byOfficer.notice).toMatchObject({ district: { code: HOME }, center: null });
    const byAdmin = await publishCurrent({ centerId: awayCenter }, ADMIN);
    expect(byAdmin.district).toEqual({ code: AWAY });
    const data = await read('query($code: ID!) { district(code: $code) { notices { id } } }', { code: HOME });
    expect(noticeIds(data.district.notices)).toContain(byOfficer.notice.id);
  });

  it('refuses anonymous callers, roles that do not publish, and experts or officers of another district', async () => {
    const input = {
      centerId: homeCenter,
      title: fresh('공지'),
      body: '본문',
      startsOn: seoulDay(),
      endsOn: seoulDay(),
    };
    expect(codes(await call('publishNotice', input, null))).toEqual(['UNAUTHENTICATED']);
    for (const caller of [
      resident(`R-${RUN}`),
      analyst('notice-test-analyst'),
      educationOffice('7021000', 'notice-test-office'),
      institution(`LearningCenter:${homeCenter}`, 'notice-test-center'),
    ])
      expect(codes(await call('publishNotice', input, caller))).toEqual(['FORBIDDEN']);
    const away = await call('publishNotice', input, AWAY_EXPERT);
    expect(away.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: ['input', 'centerId'] })]);
    const awayOfficer = await call(
      'publishNotice',
      { ...input, centerId: undefined, districtCode: HOME },
      districtOfficer(AWAY, 'notice-test-away-officer'),
    );
    expect(awayOfficer.userErrors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', field: ['input', 'districtCode'] }),
    ]);
    expect(await orm.em.fork().count(Notice, { title: input.title })).toBe(0);
  });

  it('answers bad input with user errors on every field at fault and publishes nothing', async () => {
    const bad = await call(
      'publishNotice',
      { centerId: homeCenter, title: '   ', body: '가'.repeat(5001), startsOn: '2026-05-10', endsOn: '2026-05-09' },
      HOME_EXPERT,
    );
    expect(bad.notice).toBeNull();
    expect(bad.userErrors.map(({ code, field }) => ({ code, field }))).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'title'] },
      { code: 'INVALID_INPUT', field: ['input', 'body'] },
      { code: 'INVALID_INPUT', field: ['input', 'endsOn'] },
    ]);
    const tooLongTitle = await call(
      'publishNotice',
      { centerId: homeCenter, title: '가'.repeat(201), body: '본문', startsOn: seoulDay(), endsOn: seoulDay() },
      HOME_EXPERT,
    );
    expect(tooLongTitle.userErrors.map((error) => error.field)).toEqual([['input', 'title']]);
    const both = await call(
      'publishNotice',
      {
        centerId: homeCenter,
        districtCode: HOME,
        title: '공지',
        body: '본문',
        startsOn: seoulDay(),
        endsOn: seoulDay(),
      },
      HOME_EXPERT,
    );
    expect(both.userErrors.map((error) => error.field)).toEqual([['input', 'centerId']]);
    const neither = await call(
      'publishNotice',
      { title: '공지', body: '본문', startsOn: seoulDay(), endsOn: seoulDay() },
      HOME_EXPERT,
    );
    expect(neither.userErrors.map((error) => error.field)).toEqual([['input', 'centerId']]);
    const unknownCenter = await call(
      'publishNotice',
      { centerId: 'NO-SUCH-CENTER', title: '공지', body: '본문', startsOn: seoulDay(), endsOn: seoulDay() },
      HOME_EXPERT,
    );
    expect(unknownCenter.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'centerId'] }),
    ]);
    const unknownDistrict = await call(
      'publishNotice',
      { districtCode: '99999', title: '공지', body: '본문', startsOn: seoulDay(), endsOn: seoulDay() },
      ADMIN,
    );
    expect(unknownDistrict.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'districtCode'] }),
    ]);
  });

  it('publishes once for a retried idempotency key', async () => {
    const input = {
      centerId: homeCenter,
      title: fresh('재시도 공지'),
      body: '본문',
      startsOn: seoulDay(),
      endsOn: seoulDay(1),
      idempotencyKey: `notice-${RUN}`,
    };
    const first = await call('publishNotice', input, HOME_EXPERT);
    const retry = await call('publishNotice', input, HOME_EXPERT);
    expect(retry).toEqual(first);
    expect(await orm.em.fork().count(Notice, { title: input.title })).toBe(1);
  });
});

describe('reading notices by period', () => {
  it('shows a notice of a later period only for activeOn days within it, and not among the current ones', async () => {
    const later = await publishCurrent({ startsOn: seoulDay(10), endsOn: seoulDay(12) });
    const data = await read(
      `query($center: ID!, $inside: Date!, $outside: Date!) {
        inside: notices(filter: { centerId: $center, activeOn: $inside }, first: 100) { edges { node { id } } }
        outside: notices(filter: { centerId: $center, activeOn: $outside }, first: 100) { edges { node { id } } }
        learningCenter(id: $center) { notices { id } }
      }`,
      { center: homeCenter, inside: seoulDay(12), outside: seoulDay(13) },
    );
    expect(data.inside.edges.map((edge: any) => edge.node.id)).toContain(later.id);
    expect(data.outside.edges.map((edge: any) => edge.node.id)).not.toContain(later.id);
    expect(noticeIds(data.learningCenter.notices)).not.toContain(later.id);
  });

  it('pages notices as a Relay connection, latest first', async () => {
    const data = await read(
      'query($d: ID!) { notices(filter: { districtCode: $d }, first: 2) { totalCount edges { node { startsOn } } pageInfo { hasNextPage endCursor } } }',
      { d: HOME },
    );
    expect(data.notices.totalCount).toBeGreaterThan(2);
    expect(data.notices.pageInfo.hasNextPage).toBe(true);
    const next = await read(
      'query($d: ID!, $after: String) { notices(filter: { districtCode: $d }, first: 2, after: $after) { edges { node { startsOn } } } }',
      { d: HOME, after: data.notices.pageInfo.endCursor },
    );
    const days = [...data.notices.edges, ...next.notices.edges].map((edge: any) => edge.node.startsOn);
    expect([...days].sort().reverse()).toEqual(days);
  });
});

describe('changing and withdrawing notices', () => {
  it('changes only the fields given and refuses a period that would end before it starts', async () => {
    const notice = await publishCurrent();
    const updated = await call(
      'updateNotice',
      { id: notice.id, body: '  토요일과 일요일 모두 쉽니다.  ' },
      HOME_OFFICER,
    );
    expect(updated).toEqual({ notice: { ...notice, body: '토요일과 일요일 모두 쉽니다.' }, userErrors: [] });
    const backwards = await call('updateNotice', { id: notice.id, endsOn: seoulDay(-2) }, HOME_EXPERT);
    expect(backwards.userErrors.map(({ code, field }) => ({ code, field }))).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'endsOn'] },
    ]);
    const nulls = await call('updateNotice', { id: notice.id, title: null, body: '' }, HOME_EXPERT);
    expect(nulls.userErrors.map((error) => error.field)).toEqual([
      ['input', 'title'],
      ['input', 'body'],
    ]);
    expect(codes(await call('updateNotice', { id: notice.id, title: '남의 구' }, AWAY_EXPERT))).toEqual(['FORBIDDEN']);
    expect(codes(await call('updateNotice', { id: notice.id, title: '주민' }, resident(`R-${RUN}`)))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await call('updateNotice', { id: 'NTC-000000000000', title: '없음' }, ADMIN))).toEqual(['NOT_FOUND']);
  });

  it('withdraws a notice: readers no longer see it, it cannot be changed, and withdrawing again changes nothing', async () => {
    const notice = await publishCurrent();
    expect(codes(await call('withdrawNotice', { id: notice.id }, AWAY_EXPERT))).toEqual(['FORBIDDEN']);
    expect(codes(await call('withdrawNotice', { id: notice.id }, null))).toEqual(['UNAUTHENTICATED']);
    const withdrawn = await call('withdrawNotice', { id: notice.id }, HOME_EXPERT);
    expect(withdrawn).toEqual({ notice: { ...notice, status: 'WITHDRAWN' }, userErrors: [] });
    const data = await read(
      `query($center: ID!, $district: ID!) {
        notices(filter: { centerId: $center }, first: 100) { edges { node { id } } }
        learningCenter(id: $center) { notices { id } }
        district(code: $district) { notices { id } }
      }`,
      { center: homeCenter, district: HOME },
    );
    expect(data.notices.edges.map((edge: any) => edge.node.id)).not.toContain(notice.id);
    expect(noticeIds(data.learningCenter.notices)).not.toContain(notice.id);
    expect(noticeIds(data.district.notices)).not.toContain(notice.id);
    expect(codes(await call('updateNotice', { id: notice.id, title: '되살리기' }, HOME_EXPERT))).toEqual(['NOT_FOUND']);
    expect(await call('withdrawNotice', { id: notice.id }, ADMIN)).toEqual(withdrawn);
  });
});
