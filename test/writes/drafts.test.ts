/**
 * A draft never becomes public and leaves no trace for those who may not see
 * it: archiving a never-published draft keeps it private, enrolling in it
 * answers as for an unknown id, public coverage figures do not count it, and
 * program filters refuse overlong texts. Every test writes programs of its own.
 */
import { Role, type TokenClaims } from '../../lib/auth';
import type { Orm } from '../../lib/subgraph/orm';
import { LearningCenter } from '../../subgraphs/centers/places/learning-center.entity';
import { CITY_ADMIN } from '../support/actors';
import { mutate as mutateThroughGateway } from '../support/mutations';
import { fresh, RUN } from '../support/names';
import { centerProgramInput, graphql, openSubgraphDatabase, SUB_AREA, testStack, tokenFor } from '../support/stack';

/** Gwanak-gu: a district the other write suites leave alone. */
const DISTRICT = '11620';

const OFFICER: TokenClaims = { sub: 'test-drafts-officer', role: Role.DISTRICT_OFFICER, district: DISTRICT };
const AWAY_OFFICER: TokenClaims = { sub: 'test-drafts-away', role: Role.DISTRICT_OFFICER, district: '11110' };
const RESIDENT: TokenClaims = { sub: `R-${RUN}`, role: Role.RESIDENT };
const ANALYST: TokenClaims = { sub: 'test-analyst', role: Role.ANALYST };

let orm: Orm;
let centerId: string;

async function request(query: string, variables: Record<string, unknown>, claims: TokenClaims | null = null) {
  return graphql(testStack().gatewayUrl, query, variables, {}, { token: claims ? await tokenFor(claims) : undefined });
}

async function mutate(
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
  claims: TokenClaims = CITY_ADMIN,
): Promise<Record<string, any>> {
  const selection = mutation === 'enroll' ? 'enrollment { id }' : 'program { id status }';
  return mutateThroughGateway({ mutation, inputType, input, selection, token: await tokenFor(claims) });
}

async function newDraft(title = fresh('Draft')): Promise<{ id: string; title: string }> {
  const created = await mutate('createProgram', 'CreateProgramInput', centerProgramInput(centerId, SUB_AREA, title));
  expect(created.userErrors).toEqual([]);
  return { id: created.program.id, title };
}

const SEEN = `query($id: ID!, $filter: ProgramFilter) {
  program(id: $id) { id status publishedAt }
  programs(filter: $filter) { totalCount edges { node { id } } }
}`;

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  centerId = (await orm.em.fork().findOneOrFail(LearningCenter, { district: DISTRICT }, { orderBy: { id: 'asc' } })).id;
});

afterAll(async () => {
  await orm?.close(true);
});

describe('a draft archived without being published', () => {
  let withdrawn: { id: string; title: string };
  beforeAll(async () => {
    withdrawn = await newDraft();
    expect((await mutate('archiveProgram', 'ProgramIdInput', { id: withdrawn.id })).program).toEqual({
      id: withdrawn.id,
      status: 'ARCHIVED',
    });
  });

  it.each([
    ['an anonymous caller', false, null],
    ['a RESIDENT', false, RESIDENT],
    ['an ANALYST', false, ANALYST],
    ['a DISTRICT_OFFICER of another district', false, AWAY_OFFICER],
    ['the DISTRICT_OFFICER of its district', true, OFFICER],
    ['the CITY_ADMIN', true, CITY_ADMIN],
  ])('stays as private as the draft: %s sees it: %s', async (_name, sees, claims) => {
    const filter = { status: 'ARCHIVED', centerId, titleContains: withdrawn.title };
    const { data, errors } = await request(SEEN, { id: withdrawn.id, filter }, claims);
    expect(errors).toBeUndefined();
    expect(data!.program).toEqual(sees ? { id: withdrawn.id, status: 'ARCHIVED', publishedAt: null } : null);
    expect(data!.programs).toEqual({ totalCount: sees ? 1 : 0, edges: sees ? [{ node: { id: withdrawn.id } }] : [] });
  });

  it('cannot be enrolled in, and says no more than for an unknown id', async () => {
    const unknown = await mutate('enroll', 'EnrollInput', { programId: 'PG-nothing' }, RESIDENT);
    const answer = await mutate('enroll', 'EnrollInput', { programId: withdrawn.id }, RESIDENT);
    expect(answer.userErrors).toEqual(
      unknown.userErrors.map((error: { message: string }) => ({
        ...error,
        message: error.message.replace('PG-nothing', withdrawn.id),
      })),
    );
  });

  it('is public once it was published before being archived', async () => {
    const program = await newDraft();
    expect((await mutate('publishProgram', 'ProgramIdInput', { id: program.id })).userErrors).toEqual([]);
    expect((await mutate('archiveProgram', 'ProgramIdInput', { id: program.id })).userErrors).toEqual([]);
    const { data } = await request(SEEN, {
      id: program.id,
      filter: { status: 'ARCHIVED', centerId, titleContains: program.title },
    });
    expect(data!.program).toEqual({ id: program.id, status: 'ARCHIVED', publishedAt: expect.any(String) });
    expect(data!.programs.totalCount).toBe(1);
  });
});

describe('enrolling in a draft', () => {
  it('answers NOT_FOUND exactly as for an unknown id, and enrolls nobody', async () => {
    const draft = await newDraft();
    const unknown = await mutate('enroll', 'EnrollInput', { programId: 'PG-nothing' }, RESIDENT);
    const answer = await mutate('enroll', 'EnrollInput', { programId: draft.id }, RESIDENT);
    expect(unknown.userErrors).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'programId'], message: 'There is no program PG-nothing.' },
    ]);
    expect(answer).toEqual({
      enrollment: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'programId'], message: `There is no program ${draft.id}.` }],
    });
    expect(await orm.em.getConnection().execute('select id from enrollment where program_id = ?', [draft.id])).toEqual(
      [],
    );
  });
});

describe('coverage of a district', () => {
  const COVERAGE = `query($code: ID!) { district(code: $code) { coverage { programCount publishedProgramCount draftProgramCount
    programsByTrack { track count } } } }`;
  const figures = async (claims: TokenClaims | null) => {
    const { data, errors } = await request(COVERAGE, { code: DISTRICT }, claims);
    expect(errors).toBeUndefined();
    return data!.district.coverage;
  };

  it('counts no drafts in its public figures, and shows the draft count only to its officer and the city admin', async () => {
    const before = await figures(OFFICER);
    await newDraft();
    const withdrawn = await newDraft();
    await mutate('archiveProgram', 'ProgramIdInput', { id: withdrawn.id });
    const after = await figures(OFFICER);
    expect(after.programCount).toBe(before.programCount);
    expect(after.programsByTrack).toEqual(before.programsByTrack);
    expect(after.draftProgramCount).toBe(before.draftProgramCount + 2);
    const [counted] = await orm.em
      .getConnection()
      .execute('select count(*) as n from program where district_code = ? and published_at is null', [DISTRICT]);
    expect(after.draftProgramCount).toBe(Number(counted.n));
    expect((await figures(CITY_ADMIN)).draftProgramCount).toBe(after.draftProgramCount);
    for (const claims of [null, RESIDENT, ANALYST, AWAY_OFFICER]) {
      expect(await figures(claims)).toEqual({ ...after, draftProgramCount: null });
    }
  });
});

describe('program filters', () => {
  it('refuse a titleContains longer than 100 characters with a clear error', async () => {
    const { data, errors } = await request(
      'query($filter: ProgramFilter) { programs(filter: $filter) { totalCount } }',
      { filter: { titleContains: 'x'.repeat(101) } },
    );
    expect(data).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({
        message: 'titleContains must be at most 100 characters',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });

  it('accept 100 characters', async () => {
    const { data, errors } = await request(
      'query($filter: ProgramFilter) { programs(filter: $filter) { totalCount } }',
      { filter: { titleContains: '가'.repeat(100) } },
    );
    expect(errors).toBeUndefined();
    expect(data!.programs.totalCount).toBe(0);
  });
});
