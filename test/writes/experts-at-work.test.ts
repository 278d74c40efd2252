/**
 * Dong Lifelong Learning Experts doing their duties through the gateway, with EXPERT tokens of their district:
 * developing and operating the programs of their district's centers, `viewer.expert` linked by an officer, and
 * counseling learners without personal data (recorded, listed for the district's staff, counted for analysts).
 */
import { randomUUID } from 'node:crypto';
import type { TokenClaims } from '../../lib/auth';
import { analyst, CITY_ADMIN, districtOfficer, expert, institution, resident, tokenOf } from '../support/actors';
import { codes, mutate as mutateThroughGateway, type Payload } from '../support/mutations';
import { fresh, RUN } from '../support/names';
import { graphql } from '../support/stack';
import {
  AWAY_DISTRICT,
  DISTRICT,
  draftInput,
  fixture,
  gateway,
  mutate as programMutate,
  programRow,
  rows,
  setUpProgramWrites,
} from './programs-support';

setUpProgramWrites();

/** The expert of DISTRICT in programs-support ('expert'), and one of another district. */
const HOME_EXPERT = expert(DISTRICT);
const AWAY_EXPERT = expert(AWAY_DISTRICT, 'test-away-expert');

async function query(text: string, variables: Record<string, unknown>, claims: TokenClaims | null): Promise<any> {
  const { data, errors } = await graphql(gateway(), text, variables, {}, { token: await tokenOf(claims) });
  expect(errors).toBeUndefined();
  return data;
}

let awayCenter: string;
let homeCenters: string[];
beforeAll(async () => {
  const data = await query(
    `query($home: ID!, $away: ID!) {
      home: learningCenters(filter: { districtCode: $home }, first: 2) { edges { node { id } } }
      away: learningCenters(filter: { districtCode: $away }, first: 1) { edges { node { id } } }
    }`,
    { home: DISTRICT, away: AWAY_DISTRICT },
    null,
  );
  homeCenters = data.home.edges.map((edge: { node: { id: string } }) => edge.node.id);
  awayCenter = data.away.edges[0].node.id;
});

describe('an expert develops and operates programs of their district', () => {
  const ownProgram = () =>
    draftInput({ host: { type: 'LEARNING_CENTER', id: fixture.center.id }, title: fresh('Expert program') });

  it('creates, updates, publishes and archives a program a center of their district hosts', async () => {
    const created = await programMutate('createProgram', ownProgram(), 'expert');
    expect(created.userErrors).toEqual([]);
    expect(created.program).toMatchObject({ status: 'DRAFT', center: { id: fixture.center.id } });
    const { id } = created.program!;

    // The draft is theirs to see: by id and in the district's list of drafts.
    const seen = await query(
      `query($id: ID!, $district: ID!) {
        program(id: $id) { id status }
        programs(filter: { districtCode: $district, status: DRAFT }, first: 100) { edges { node { id } } }
      }`,
      { id, district: DISTRICT },
      HOME_EXPERT,
    );
    expect(seen.program).toEqual({ id, status: 'DRAFT' });
    expect(seen.programs.edges).toContainEqual({ node: { id } });

    const title = fresh('Renamed by the expert');
    const updated = await programMutate('updateProgram', { id, version: 1, title }, 'expert');
    expect(updated.userErrors).toEqual([]);
    expect(updated.program).toMatchObject({ id, title, version: 2 });

    const published = await programMutate('publishProgram', { id }, 'expert');
    expect(published.userErrors).toEqual([]);
    expect(published.program).toMatchObject({ id, status: 'PUBLISHED' });

    const archived = await programMutate('archiveProgram', { id }, 'expert');
    expect(archived.userErrors).toEqual([]);
    expect(archived.program).toMatchObject({ id, status: 'ARCHIVED' });
    expect(await programRow(id)).toMatchObject({ title, status: 'ARCHIVED' });
  });

  const programAs = async (mutation: string, input: Record<string, unknown>, claims: TokenClaims) =>
    mutateThroughGateway({
      mutation,
      inputType:
        mutation === 'createProgram'
          ? 'CreateProgramInput'
          : mutation === 'updateProgram'
            ? 'UpdateProgramInput'
            : 'ProgramIdInput',
      input,
      selection: 'program { id status }',
      token: await tokenOf(claims),
    });

  it("may not create a program of another district's center", async () => {
    const input = draftInput({
      centerId: awayCenter,
      host: { type: 'LEARNING_CENTER', id: awayCenter },
      title: fresh('Not theirs'),
    });
    const payload = await programMutate('createProgram', input, 'expert');
    expect(payload.program).toBeNull();
    expect(payload.userErrors).toEqual([
      { code: 'FORBIDDEN', field: ['input', 'centerId'], message: expect.stringContaining(`expert of ${DISTRICT}`) },
    ]);
    expect(await rows('select id from program where title = ?', [input.title])).toEqual([]);
  });

  it("does not see another district's drafts, and may not change its programs", async () => {
    const created = await programAs(
      'createProgram',
      draftInput({ centerId: fixture.center.id, host: { type: 'LEARNING_CENTER', id: fixture.center.id } }),
      CITY_ADMIN,
    );
    expect(created.userErrors).toEqual([]);
    const { id } = created.program;
    const before = await programRow(id);
    // For the expert of another district the draft does not exist: NOT_FOUND, as for an unknown id.
    for (const mutation of ['updateProgram', 'publishProgram', 'archiveProgram']) {
      const input = mutation === 'updateProgram' ? { id, version: 1, title: fresh('x') } : { id };
      const payload = await programAs(mutation, input, AWAY_EXPERT);
      expect(payload.program).toBeNull();
      expect(payload.userErrors).toEqual([
        { code: 'NOT_FOUND', field: ['input', 'id'], message: `There is no program ${id}.` },
      ]);
    }
    const seen = await query('query($id: ID!) { program(id: $id) { id } }', { id }, AWAY_EXPERT);
    expect(seen.program).toBeNull();
    expect(await programRow(id)).toEqual(before);

    // Published, it is public, but still not theirs to change.
    expect((await programAs('publishProgram', { id }, CITY_ADMIN)).userErrors).toEqual([]);
    const archive = await programAs('archiveProgram', { id }, AWAY_EXPERT);
    expect(codes(archive)).toEqual(['FORBIDDEN']);
    expect((await programRow(id)).status).toBe('PUBLISHED');
  });
});

const EXPERT_FIELDS = 'id name subject district { code }';
const expertAs = async (mutation: string, input: Record<string, unknown>, claims: TokenClaims) =>
  mutateThroughGateway({
    mutation,
    inputType: mutation === 'createExpert' ? 'CreateExpertInput' : 'AssignExpertInput',
    input,
    selection: `expert { ${EXPERT_FIELDS} }`,
    token: await tokenOf(claims),
  });
const VIEWER = 'query { viewer { role expert { id name subject } } }';

describe('viewer.expert', () => {
  const subject = `expert-account-${RUN}`;
  const officer = districtOfficer(DISTRICT, 'test-home-officer');

  it("is the expert record an officer linked to the token's subject, in the token's district only", async () => {
    const created = await expertAs(
      'createExpert',
      { districtCode: DISTRICT, name: '박상담', duties: ['LEARNER_COUNSELING', 'OTHER'], subject: ` ${subject} ` },
      officer,
    );
    expect(created.userErrors).toEqual([]);
    expect(created.expert).toEqual({
      id: expect.any(String),
      name: '박상담',
      subject,
      district: { code: DISTRICT },
    });
    const { id } = created.expert;

    expect((await query(VIEWER, {}, expert(DISTRICT, subject))).viewer).toEqual({
      role: 'EXPERT',
      expert: { id, name: '박상담', subject },
    });
    // The same subject acting for another district, or in another role, is not this expert.
    expect((await query(VIEWER, {}, expert(AWAY_DISTRICT, subject))).viewer.expert).toBeNull();
    expect((await query(VIEWER, {}, districtOfficer(DISTRICT, subject))).viewer.expert).toBeNull();
    // The subject is staff data: hidden from the public and from other experts.
    const read = `query($code: ID!) { district(code: $code) { experts { id subject } } }`;
    const subjectSeenBy = async (claims: TokenClaims | null) =>
      (await query(read, { code: DISTRICT }, claims)).district.experts.find((e: { id: string }) => e.id === id).subject;
    expect(await subjectSeenBy(officer)).toBe(subject);
    expect(await subjectSeenBy(null)).toBeNull();
    expect(await subjectSeenBy(HOME_EXPERT)).toBeNull();

    // One expert per subject.
    const again = await expertAs(
      'createExpert',
      { districtCode: DISTRICT, name: '김중복', duties: ['OTHER'], subject },
      officer,
    );
    expect(again.expert).toBeNull();
    expect(again.userErrors).toEqual([
      { code: 'CONFLICT', field: ['input', 'subject'], message: expect.stringContaining(id) },
    ]);

    // Unlinked, the token is nobody's record any more.
    const unlinked = await expertAs('assignExpert', { expertId: id, subject: null }, officer);
    expect(unlinked.userErrors).toEqual([]);
    expect(unlinked.expert.subject).toBeNull();
    expect((await query(VIEWER, {}, expert(DISTRICT, subject))).viewer.expert).toBeNull();
  });

  it('is linked only by those who manage the district experts', async () => {
    const payload = await expertAs(
      'createExpert',
      { districtCode: DISTRICT, name: '자기 등록', duties: ['OTHER'], subject: `self-${RUN}` },
      HOME_EXPERT,
    );
    expect(codes(payload)).toEqual(['FORBIDDEN']);
  });
});

const SESSION = 'id heldOn topic learnerKey center { id } district { code } expert { id }';
const record = async (input: Record<string, unknown>, claims: TokenClaims | null): Promise<Payload> =>
  mutateThroughGateway({
    mutation: 'recordCounselingSession',
    inputType: 'RecordCounselingSessionInput',
    input,
    selection: `counselingSession { ${SESSION} }`,
    token: await tokenOf(claims),
  });
const YEAR = 2021;
const sessionInput = (overrides: Record<string, unknown> = {}) => ({
  centerId: homeCenters[0],
  heldOn: `${YEAR}-05-10`,
  topic: 'MOTIVATION',
  learnerRef: `LC-card-${RUN}`,
  ...overrides,
});
const sessionCount = async () =>
  Number((await rows('select count(*) as n from counseling_session where district_code = ?', [DISTRICT]))[0].n);
const SUMMARY = `query($code: ID!, $year: Int!) {
  district(code: $code) { counseling(year: $year) { year sessionCount learnerCount byTopic { topic sessionCount } } }
}`;
const summaryFor = async (claims: TokenClaims | null) =>
  (await query(SUMMARY, { code: DISTRICT, year: YEAR }, claims)).district.counseling;

describe('recordCounselingSession', () => {
  const subject = `counselor-${RUN}`;
  const counselor = expert(DISTRICT, subject);
  let counselorId: string;
  beforeAll(async () => {
    const created = await expertAs(
      'createExpert',
      { districtCode: DISTRICT, name: '이상담', duties: ['LEARNER_COUNSELING'], subject },
      CITY_ADMIN,
    );
    counselorId = created.expert.id;
  });

  it('records a session by a linked expert, keeping only a digest of the learner reference', async () => {
    const input = sessionInput({ learnerRef: `LC-digest-${RUN}` });
    const payload = await record(input, counselor);
    expect(payload.userErrors).toEqual([]);
    expect(payload.counselingSession).toEqual({
      id: expect.stringMatching(/^CO-/),
      heldOn: input.heldOn,
      topic: 'MOTIVATION',
      learnerKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      center: { id: homeCenters[0] },
      district: { code: DISTRICT },
      expert: { id: counselorId },
    });
    const [row] = await rows('select * from counseling_session where id = ?', [payload.counselingSession.id]);
    expect(JSON.stringify(row)).not.toContain(input.learnerRef);

    // The same learner seen again (at another center of the district) has the same key; another learner another.
    const again = await record({ ...input, centerId: homeCenters[1], topic: 'CAREER' }, counselor);
    expect(again.counselingSession.learnerKey).toBe(payload.counselingSession.learnerKey);
    const other = await record({ ...input, learnerRef: `LC-other-${RUN}` }, counselor);
    expect(other.counselingSession.learnerKey).not.toBe(payload.counselingSession.learnerKey);
  });

  type Expected = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED';
  const cases: [string, Expected, () => TokenClaims | null][] = [
    ["an EXPERT of the center's district (not linked to a record)", 'ALLOWED', () => HOME_EXPERT],
    ["the center's DISTRICT_OFFICER", 'ALLOWED', () => districtOfficer(DISTRICT, 'test-home-officer')],
    ['a CITY_ADMIN', 'ALLOWED', () => CITY_ADMIN],
    ['an EXPERT of another district', 'FORBIDDEN', () => AWAY_EXPERT],
    ['a DISTRICT_OFFICER of another district', 'FORBIDDEN', () => districtOfficer(AWAY_DISTRICT, 'test-away')],
    ['the learning center as INSTITUTION', 'FORBIDDEN', () => institution(`LearningCenter:${homeCenters[0]}`, 'c')],
    ['an ANALYST', 'FORBIDDEN', () => analyst('test-analyst')],
    ['a RESIDENT', 'FORBIDDEN', () => resident(`R-${RUN}`)],
    ['an anonymous caller', 'UNAUTHENTICATED', () => null],
  ];
  it.each(cases)('%s: %s', async (_name, expected, claims) => {
    const before = await sessionCount();
    const payload = await record(sessionInput({ topic: 'COURSE_CHOICE' }), claims());
    if (expected === 'ALLOWED') {
      expect(payload.userErrors).toEqual([]);
      expect(payload.counselingSession).toMatchObject({ topic: 'COURSE_CHOICE', expert: null });
      expect(await sessionCount()).toBe(before + 1);
    } else {
      expect(payload.counselingSession).toBeNull();
      expect(codes(payload)).toEqual([expected]);
      expect(await sessionCount()).toBe(before);
    }
  });

  it('refuses references that look like personal data, a future day and an unknown center, recording nothing', async () => {
    const before = await sessionCount();
    for (const learnerRef of [
      '010-1234-5678',
      '01012345678',
      'lee.minji@example.kr',
      '900101-1234567',
      'card9001011234567',
      '홍길동',
      'two words',
      '12345',
      '',
    ]) {
      const payload = await record(sessionInput({ learnerRef }), counselor);
      expect(payload.counselingSession).toBeNull();
      expect(payload.userErrors).toEqual([
        { code: 'INVALID_INPUT', field: ['input', 'learnerRef'], message: expect.stringContaining('learnerRef') },
      ]);
    }
    const future = await record(sessionInput({ heldOn: '2999-01-01' }), counselor);
    expect(future.userErrors).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'heldOn'], message: expect.any(String) },
    ]);
    const unknown = await record(sessionInput({ centerId: 'NO-SUCH-CENTER' }), counselor);
    expect(unknown.userErrors).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'centerId'], message: expect.any(String) },
    ]);
    const away = await record(sessionInput({ centerId: awayCenter }), counselor);
    expect(away.userErrors).toEqual([{ code: 'FORBIDDEN', field: ['input', 'centerId'], message: expect.any(String) }]);
    expect(await sessionCount()).toBe(before);
  });

  it('returns the first session when retried with the same idempotency key', async () => {
    const input = sessionInput({ idempotencyKey: randomUUID() });
    const before = await sessionCount();
    const first = await record(input, counselor);
    expect(first.userErrors).toEqual([]);
    expect(await record(input, counselor)).toEqual(first);
    expect(await sessionCount()).toBe(before + 1);
  });
});

describe('counseling figures and lists', () => {
  it('counts sessions per topic and learners for analysts, officers and the city; null for everyone else', async () => {
    const before = await summaryFor(analyst('test-analyst'));
    const learnerRef = `LC-counted-${RUN}`;
    for (const topic of ['DIGITAL_SKILLS', 'DIGITAL_SKILLS', 'COMMUNITY'])
      expect((await record(sessionInput({ topic, learnerRef }), HOME_EXPERT)).userErrors).toEqual([]);
    const after = await summaryFor(analyst('test-analyst'));
    expect(after.year).toBe(YEAR);
    expect(after.byTopic.map((row: { topic: string }) => row.topic)).toEqual([
      'COURSE_CHOICE',
      'MOTIVATION',
      'CAREER',
      'DIGITAL_SKILLS',
      'COMMUNITY',
      'OTHER',
    ]);
    const countOf = (summary: any, topic: string) =>
      summary.byTopic.find((row: { topic: string }) => row.topic === topic).sessionCount;
    expect(countOf(after, 'DIGITAL_SKILLS')).toBe(countOf(before, 'DIGITAL_SKILLS') + 2);
    expect(countOf(after, 'COMMUNITY')).toBe(countOf(before, 'COMMUNITY') + 1);
    expect(after.sessionCount).toBe(before.sessionCount + 3);
    expect(after.learnerCount).toBe(before.learnerCount + 1);

    expect(await summaryFor(CITY_ADMIN)).toEqual(after);
    expect(await summaryFor(districtOfficer(AWAY_DISTRICT, 'test-away'))).toEqual(after);
    for (const claims of [
      null,
      resident(`R-${RUN}`),
      AWAY_EXPERT,
      institution(`LearningCenter:${homeCenters[0]}`, 'c'),
    ])
      expect(await summaryFor(claims)).toBeNull();
  });

  it("counts the seed's sessions: every district has an expert who counsels", async () => {
    const seeded = await query(SUMMARY, { code: DISTRICT, year: 2025 }, CITY_ADMIN);
    expect(seeded.district.counseling.sessionCount).toBeGreaterThanOrEqual(2);
    expect(seeded.district.counseling.learnerCount).toBeGreaterThanOrEqual(1);
  });

  it("lists a district's sessions of a year, latest first, to its experts and officers and the city only", async () => {
    const recorded = await record(sessionInput({ heldOn: `${YEAR}-12-30`, topic: 'OTHER' }), HOME_EXPERT);
    const list = `query($code: ID!, $year: Int) {
      district(code: $code) { counselingSessions(year: $year, first: 100) { edges { node { id topic heldOn } } } }
    }`;
    const sessionsSeenBy = async (claims: TokenClaims | null) =>
      (await query(list, { code: DISTRICT, year: YEAR }, claims)).district.counselingSessions;
    for (const claims of [HOME_EXPERT, districtOfficer(DISTRICT, 'test-home-officer'), CITY_ADMIN]) {
      const days = (await sessionsSeenBy(claims)).edges.map(({ node }: { node: { heldOn: string } }) => node.heldOn);
      expect(days).toEqual([...days].sort().reverse());
      const seen = (await sessionsSeenBy(claims)).edges.map(({ node }: { node: unknown }) => node);
      expect(seen).toContainEqual({ id: recorded.counselingSession.id, topic: 'OTHER', heldOn: `${YEAR}-12-30` });
    }
    for (const claims of [null, AWAY_EXPERT, districtOfficer(AWAY_DISTRICT, 'test-away'), analyst('test-analyst')])
      expect(await sessionsSeenBy(claims)).toBeNull();
  });
});
