/**
 * Program writes through the gateway: who may create, update, publish and
 * archive which program (every role, allowed and refused), what bad input is
 * answered with, optimistic locking, idempotent retries and who sees drafts.
 * Every test writes programs of its own and compares the database before and
 * after, so it needs no other test file and no fixed global count.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Role, type TokenClaims } from '../../lib/auth';
import { loadConfig } from '../../lib/config';
import type { Orm } from '../../lib/subgraph/orm';
import { CenterSpace } from '../../subgraphs/centers/places/center-space.entity';
import { LearningCenter } from '../../subgraphs/centers/places/learning-center.entity';
import { Partnership } from '../../subgraphs/centers/network/partnership.entity';
import { askAboutRoom, checkVenue } from '../../subgraphs/centers/programs/program.validation';
import { startTestGateway } from '../support/gateway';
import { graphql, openSubgraphDatabase, readSeedCsv, testStack, tokenFor } from '../support/stack';

/** Mapo-gu: a district the other write suites leave alone. */
const DISTRICT = '11440';
const AWAY_DISTRICT = '11110';
const RUN = randomUUID().slice(0, 8);
let serial = 0;
/** A text no earlier run or test used. */
const fresh = (label: string) => `${label} ${RUN}-${++serial}`;
const gateway = () => testStack().gatewayUrl;

const fields = readSeedCsv('lifelong_education_program_classification.csv');
const SUB_AREA = fields.find((f) => f.level === 'sub')!.code;
const OTHER_SUB_AREA = fields.filter((f) => f.level === 'sub')[1].code;
const AREA = fields.find((f) => f.level === 'area')!.code;

interface UserError { field: string[] | null; message: string; code: string }
type Payload = { program: Record<string, any> | null; userErrors: UserError[] };
type Ref = { typename: string; id: string };

const INSTITUTION_TYPE: Record<string, string> = {
  LearningCenter: 'LEARNING_CENTER', School: 'SCHOOL', Library: 'LIBRARY', CulturalCenter: 'CULTURAL_CENTER', CivilProvider: 'CIVIL_PROVIDER',
};
const hostInput = (ref: Ref) => ({ type: INSTITUTION_TYPE[ref.typename], id: ref.id });

const PROGRAM = `id title description track status version capacity seatsLeft feeKrw startsOn endsOn field { code } center { id }
  host { __typename ... on LearningCenter { id } ... on School { id } ... on Library { id } ... on CulturalCenter { id } ... on CivilProvider { id } }
  venue { __typename ... on SchoolSpace { id } ... on LibrarySpace { id } ... on CulturalSpace { id } ... on CenterSpace { id } }
  sessions { startsAt endsAt }`;

/** The center the programs are written for, and the institutions around it. */
interface Fixture {
  center: { id: string; venue: Ref | null };
  /** An active partner (a library) with a room that is not the center's own venue. */
  partner: Ref;
  partnerRoom: string;
  /** Another active partner of the center. */
  otherPartner: Ref;
  /** A partnership of the center that has ended. */
  formerPartner: Ref;
  /** A room of some other learning center. */
  foreignCenterRoom: string;
}
let fixture: Fixture;
let orm: Orm;

const CALLERS = [
  'cityAdmin', 'homeOfficer', 'awayOfficer', 'host', 'centerItself', 'otherPartner', 'formerPartner',
  'expert', 'educationOffice', 'resident', 'analyst', 'anonymous',
] as const;
type Caller = (typeof CALLERS)[number];
const tokens = new Map<Caller, string | undefined>();

function claimsOf(caller: Caller): TokenClaims | null {
  const institution = (ref: Ref) => `${ref.typename}:${ref.id}`;
  switch (caller) {
    case 'cityAdmin': return { sub: 'test-city-admin', role: Role.CITY_ADMIN };
    case 'homeOfficer': return { sub: 'test-home-officer', role: Role.DISTRICT_OFFICER, district: DISTRICT };
    case 'awayOfficer': return { sub: 'test-away-officer', role: Role.DISTRICT_OFFICER, district: AWAY_DISTRICT };
    case 'host': return { sub: 'test-partner', role: Role.INSTITUTION, institution: institution(fixture.partner) };
    case 'centerItself': return { sub: 'test-center', role: Role.INSTITUTION, institution: `LearningCenter:${fixture.center.id}` };
    case 'otherPartner': return { sub: 'test-other-partner', role: Role.INSTITUTION, institution: institution(fixture.otherPartner) };
    case 'formerPartner': return { sub: 'test-former-partner', role: Role.INSTITUTION, institution: institution(fixture.formerPartner) };
    case 'expert': return { sub: 'test-expert', role: Role.EXPERT, district: DISTRICT };
    case 'educationOffice': return { sub: 'test-office', role: Role.EDUCATION_OFFICE, educationOffice: '7010000' };
    case 'resident': return { sub: `R-${RUN}`, role: Role.RESIDENT };
    case 'analyst': return { sub: 'test-analyst', role: Role.ANALYST };
    case 'anonymous': return null;
  }
}

const INPUT_TYPES: Record<string, string> = {
  createProgram: 'CreateProgramInput', updateProgram: 'UpdateProgramInput', publishProgram: 'ProgramIdInput', archiveProgram: 'ProgramIdInput',
};

/** Runs a program mutation through the gateway as `caller`; its payload (GraphQL errors fail the test). */
async function mutate(mutation: string, input: Record<string, unknown>, caller: Caller = 'cityAdmin'): Promise<Payload> {
  const { data, errors } = await graphql(
    gateway(),
    `mutation($input: ${INPUT_TYPES[mutation]}!) { ${mutation}(input: $input) { program { ${PROGRAM} } userErrors { field message code } } }`,
    { input },
    {},
    { token: tokens.get(caller) },
  );
  expect(errors).toBeUndefined();
  return data![mutation] as Payload;
}

function draftInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    centerId: fixture.center.id,
    host: hostInput({ typename: 'LearningCenter', id: fixture.center.id }),
    title: fresh('Test program'),
    description: 'Written by the program write tests.',
    track: 'LIFE_CULTURE',
    fieldCode: SUB_AREA,
    startsOn: '2027-03-02',
    endsOn: '2027-04-27',
    capacity: 20,
    feeKrw: 0,
    ...overrides,
  };
}

/** A new program of the fixture center, hosted by the partner unless the input says otherwise, as the city admin. */
async function newProgram({ publish = false, ...overrides }: Record<string, unknown> & { publish?: boolean } = {}): Promise<Record<string, any>> {
  const created = await mutate('createProgram', draftInput({ host: hostInput(fixture.partner), ...overrides }));
  expect(created.userErrors).toEqual([]);
  if (!publish) return created.program!;
  const published = await mutate('publishProgram', { id: created.program!.id });
  expect(published.userErrors).toEqual([]);
  return published.program!;
}

async function rows(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  return orm.em.getConnection().execute(sql, params);
}
const programRow = async (id: string) => (await rows('select * from program where id = ?', [id]))[0];
const sessionRows = (id: string) => rows('select * from program_session where program_id = ? order by position', [id]);
const countByTitle = async (title: string) => (await rows('select id from program where title = ?', [title])).length;
const codes = (payload: Payload) => payload.userErrors.map((error) => error.code);

/** Finds, in the seed, a center of DISTRICT with an active library partner that has a room, another active partner and a former one. */
async function findFixture(): Promise<Fixture> {
  const em = orm.em.fork();
  const centers = await em.find(LearningCenter, { district: DISTRICT }, { orderBy: { id: 'asc' } });
  const partnerships = await em.find(Partnership, { districtCode: DISTRICT }, { orderBy: { id: 'asc' } });
  const foreignRoom = await em.findOneOrFail(CenterSpace, { center: { district: { $ne: DISTRICT } } }, { orderBy: { id: 'asc' } });
  const refOf = (p: Partnership): Ref => ({ typename: p.partnerType, id: p.partnerId });
  for (const center of centers) {
    const own = partnerships.filter((p) => p.center.id === center.id);
    const former = own.find((p) => !p.active);
    for (const library of own.filter((p) => p.active && p.partnerType === 'Library')) {
      const other = own.find((p) => p.active && p !== library);
      const { data } = await graphql(gateway(), 'query($id: ID!) { library(id: $id) { spaces { id } } }', { id: library.partnerId });
      const room = data!.library.spaces.map((space: { id: string }) => space.id).find((id: string) => id !== center.venueId);
      if (former && other && room) {
        return {
          center: { id: center.id, venue: center.venueType && center.venueId ? { typename: center.venueType, id: center.venueId } : null },
          partner: refOf(library),
          partnerRoom: room,
          otherPartner: refOf(other),
          formerPartner: refOf(former),
          foreignCenterRoom: foreignRoom.id,
        };
      }
    }
  }
  throw new Error(`no center of ${DISTRICT} has an active library partner with a room, another active partner and a former partner`);
}

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  fixture = await findFixture();
  for (const caller of CALLERS) {
    const claims = claimsOf(caller);
    tokens.set(caller, claims ? await tokenFor(claims) : undefined);
  }
});

afterAll(async () => {
  await orm?.close(true);
});

describe('createProgram', () => {
  type Expected = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED';
  const center = () => ({ typename: 'LearningCenter', id: fixture.center.id });
  const cases: [string, Expected, Caller, () => Ref][] = [
    ['a CITY_ADMIN, for the center itself', 'ALLOWED', 'cityAdmin', center],
    ["the center's DISTRICT_OFFICER, for an active partner", 'ALLOWED', 'homeOfficer', () => fixture.partner],
    ['an active partner (INSTITUTION), hosting itself', 'ALLOWED', 'host', () => fixture.partner],
    ['the learning center acting as INSTITUTION, hosting at itself', 'ALLOWED', 'centerItself', center],
    ['a DISTRICT_OFFICER of another district', 'FORBIDDEN', 'awayOfficer', center],
    ['an institution naming another institution as the host', 'FORBIDDEN', 'host', () => fixture.otherPartner],
    ['an institution naming the center as the host', 'FORBIDDEN', 'host', center],
    ['a former (no longer active) partner, hosting itself', 'FORBIDDEN', 'formerPartner', () => fixture.formerPartner],
    ['a CITY_ADMIN naming a host that is not an active partner', 'FORBIDDEN', 'cityAdmin', () => fixture.formerPartner],
    ["an EXPERT of the center's district", 'FORBIDDEN', 'expert', center],
    ['an EDUCATION_OFFICE', 'FORBIDDEN', 'educationOffice', center],
    ['a RESIDENT', 'FORBIDDEN', 'resident', center],
    ['an ANALYST', 'FORBIDDEN', 'analyst', center],
    ['an anonymous caller', 'UNAUTHENTICATED', 'anonymous', center],
  ];

  it.each(cases)('%s: %s', async (_name, expected, caller, host) => {
    const input = draftInput({ host: hostInput(host()) });
    const payload = await mutate('createProgram', input, caller);
    if (expected === 'ALLOWED') {
      expect(payload.userErrors).toEqual([]);
      expect(payload.program).toMatchObject({ title: input.title, status: 'DRAFT', version: 1, center: { id: fixture.center.id } });
      expect(payload.program!.host).toEqual({ __typename: host().typename, id: host().id });
      expect(await countByTitle(input.title as string)).toBe(1);
    } else {
      expect(payload.program).toBeNull();
      expect(codes(payload)).toEqual([expected]);
      expect(await countByTitle(input.title as string)).toBe(0);
    }
  });

  it('says why a host that is not an active partner may not host', async () => {
    const payload = await mutate('createProgram', draftInput({ host: hostInput(fixture.formerPartner) }));
    expect(payload.userErrors).toEqual([
      { code: 'FORBIDDEN', field: ['input', 'host'], message: expect.stringContaining('is not an active partner of learning center') },
    ]);
  });

  it('stores the trimmed values, the center district and dong, and the sessions in time order', async () => {
    const sessions = [
      { startsAt: '2027-03-16T19:00:00+09:00', endsAt: '2027-03-16T21:00:00+09:00' },
      { startsAt: '2027-03-09T10:00:00Z', endsAt: '2027-03-09T12:00:00Z' },
    ];
    const title = fresh('Trimmed');
    const payload = await mutate('createProgram', draftInput({ title: `  ${title}  `, description: '   ', feeKrw: 15000, capacity: 12, sessions }));
    expect(payload.userErrors).toEqual([]);
    expect(payload.program).toMatchObject({ title, description: null, feeKrw: 15000, capacity: 12, seatsLeft: 12, field: { code: SUB_AREA }, venue: null });
    expect(payload.program!.sessions).toEqual([sessions[1], sessions[0]]);
    const center = await orm.em.fork().findOneOrFail(LearningCenter, fixture.center.id);
    expect(await programRow(payload.program!.id)).toMatchObject({
      district_code: DISTRICT, dong_code: center.dong.code, host_type: 'LearningCenter', host_id: fixture.center.id, confirmed_count: 0, status: 'DRAFT',
    });
    expect((await sessionRows(payload.program!.id)).map((row) => [Number(row.position), row.starts_at])).toEqual([
      [1, sessions[1].startsAt],
      [2, sessions[0].startsAt],
    ]);
  });

  it('answers bad input with every problem at once and writes nothing', async () => {
    const title = 'x';
    const before = (await rows('select count(*) as n from program', []))[0].n;
    const payload = await mutate(
      'createProgram',
      draftInput({
        title,
        description: 'd'.repeat(2001),
        startsOn: '2027-05-01',
        endsOn: '2027-04-01',
        capacity: 0,
        feeKrw: -1,
        fieldCode: 'no-such-field',
        sessions: [{ startsAt: '2027-04-10T12:00:00+09:00', endsAt: '2027-04-10T10:00:00+09:00' }],
        idempotencyKey: fresh('bad input'),
      }),
    );
    expect(payload.program).toBeNull();
    expect(payload.userErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'title'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'description'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'endsOn'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'capacity'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'feeKrw'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'sessions', '0', 'endsAt'] }),
        expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'fieldCode'] }),
      ]),
    );
    expect((await rows('select count(*) as n from program', []))[0].n).toBe(before);
  });

  it.each([
    ['a capacity above 1000', { capacity: 1001 }, ['input', 'capacity']],
    ['a fee above 10,000,000 won', { feeKrw: 10_000_001 }, ['input', 'feeKrw']],
    ['a title of 201 characters', { title: '가'.repeat(201) }, ['input', 'title']],
    ['a session outside the program dates', { sessions: [{ startsAt: '2027-05-04T19:00:00+09:00', endsAt: '2027-05-04T21:00:00+09:00' }] }, ['input', 'sessions', '0']],
    ['an area instead of a sub-area', { fieldCode: AREA }, ['input', 'fieldCode']],
  ])('refuses %s', async (_name, overrides, field) => {
    const input = draftInput(overrides);
    const payload = await mutate('createProgram', input);
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field })]);
    expect(await countByTitle(input.title as string)).toBe(0);
  });

  it('answers NOT_FOUND for an unknown center', async () => {
    const payload = await mutate('createProgram', draftInput({ centerId: 'LC-none' }));
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'centerId'] })]);
  });

  describe('venues', () => {
    it("takes place in a room of its host, or in the center's own venue", async () => {
      const own = await mutate('createProgram', draftInput({ host: hostInput(fixture.partner), venue: { type: 'LIBRARY_SPACE', id: fixture.partnerRoom } }));
      expect(own.userErrors).toEqual([]);
      expect(own.program!.venue).toEqual({ __typename: 'LibrarySpace', id: fixture.partnerRoom });
      const venue = fixture.center.venue;
      if (!venue) return;
      const type = { SchoolSpace: 'SCHOOL_SPACE', LibrarySpace: 'LIBRARY_SPACE', CulturalSpace: 'CULTURAL_SPACE', CenterSpace: 'CENTER_SPACE' }[venue.typename];
      const atCenter = await mutate('createProgram', draftInput({ host: hostInput(fixture.otherPartner), venue: { type, id: venue.id } }));
      expect(atCenter.userErrors).toEqual([]);
      expect(atCenter.program!.venue).toEqual({ __typename: venue.typename, id: venue.id });
    });

    it.each([
      ["a partner's room, when the center hosts", () => ({ venue: { type: 'LIBRARY_SPACE', id: fixture.partnerRoom } }), 'INVALID_INPUT', ['input', 'venue']],
      ['a room that does not exist', () => ({ host: hostInput(fixture.partner), venue: { type: 'LIBRARY_SPACE', id: 'LIB-none-S1' } }), 'NOT_FOUND', ['input', 'venue', 'id']],
      ['a room of another learning center', () => ({ venue: { type: 'CENTER_SPACE', id: fixture.foreignCenterRoom } }), 'INVALID_INPUT', ['input', 'venue']],
      ['a school room for a library host', () => ({ host: hostInput(fixture.partner), venue: { type: 'SCHOOL_SPACE', id: 'B000000001-S1' } }), 'INVALID_INPUT', ['input', 'venue']],
    ])('refuses %s', async (_name, overrides, code, field) => {
      const input = draftInput(overrides());
      const payload = await mutate('createProgram', input);
      expect(payload.userErrors).toEqual([expect.objectContaining({ code, field })]);
      expect(await countByTitle(input.title as string)).toBe(0);
    });
  });

  it('says so, and changes nothing, when the subgraph keeping the room cannot be asked', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    // Subgraphs ask each other through the gateway's entity relay: here a gateway whose libraries subgraph is not there.
    const relay = await startTestGateway({ LIBRARIES_URL: `http://127.0.0.1:${closedPort}/graphql` });
    const config = { ...loadConfig(testStack().env, { service: 'centers' }), gatewayUrl: relay.url };
    const venue = { typename: 'LibrarySpace' as const, id: fixture.partnerRoom };
    const answer = await askAboutRoom(config, venue).finally(() => relay.stop());
    expect(answer).toEqual({ unavailable: expect.stringContaining('libraries') });
    const center = await orm.em.fork().findOneOrFail(LearningCenter, fixture.center.id);
    const host = { typename: 'Library' as const, id: fixture.partner.id };
    expect(await checkVenue(orm.em.fork(), center, host, venue, answer)).toEqual(
      expect.objectContaining({ code: 'UNAVAILABLE', field: ['input', 'venue'], message: expect.stringContaining('could not be checked') }),
    );
    expect(await askAboutRoom(loadConfig(testStack().env, { service: 'centers' }), venue)).toEqual({ ownerId: fixture.partner.id });
  });

  describe('idempotency', () => {
    it('returns the first program to a retry with the same key, and writes one', async () => {
      const input = draftInput({ idempotencyKey: fresh('create') });
      const first = await mutate('createProgram', input);
      const retry = await mutate('createProgram', input);
      expect(first.userErrors).toEqual([]);
      expect(retry).toEqual(first);
      expect(await countByTitle(input.title as string)).toBe(1);
    });

    it('writes one program for parallel retries with the same key', async () => {
      const input = draftInput({ idempotencyKey: fresh('parallel create') });
      const answers = await Promise.all(Array.from({ length: 5 }, () => mutate('createProgram', input)));
      expect(new Set(answers.map((answer) => answer.program?.id)).size).toBe(1);
      expect(answers.every((answer) => answer.userErrors.length === 0)).toBe(true);
      expect(await countByTitle(input.title as string)).toBe(1);
    });

    it('keeps keys apart per caller: the same key from someone else creates their own program', async () => {
      const key = fresh('shared key');
      const mine = await mutate('createProgram', draftInput({ idempotencyKey: key }), 'cityAdmin');
      const theirs = await mutate('createProgram', draftInput({ idempotencyKey: key }), 'centerItself');
      expect(theirs.userErrors).toEqual([]);
      expect(theirs.program!.id).not.toBe(mine.program!.id);
    });
  });
});

describe.each(['updateProgram', 'publishProgram', 'archiveProgram'])('%s', (mutation) => {
  /** Publishing works on drafts, which do not exist for callers who may not see them. */
  const scopeRefusal = mutation === 'publishProgram' ? 'NOT_FOUND' : 'FORBIDDEN';
  const matrix: [string, string, Caller][] = [
    ['a CITY_ADMIN', 'ALLOWED', 'cityAdmin'],
    ["the DISTRICT_OFFICER of the center's district", 'ALLOWED', 'homeOfficer'],
    ['the host institution', 'ALLOWED', 'host'],
    ['a DISTRICT_OFFICER of another district', scopeRefusal, 'awayOfficer'],
    ['the center acting as INSTITUTION, when a partner hosts', scopeRefusal, 'centerItself'],
    ['another partner of the center', scopeRefusal, 'otherPartner'],
    ['a former partner of the center', scopeRefusal, 'formerPartner'],
    ["an EXPERT of the center's district", 'FORBIDDEN', 'expert'],
    ['an EDUCATION_OFFICE', 'FORBIDDEN', 'educationOffice'],
    ['a RESIDENT', 'FORBIDDEN', 'resident'],
    ['an ANALYST', 'FORBIDDEN', 'analyst'],
    ['an anonymous caller', 'UNAUTHENTICATED', 'anonymous'],
  ];
  const target = () => newProgram({ publish: mutation !== 'publishProgram' });
  const inputFor = (program: Record<string, any>, title: string) =>
    mutation === 'updateProgram' ? { id: program.id, version: program.version, title } : { id: program.id };
  let shared: Record<string, any>;
  beforeAll(async () => {
    shared = await target();
  });

  it.each(matrix)('%s: %s', async (_name, expected, caller) => {
    const program = expected === 'ALLOWED' ? await target() : shared;
    const before = await programRow(program.id);
    const title = fresh('Renamed');
    const payload = await mutate(mutation, inputFor(program, title), caller);
    if (expected !== 'ALLOWED') {
      expect(payload.program).toBeNull();
      expect(codes(payload)).toEqual([expected]);
      expect(await programRow(program.id)).toEqual(before);
      return;
    }
    expect(payload.userErrors).toEqual([]);
    const effect = { updateProgram: { title, status: 'PUBLISHED' }, publishProgram: { status: 'PUBLISHED' }, archiveProgram: { status: 'ARCHIVED' } }[mutation];
    expect(payload.program).toMatchObject({ id: program.id, ...effect, version: program.version + 1 });
    expect(await programRow(program.id)).toMatchObject({ status: effect!.status, version: program.version + 1 });
  });
});

describe('program status', () => {
  it('publishes a draft once: publishing again succeeds and changes nothing', async () => {
    const draft = await newProgram();
    const first = await mutate('publishProgram', { id: draft.id, idempotencyKey: fresh('publish') });
    expect(first.program).toMatchObject({ status: 'PUBLISHED', version: draft.version + 1 });
    const row = await programRow(draft.id);
    const again = await mutate('publishProgram', { id: draft.id });
    expect(again.userErrors).toEqual([]);
    expect(again.program).toMatchObject({ status: 'PUBLISHED', version: draft.version + 1 });
    expect(await programRow(draft.id)).toEqual(row);
  });

  it('archives for good: archiving again changes nothing, and an archived program is not published again', async () => {
    const program = await newProgram({ publish: true });
    expect((await mutate('archiveProgram', { id: program.id })).program).toMatchObject({ status: 'ARCHIVED' });
    const row = await programRow(program.id);
    const again = await mutate('archiveProgram', { id: program.id });
    expect(again.userErrors).toEqual([]);
    const publish = await mutate('publishProgram', { id: program.id });
    expect(publish.userErrors).toEqual([expect.objectContaining({ code: 'PROGRAM_NOT_OPEN', field: ['input', 'id'] })]);
    const update = await mutate('updateProgram', { id: program.id, version: row.version, title: fresh('Too late') });
    expect(codes(update)).toEqual(['INVALID_INPUT']);
    expect(await programRow(program.id)).toEqual(row);
  });

  it('answers NOT_FOUND for an unknown program', async () => {
    const payload = await mutate('publishProgram', { id: 'PG-none' });
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
  });
});

describe('updateProgram', () => {
  it('refuses a stale version with STALE_VERSION and changes nothing', async () => {
    const program = await newProgram();
    const first = await mutate('updateProgram', { id: program.id, version: program.version, title: fresh('First edit') });
    expect(first.program!.version).toBe(program.version + 1);
    const row = await programRow(program.id);
    const stale = await mutate('updateProgram', { id: program.id, version: program.version, title: fresh('Lost edit'), capacity: 99 });
    expect(stale.program).toBeNull();
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION', field: ['input', 'version'] })]);
    expect(await programRow(program.id)).toEqual(row);
  });

  it('changes only the fields it is given, replaces the sessions and clears the venue on null', async () => {
    const program = await newProgram({
      venue: { type: 'LIBRARY_SPACE', id: fixture.partnerRoom },
      sessions: [{ startsAt: '2027-03-03T19:00:00+09:00', endsAt: '2027-03-03T21:00:00+09:00' }],
    });
    const sessions = [
      { startsAt: '2027-03-24T10:00:00+09:00', endsAt: '2027-03-24T12:00:00+09:00' },
      { startsAt: '2027-03-17T10:00:00+09:00', endsAt: '2027-03-17T12:00:00+09:00' },
    ];
    const payload = await mutate('updateProgram', { id: program.id, version: program.version, feeKrw: 30000, fieldCode: OTHER_SUB_AREA, venue: null, sessions });
    expect(payload.userErrors).toEqual([]);
    expect(payload.program).toMatchObject({ title: program.title, description: program.description, feeKrw: 30000, field: { code: OTHER_SUB_AREA }, venue: null });
    expect(payload.program!.sessions).toEqual([sessions[1], sessions[0]]);
    expect((await sessionRows(program.id)).map((row) => row.starts_at)).toEqual([sessions[1].startsAt, sessions[0].startsAt]);
  });

  it('answers bad changes with every problem at once and changes nothing', async () => {
    const program = await newProgram({ sessions: [{ startsAt: '2027-03-03T19:00:00+09:00', endsAt: '2027-03-03T21:00:00+09:00' }] });
    const [row, sessions] = [await programRow(program.id), await sessionRows(program.id)];
    const payload = await mutate('updateProgram', {
      id: program.id,
      version: program.version,
      title: ' ',
      startsOn: '2027-03-10', // after the kept session
      capacity: 1001,
      fieldCode: 'no-such-field',
      venue: { type: 'LIBRARY_SPACE', id: 'LIB-none-S1' },
    });
    expect(payload.program).toBeNull();
    expect(payload.userErrors.map((error) => [error.code, error.field])).toEqual(
      expect.arrayContaining([
        ['INVALID_INPUT', ['input', 'title']],
        ['INVALID_INPUT', ['input', 'capacity']],
        ['INVALID_INPUT', ['input', 'sessions', '0']],
        ['NOT_FOUND', ['input', 'fieldCode']],
        ['NOT_FOUND', ['input', 'venue', 'id']],
      ]),
    );
    expect(await programRow(program.id)).toEqual(row);
    expect(await sessionRows(program.id)).toEqual(sessions);
  });
});

describe('drafts', () => {
  const readers: [string, string, Caller][] = [
    ['a CITY_ADMIN', 'seen', 'cityAdmin'],
    ["the DISTRICT_OFFICER of the center's district", 'seen', 'homeOfficer'],
    ['the host institution', 'seen', 'host'],
    ['a DISTRICT_OFFICER of another district', 'hidden', 'awayOfficer'],
    ['the center acting as INSTITUTION, when a partner hosts', 'hidden', 'centerItself'],
    ['a RESIDENT', 'hidden', 'resident'],
    ['an anonymous caller', 'hidden', 'anonymous'],
  ];
  let draft: Record<string, any>;
  beforeAll(async () => {
    draft = await newProgram();
  });

  it.each(readers)('to %s: %s', async (_name, visibility, caller) => {
    const sees = visibility === 'seen';
    const { data, errors } = await graphql(
      gateway(),
      `query($id: ID!, $filter: ProgramFilter) {
        program(id: $id) { id status }
        programs(filter: $filter, first: 100) { totalCount edges { node { id status } } }
        learningCenter(id: "${fixture.center.id}") { programs(filter: $filter, first: 100) { edges { node { id } } } }
      }`,
      { id: draft.id, filter: { status: 'DRAFT', centerId: fixture.center.id, titleContains: draft.title } },
      {},
      { token: tokens.get(caller) },
    );
    expect(errors).toBeUndefined();
    expect(data!.program).toEqual(sees ? { id: draft.id, status: 'DRAFT' } : null);
    expect(data!.programs.edges.map((edge: any) => edge.node.id)).toEqual(sees ? [draft.id] : []);
    expect(data!.programs.totalCount).toBe(sees ? 1 : 0);
    expect(data!.learningCenter.programs.edges.map((edge: any) => edge.node.id)).toEqual(sees ? [draft.id] : []);
  });

  it('resolve as entities only for those who may see them', async () => {
    const query = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Program { id status } } }';
    const reps = [{ __typename: 'Program', id: draft.id }];
    const centers = testStack().subgraphUrls.centers;
    const anonymous = await graphql(centers, query, { reps });
    const host = await graphql(centers, query, { reps }, {}, { token: tokens.get('host') });
    expect(anonymous.data!._entities).toEqual([null]);
    expect(host.data!._entities).toEqual([{ id: draft.id, status: 'DRAFT' }]);
  });

  it('become public once published', async () => {
    const program = await newProgram({ publish: true });
    const { data } = await graphql(gateway(), 'query($id: ID!) { program(id: $id) { id status } }', { id: program.id });
    expect(data!.program).toEqual({ id: program.id, status: 'PUBLISHED' });
  });
});

describe('viewer', () => {
  it('is null for an anonymous caller and the verified identity otherwise', async () => {
    const query = '{ viewer { subject role district educationOffice institution { typename id } } }';
    const anonymous = await graphql(gateway(), query);
    const host = await graphql(gateway(), query, {}, {}, { token: tokens.get('host') });
    const officer = await graphql(gateway(), query, {}, {}, { token: tokens.get('homeOfficer') });
    expect(anonymous.data!.viewer).toBeNull();
    expect(host.data!.viewer).toEqual({ subject: 'test-partner', role: 'INSTITUTION', district: null, educationOffice: null, institution: fixture.partner });
    expect(officer.data!.viewer).toEqual({ subject: 'test-home-officer', role: 'DISTRICT_OFFICER', district: DISTRICT, educationOffice: null, institution: null });
  });
});

describe('title search', () => {
  const SEARCHES = `query ($filter: ProgramFilter, $text: String!, $district: ID) {
    programs(filter: $filter, first: 100) { totalCount edges { node { id } } }
    searchPrograms(filter: { text: $text, districtCode: $district }, first: 100) { totalCount edges { node { id } } }
  }`;
  type Found = { programs: string[]; search: string[] };

  /** What programs(titleContains) and searchPrograms(text) find in DISTRICT, as sorted ids; each count must be its list's length. */
  async function found(text: string): Promise<Found> {
    const variables = { filter: { districtCode: DISTRICT, titleContains: text }, text, district: DISTRICT };
    const { data, errors } = await graphql(gateway(), SEARCHES, variables, { 'cache-control': 'no-cache' });
    expect(errors).toBeUndefined();
    const ids = (connection: { totalCount: number; edges: { node: { id: string } }[] }) => {
      expect(connection.totalCount).toBe(connection.edges.length);
      return connection.edges.map((edge) => edge.node.id).sort();
    };
    return { programs: ids(data!.programs), search: ids(data!.searchPrograms) };
  }

  /** The same, read by this test from the table: a literal, case-insensitive substring (Korean title; either title). */
  async function expected(text: string): Promise<Found> {
    const published = await rows(`select id, title, title_en from program where status = 'PUBLISHED' and district_code = ?`, [DISTRICT]);
    const has = (value: unknown) => String(value ?? '').toLowerCase().includes(text.toLowerCase());
    const ids = (keep: (row: Record<string, unknown>) => boolean) => published.filter(keep).map((row) => String(row.id)).sort();
    const result = { programs: ids((row) => has(row.title)), search: ids((row) => has(row.title) || has(row.title_en)) };
    expect(result.search.length).toBeLessThan(100); // one page holds them all
    return result;
  }

  it('matches %, _ and ! literally, in the Korean and the English title, whatever the case', async () => {
    const program = await newProgram({ publish: true, title: `요가_교실 100%! ${RUN}`, titleEn: `Yoga_Class 100%! ${RUN.toUpperCase()}` });
    // As a LIKE wildcard `_` would also match the seeded "... 요가 교실" titles: the case can fail.
    const wildcard = await rows(`select id from program where status = 'PUBLISHED' and district_code = ? and title like '%가_교%'`, [DISTRICT]);
    expect(wildcard.length).toBeGreaterThan(1);

    expect(await found('가_교')).toEqual({ programs: [program.id], search: [program.id] });
    expect(await found(`a_class 100%! ${RUN}`)).toEqual({ programs: [], search: [program.id] });
    for (const text of ['_', '%', '0%!', '!', `! ${RUN}`]) {
      const result = await found(text);
      expect(result.search).toContain(program.id);
      expect(result).toEqual(await expected(text));
    }
  });

  it('follows title edits (the folded titles are kept by the database)', async () => {
    const program = await newProgram({ publish: true, title: `물방울 ${RUN}`, titleEn: `Droplet ${RUN}` });
    expect((await found(`물방울 ${RUN}`)).programs).toEqual([program.id]);
    const edited = await mutate('updateProgram', { id: program.id, version: program.version, title: `눈송이 ${RUN}`, titleEn: `SNOWFLAKE ${RUN}` });
    expect(edited.userErrors).toEqual([]);
    expect(await found(`물방울 ${RUN}`)).toEqual({ programs: [], search: [] });
    expect(await found(`droplet ${RUN}`)).toEqual({ programs: [], search: [] });
    expect(await found(`눈송이 ${RUN}`)).toEqual({ programs: [program.id], search: [program.id] });
    expect(await found(`snowflake ${RUN}`)).toEqual({ programs: [], search: [program.id] });
  });
});
