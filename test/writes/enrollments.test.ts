/**
 * Enrollment writes through the gateway: capacity is never exceeded under
 * concurrent requests, a full program keeps a numbered waitlist, a
 * cancellation promotes the first in line, a resident holds one seat per
 * program, retries are idempotent, and only the right people enroll, cancel
 * and read enrollments. Every test enrolls into programs it creates itself.
 */
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Role, type TokenClaims } from '../../lib/auth';
import type { Orm } from '../../lib/subgraph/orm';
import { Enrollment, EnrollmentStatus } from '../../subgraphs/centers/programs/enrollment.entity';
import { LearningCenter } from '../../subgraphs/centers/places/learning-center.entity';
import type { UserError } from '../support/mutations';
import { CITY_ADMIN, tokenOf as token } from '../support/actors';
import { fresh, RUN } from '../support/names';
import { graphql, openSubgraphDatabase, SUB_AREA, testStack } from '../support/stack';

/** Seodaemun-gu: a district the other write suites leave alone. */
const DISTRICT = '11410';
const AWAY_DISTRICT = '11110';
const gateway = () => testStack().gatewayUrl;

interface EnrollmentNode {
  id: string;
  status: string;
  waitlistPosition: number | null;
  program: { id: string; seatsLeft: number };
}
type Payload = { enrollment: EnrollmentNode | null; userErrors: UserError[] };

let orm: Orm;
let centerId: string;
const resident = (n: number | string): TokenClaims => ({ sub: `R-${RUN}-${n}`, role: Role.RESIDENT });
const OFFICER: TokenClaims = { sub: 'test-home-officer', role: Role.DISTRICT_OFFICER, district: DISTRICT };
const AWAY_OFFICER: TokenClaims = { sub: 'test-away-officer', role: Role.DISTRICT_OFFICER, district: AWAY_DISTRICT };
const host = (): TokenClaims => ({
  sub: 'test-center',
  role: Role.INSTITUTION,
  institution: `LearningCenter:${centerId}`,
});

const ENROLLMENT = 'id status waitlistPosition program { id seatsLeft }';

async function call<T>(query: string, input: Record<string, unknown>, claims: TokenClaims | null): Promise<T> {
  const { data, errors } = await graphql(gateway(), query, { input }, {}, { token: await token(claims) });
  expect(errors).toBeUndefined();
  return Object.values(data!)[0] as T;
}

function enroll(programId: string, claims: TokenClaims | null, idempotencyKey?: string): Promise<Payload> {
  return call(
    `mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { ${ENROLLMENT} } userErrors { field message code } } }`,
    { programId, ...(idempotencyKey ? { idempotencyKey } : {}) },
    claims,
  );
}

function cancel(enrollmentId: string, claims: TokenClaims | null): Promise<Payload> {
  return call(
    `mutation($input: CancelEnrollmentInput!) { cancelEnrollment(input: $input) { enrollment { ${ENROLLMENT} } userErrors { field message code } } }`,
    { enrollmentId },
    claims,
  );
}

async function programMutation(
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
): Promise<{ program: any; userErrors: UserError[] }> {
  return call(
    `mutation($input: ${inputType}!) { ${mutation}(input: $input) { program { id version capacity seatsLeft status } userErrors { field message code } } }`,
    input,
    CITY_ADMIN,
  );
}

/** A program of the test center hosted by the center itself, published unless asked otherwise. */
async function newProgram(capacity: number, { publish = true } = {}): Promise<{ id: string; version: number }> {
  const created = await programMutation('createProgram', 'CreateProgramInput', {
    centerId,
    host: { type: 'LEARNING_CENTER', id: centerId },
    title: fresh('Enrollment test'),
    track: 'LOCAL_PROBLEM_SOLVING',
    fieldCode: SUB_AREA,
    startsOn: '2027-05-03',
    endsOn: '2027-06-28',
    capacity,
    feeKrw: 0,
  });
  expect(created.userErrors).toEqual([]);
  if (!publish) return created.program;
  const published = await programMutation('publishProgram', 'ProgramIdInput', { id: created.program.id });
  expect(published.userErrors).toEqual([]);
  return published.program;
}

async function rows(sql: string, params: unknown[]): Promise<Record<string, any>[]> {
  return orm.em.getConnection().execute(sql, params);
}
const enrollmentRows = (programId: string) =>
  rows('select id, resident_id, status, waitlist_position from enrollment where program_id = ? order by id', [
    programId,
  ]);
const programRow = async (id: string) => (await rows('select * from program where id = ?', [id]))[0];
/** The waitlist as (resident, position), in line order. */
const waitlistOf = async (programId: string) =>
  (await enrollmentRows(programId))
    .filter((row) => row.status === 'WAITLISTED')
    .sort((a, b) => a.waitlist_position - b.waitlist_position)
    .map((row) => [row.resident_id, Number(row.waitlist_position)]);
const codes = (payload: Payload) => payload.userErrors.map((error) => error.code);

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  centerId = (await orm.em.fork().findOneOrFail(LearningCenter, { district: DISTRICT }, { orderBy: { id: 'asc' } })).id;
});

afterAll(async () => {
  await orm?.close(true);
});

describe('enroll', () => {
  it('confirms exactly 10 and waitlists 90 (positions 1..90) when 100 residents enroll at once into 10 seats', async () => {
    const program = await newProgram(10);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => enroll(program.id, resident(`crowd-${i}`), fresh('crowd'))),
    );
    expect(answers.flatMap((answer) => answer.userErrors)).toEqual([]);
    const statuses = answers.map((answer) => answer.enrollment!.status);
    expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'WAITLISTED')).toHaveLength(90);
    const positions = answers
      .map((answer) => answer.enrollment!.waitlistPosition)
      .filter((p): p is number => p !== null);
    expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));

    const stored = await enrollmentRows(program.id);
    expect(stored).toHaveLength(100);
    expect(new Set(stored.map((row) => row.resident_id)).size).toBe(100);
    expect(stored.filter((row) => row.status === 'CONFIRMED' && row.waitlist_position === null)).toHaveLength(10);
    expect(
      stored
        .filter((row) => row.status === 'WAITLISTED')
        .map((row) => Number(row.waitlist_position))
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    expect(await programRow(program.id)).toMatchObject({ capacity: 10, confirmed_count: 10, version: program.version });
    const { data } = await graphql(gateway(), 'query($id: ID!) { program(id: $id) { seatsLeft } }', { id: program.id });
    expect(data!.program.seatsLeft).toBe(0);
  });

  it('enrolls a resident whose token subject is as long as a token may carry (255 characters)', async () => {
    const program = await newProgram(5);
    const longSubject = { sub: `R-${RUN}-`.padEnd(255, 'x'), role: Role.RESIDENT };
    const answer = await enroll(program.id, longSubject);
    expect(answer.userErrors).toEqual([]);
    expect(answer.enrollment!.status).toBe('CONFIRMED');
    expect((await enrollmentRows(program.id)).map((row) => row.resident_id)).toEqual([longSubject.sub]);
  });

  it('gives a resident who enrolls twice at once one enrollment, and tells the other request ALREADY_ENROLLED', async () => {
    const program = await newProgram(5);
    const answers = await Promise.all([1, 2, 3].map(() => enroll(program.id, resident('twice'), fresh('twice'))));
    expect(answers.filter((answer) => answer.enrollment !== null)).toHaveLength(1);
    expect(answers.flatMap(codes).sort()).toEqual(['ALREADY_ENROLLED', 'ALREADY_ENROLLED']);
    expect(await enrollmentRows(program.id)).toHaveLength(1);
    expect((await programRow(program.id)).confirmed_count).toBe(1);
  });

  it('answers parallel retries with the same key with the one enrollment they made', async () => {
    const program = await newProgram(5);
    const key = fresh('retry');
    const answers = await Promise.all([1, 2, 3, 4].map(() => enroll(program.id, resident('retrying'), key)));
    expect(answers.flatMap((answer) => answer.userErrors)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.enrollment!.id)).size).toBe(1);
    expect(await enrollmentRows(program.id)).toHaveLength(1);
  });

  it('answers a later retry with the same key with the first enrollment, and a new request with ALREADY_ENROLLED', async () => {
    const program = await newProgram(5);
    const key = fresh('later retry');
    const first = await enroll(program.id, resident('later'), key);
    const retry = await enroll(program.id, resident('later'), key);
    const again = await enroll(program.id, resident('later'), fresh('new key'));
    expect(retry).toEqual(first);
    expect(again.userErrors).toEqual([
      expect.objectContaining({ code: 'ALREADY_ENROLLED', field: ['input', 'programId'] }),
    ]);
    expect(await enrollmentRows(program.id)).toHaveLength(1);
  });

  it.each([
    ['a CITY_ADMIN', 'FORBIDDEN', () => CITY_ADMIN],
    ['a DISTRICT_OFFICER', 'FORBIDDEN', () => OFFICER],
    ['the host institution', 'FORBIDDEN', host],
    ['an EXPERT', 'FORBIDDEN', () => ({ sub: 'test-expert', role: Role.EXPERT, district: DISTRICT })],
    ['an ANALYST', 'FORBIDDEN', () => ({ sub: 'test-analyst', role: Role.ANALYST })],
    ['an anonymous caller', 'UNAUTHENTICATED', () => null],
  ] as [string, string, () => TokenClaims | null][])(
    'is for residents only: %s is refused with %s',
    async (_name, code, claims) => {
      const program = await newProgram(5);
      const payload = await enroll(program.id, claims());
      expect(payload.enrollment).toBeNull();
      expect(codes(payload)).toEqual([code]);
      expect(await enrollmentRows(program.id)).toEqual([]);
    },
  );

  it('takes enrollments only for published programs: an archived one is not open, a draft does not exist for residents', async () => {
    const draft = await newProgram(5, { publish: false });
    const archived = await newProgram(5);
    expect((await programMutation('archiveProgram', 'ProgramIdInput', { id: archived.id })).userErrors).toEqual([]);
    for (const [id, code] of [
      [draft.id, 'NOT_FOUND'],
      [archived.id, 'PROGRAM_NOT_OPEN'],
    ]) {
      const payload = await enroll(id, resident('closed'));
      expect(payload.userErrors).toEqual([expect.objectContaining({ code, field: ['input', 'programId'] })]);
      expect(await enrollmentRows(id)).toEqual([]);
    }
    expect(codes(await enroll('PG-none', resident('closed')))).toEqual(['NOT_FOUND']);
  });
});

describe('cancelEnrollment', () => {
  it('frees a confirmed seat for the first in line and closes up the waitlist', async () => {
    const program = await newProgram(2);
    const enrollments: EnrollmentNode[] = [];
    for (const n of [1, 2, 3, 4, 5]) enrollments.push((await enroll(program.id, resident(`line-${n}`))).enrollment!);
    expect(enrollments.map((e) => [e.status, e.waitlistPosition])).toEqual([
      ['CONFIRMED', null],
      ['CONFIRMED', null],
      ['WAITLISTED', 1],
      ['WAITLISTED', 2],
      ['WAITLISTED', 3],
    ]);

    const cancelled = await cancel(enrollments[0].id, resident('line-1'));
    expect(cancelled.userErrors).toEqual([]);
    expect(cancelled.enrollment).toMatchObject({
      status: 'CANCELLED',
      waitlistPosition: null,
      program: { seatsLeft: 0 },
    });
    const stored = new Map((await enrollmentRows(program.id)).map((row) => [row.resident_id, row]));
    expect(stored.get(`R-${RUN}-line-3`)).toMatchObject({ status: 'CONFIRMED', waitlist_position: null });
    expect(await waitlistOf(program.id)).toEqual([
      [`R-${RUN}-line-4`, 1],
      [`R-${RUN}-line-5`, 2],
    ]);
    expect((await programRow(program.id)).confirmed_count).toBe(2);

    // Leaving the waitlist closes it up too.
    expect((await cancel(enrollments[3].id, resident('line-4'))).enrollment!.status).toBe('CANCELLED');
    expect(await waitlistOf(program.id)).toEqual([[`R-${RUN}-line-5`, 1]]);
    expect((await programRow(program.id)).confirmed_count).toBe(2);
  });

  it('frees the seat when nobody waits', async () => {
    const program = await newProgram(3);
    const { enrollment } = await enroll(program.id, resident('alone'));
    const payload = await cancel(enrollment!.id, resident('alone'));
    expect(payload.enrollment!.program.seatsLeft).toBe(3);
    expect(await programRow(program.id)).toMatchObject({ confirmed_count: 0, version: program.version });
  });

  it('succeeds without changing anything when cancelled twice', async () => {
    const program = await newProgram(1);
    const { enrollment } = await enroll(program.id, resident('twice-cancel'));
    await enroll(program.id, resident('twice-waiting'));
    await cancel(enrollment!.id, resident('twice-cancel'));
    const [before, programBefore] = [await enrollmentRows(program.id), await programRow(program.id)];
    const again = await cancel(enrollment!.id, resident('twice-cancel'));
    expect(again.userErrors).toEqual([]);
    expect(again.enrollment!.status).toBe('CANCELLED');
    expect(await enrollmentRows(program.id)).toEqual(before);
    expect(await programRow(program.id)).toEqual(programBefore);
  });

  it('lets a resident enroll again after cancelling', async () => {
    const program = await newProgram(3);
    const first = await enroll(program.id, resident('comeback'));
    await cancel(first.enrollment!.id, resident('comeback'));
    const second = await enroll(program.id, resident('comeback'));
    expect(second.userErrors).toEqual([]);
    expect(second.enrollment!.id).not.toBe(first.enrollment!.id);
    expect((await enrollmentRows(program.id)).map((row) => row.status).sort()).toEqual(['CANCELLED', 'CONFIRMED']);
  });

  const matrix: [string, string, () => TokenClaims | null][] = [
    ['the resident who holds it', 'ALLOWED', () => resident('holder')],
    ['a CITY_ADMIN', 'ALLOWED', () => CITY_ADMIN],
    ['the host institution', 'ALLOWED', host],
    ["the DISTRICT_OFFICER of the program's district", 'ALLOWED', () => OFFICER],
    ['another resident', 'FORBIDDEN', () => resident('someone-else')],
    ['a DISTRICT_OFFICER of another district', 'FORBIDDEN', () => AWAY_OFFICER],
    [
      'another institution',
      'FORBIDDEN',
      () => ({ sub: 'test-library', role: Role.INSTITUTION, institution: 'Library:LIB0001' }),
    ],
    [
      "an EXPERT of the program's district",
      'FORBIDDEN',
      () => ({ sub: 'test-expert', role: Role.EXPERT, district: DISTRICT }),
    ],
    ['an anonymous caller', 'UNAUTHENTICATED', () => null],
  ];
  it.each(matrix)('%s: %s', async (_name, expected, claims) => {
    const program = await newProgram(1);
    const { enrollment } = await enroll(program.id, resident('holder'));
    await enroll(program.id, resident('next-in-line'));
    const before = await enrollmentRows(program.id);
    const payload = await cancel(enrollment!.id, claims());
    if (expected === 'ALLOWED') {
      expect(payload.userErrors).toEqual([]);
      expect(payload.enrollment!.status).toBe('CANCELLED');
      expect(await waitlistOf(program.id)).toEqual([]);
    } else {
      expect(payload.enrollment).toBeNull();
      expect(codes(payload)).toEqual([expected]);
      expect(await enrollmentRows(program.id)).toEqual(before);
    }
  });

  it('answers NOT_FOUND for an unknown enrollment', async () => {
    const payload = await cancel('EN-none', CITY_ADMIN);
    expect(payload.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'enrollmentId'] }),
    ]);
  });
});

describe('seats and capacity', () => {
  it('confirms the waitlist in order when the capacity grows, and refuses a capacity below the confirmed count', async () => {
    const program = await newProgram(2);
    for (const n of [1, 2, 3, 4, 5]) await enroll(program.id, resident(`grow-${n}`));
    const { version } = await programRow(program.id);
    expect(version).toBe(program.version); // enrollments are not edits: the host's version stays valid

    const below = await programMutation('updateProgram', 'UpdateProgramInput', {
      id: program.id,
      version,
      capacity: 1,
    });
    expect(below.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'capacity'] }),
    ]);
    expect((await programRow(program.id)).capacity).toBe(2);

    const grown = await programMutation('updateProgram', 'UpdateProgramInput', {
      id: program.id,
      version,
      capacity: 3,
    });
    expect(grown.userErrors).toEqual([]);
    expect(grown.program).toMatchObject({ capacity: 3, seatsLeft: 0 });
    const stored = new Map((await enrollmentRows(program.id)).map((row) => [row.resident_id, row.status]));
    expect(stored.get(`R-${RUN}-grow-3`)).toBe('CONFIRMED');
    expect(await waitlistOf(program.id)).toEqual([
      [`R-${RUN}-grow-4`, 1],
      [`R-${RUN}-grow-5`, 2],
    ]);
    expect((await programRow(program.id)).confirmed_count).toBe(3);
  });

  it('is guarded by the database too: a second active enrollment of one resident is refused', async () => {
    const program = await newProgram(5);
    const { enrollment } = await enroll(program.id, resident('unique'));
    const em = orm.em.fork();
    const duplicate = {
      id: `EN-dup-${RUN}`,
      program: program.id,
      residentId: `R-${RUN}-unique`,
      waitlistPosition: null,
      createdAt: '2027-01-01T00:00:00+09:00',
    };
    await expect(em.insert(Enrollment, { ...duplicate, status: EnrollmentStatus.WAITLISTED })).rejects.toThrow(
      UniqueConstraintViolationException,
    );
    expect((await enrollmentRows(program.id)).map((row) => row.id)).toEqual([enrollment!.id]);
  });
});

describe('reading enrollments', () => {
  it("lists the signed-in resident's enrollments, newest first, and nobody else's", async () => {
    const [a, b] = [await newProgram(5), await newProgram(5)];
    const first = (await enroll(a.id, resident('reader'))).enrollment!;
    const second = (await enroll(b.id, resident('reader'))).enrollment!;
    await enroll(a.id, resident('other-reader'));
    const query = '{ myEnrollments(first: 10) { totalCount edges { node { id status program { id } } } } }';
    const { data, errors } = await graphql(gateway(), query, {}, {}, { token: await token(resident('reader')) });
    expect(errors).toBeUndefined();
    expect(data!.myEnrollments.totalCount).toBe(2);
    expect(data!.myEnrollments.edges.map((edge: any) => edge.node)).toEqual([
      { id: second.id, status: 'CONFIRMED', program: { id: b.id } },
      { id: first.id, status: 'CONFIRMED', program: { id: a.id } },
    ]);
    const anonymous = await graphql(gateway(), query);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives a resident their enrollments and communities in one place, `viewer`, the same as myEnrollments', async () => {
    const [a, b] = [await newProgram(5), await newProgram(5)];
    await enroll(a.id, resident('viewer'));
    await enroll(b.id, resident('viewer'));
    await enroll(b.id, resident('other-viewer'));
    const page = (after: string | null) =>
      `{ viewer { enrollments(first: 1${after ? `, after: "${after}"` : ''}) { totalCount pageInfo { endCursor hasNextPage } edges { node { id program { id } } } } communities { id } }
         myEnrollments(first: 10) { edges { node { id program { id } } } } }`;
    const read = async (text: string, claims: TokenClaims | null) => {
      const { data, errors } = await graphql(gateway(), text, {}, {}, { token: await token(claims) });
      expect(errors).toBeUndefined();
      return data!;
    };
    const first = await read(page(null), resident('viewer'));
    expect(first.viewer.enrollments.totalCount).toBe(2);
    expect(first.viewer.enrollments.pageInfo.hasNextPage).toBe(true);
    expect(first.viewer.communities).toEqual([]);
    const second = await read(page(first.viewer.enrollments.pageInfo.endCursor), resident('viewer'));
    expect(second.viewer.enrollments.pageInfo.hasNextPage).toBe(false);
    const viaViewer = [...first.viewer.enrollments.edges, ...second.viewer.enrollments.edges];
    expect(viaViewer).toEqual(first.myEnrollments.edges);
    expect(viaViewer.map((edge: any) => edge.node.program.id)).toEqual([b.id, a.id]);

    // Another resident sees only their own; other roles have no enrollments there.
    const other = await read(
      '{ viewer { enrollments(first: 10) { edges { node { program { id } } } } } }',
      resident('other-viewer'),
    );
    expect(other.viewer.enrollments.edges).toEqual([{ node: { program: { id: b.id } } }]);
    for (const claims of [OFFICER, CITY_ADMIN, host()]) {
      const { viewer } = await read('{ viewer { role enrollments(first: 10) { totalCount } } }', claims);
      expect(viewer).toEqual({ role: claims.role, enrollments: null });
    }
    expect((await read('{ viewer { enrollments(first: 10) { totalCount } } }', null)).viewer).toBeNull();
  });

  it('resolves an enrollment entity for its resident and the program managers only', async () => {
    const program = await newProgram(5);
    const { enrollment } = await enroll(program.id, resident('entity'));
    const query = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Enrollment { id status } } }';
    const reps = [{ __typename: 'Enrollment', id: enrollment!.id }];
    const centers = testStack().subgraphUrls.centers;
    const seen = { id: enrollment!.id, status: 'CONFIRMED' };
    for (const [claims, expected] of [
      [resident('entity'), seen],
      [host(), seen],
      [OFFICER, seen],
      [resident('not-the-one'), null],
      [AWAY_OFFICER, null],
      [null, null],
    ] as [TokenClaims | null, unknown][]) {
      const { data } = await graphql(centers, query, { reps }, {}, { token: await token(claims) });
      expect({ claims, entity: data!._entities[0] }).toEqual({ claims, entity: expected });
    }
  });
});
