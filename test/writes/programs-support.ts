/**
 * What the program write tests share (programs-*.test.ts): a center of DISTRICT with the institutions around it,
 * a caller for every role, program mutations through the gateway and the rows they leave. Every test writes
 * programs of its own and compares the database before and after, so it needs no other test file and no fixed
 * global count.
 */
import { Role, type TokenClaims } from '../../lib/auth';
import type { Orm } from '../../lib/subgraph/orm';
import { CenterSpace } from '../../subgraphs/centers/places/center-space.entity';
import { LearningCenter } from '../../subgraphs/centers/places/learning-center.entity';
import { Partnership } from '../../subgraphs/centers/network/partnership.entity';
import { mutate as mutateThroughGateway, type UserError } from '../support/mutations';
import { fresh, RUN } from '../support/names';
import { graphql, openSubgraphDatabase, readSeedCsv, SUB_AREA, testStack, tokenFor } from '../support/stack';

/** Mapo-gu: a district the other write suites leave alone. */
export const DISTRICT = '11440';
export const AWAY_DISTRICT = '11110';
export const gateway = () => testStack().gatewayUrl;

const fields = readSeedCsv('lifelong_education_program_classification.csv');
export const OTHER_SUB_AREA = fields.filter((f) => f.level === 'sub')[1].code;
export const AREA = fields.find((f) => f.level === 'area')!.code;

export type Payload = { program: Record<string, any> | null; userErrors: UserError[] };
export type Ref = { typename: string; id: string };

const INSTITUTION_TYPE: Record<string, string> = {
  LearningCenter: 'LEARNING_CENTER',
  School: 'SCHOOL',
  Library: 'LIBRARY',
  CulturalCenter: 'CULTURAL_CENTER',
  CivilProvider: 'CIVIL_PROVIDER',
};
export const hostInput = (ref: Ref) => ({ type: INSTITUTION_TYPE[ref.typename], id: ref.id });

const PROGRAM = `id title description track status version capacity seatsLeft feeKrw startsOn endsOn field { code } center { id }
  host { __typename ... on LearningCenter { id } ... on School { id } ... on Library { id } ... on CulturalCenter { id } ... on CivilProvider { id } }
  venue { __typename ... on SchoolSpace { id } ... on LibrarySpace { id } ... on CulturalSpace { id } ... on CenterSpace { id } }
  sessions { startsAt endsAt }`;

/** The center the programs are written for, and the institutions around it. */
export interface Fixture {
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
export let fixture: Fixture;
export let orm: Orm;

const CALLERS = [
  'cityAdmin',
  'homeOfficer',
  'awayOfficer',
  'host',
  'centerItself',
  'otherPartner',
  'formerPartner',
  'expert',
  'educationOffice',
  'resident',
  'analyst',
  'anonymous',
] as const;
export type Caller = (typeof CALLERS)[number];
export const tokens = new Map<Caller, string | undefined>();

function claimsOf(caller: Caller): TokenClaims | null {
  const institution = (ref: Ref) => `${ref.typename}:${ref.id}`;
  switch (caller) {
    case 'cityAdmin':
      return { sub: 'test-city-admin', role: Role.CITY_ADMIN };
    case 'homeOfficer':
      return { sub: 'test-home-officer', role: Role.DISTRICT_OFFICER, district: DISTRICT };
    case 'awayOfficer':
      return { sub: 'test-away-officer', role: Role.DISTRICT_OFFICER, district: AWAY_DISTRICT };
    case 'host':
      return { sub: 'test-partner', role: Role.INSTITUTION, institution: institution(fixture.partner) };
    case 'centerItself':
      return { sub: 'test-center', role: Role.INSTITUTION, institution: `LearningCenter:${fixture.center.id}` };
    case 'otherPartner':
      return { sub: 'test-other-partner', role: Role.INSTITUTION, institution: institution(fixture.otherPartner) };
    case 'formerPartner':
      return { sub: 'test-former-partner', role: Role.INSTITUTION, institution: institution(fixture.formerPartner) };
    case 'expert':
      return { sub: 'test-expert', role: Role.EXPERT, district: DISTRICT };
    case 'educationOffice':
      return { sub: 'test-office', role: Role.EDUCATION_OFFICE, educationOffice: '7010000' };
    case 'resident':
      return { sub: `R-${RUN}`, role: Role.RESIDENT };
    case 'analyst':
      return { sub: 'test-analyst', role: Role.ANALYST };
    case 'anonymous':
      return null;
  }
}

const INPUT_TYPES: Record<string, string> = {
  createProgram: 'CreateProgramInput',
  updateProgram: 'UpdateProgramInput',
  publishProgram: 'ProgramIdInput',
  archiveProgram: 'ProgramIdInput',
};

/** Runs a program mutation through the gateway as `caller`; its payload (GraphQL errors fail the test). */
export async function mutate(
  mutation: string,
  input: Record<string, unknown>,
  caller: Caller = 'cityAdmin',
): Promise<Payload> {
  return mutateThroughGateway({
    mutation,
    inputType: INPUT_TYPES[mutation],
    input,
    selection: `program { ${PROGRAM} }`,
    token: tokens.get(caller),
  });
}

export function draftInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
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
export async function newProgram({
  publish = false,
  ...overrides
}: Record<string, unknown> & { publish?: boolean } = {}): Promise<Record<string, any>> {
  const created = await mutate('createProgram', draftInput({ host: hostInput(fixture.partner), ...overrides }));
  expect(created.userErrors).toEqual([]);
  if (!publish) return created.program!;
  const published = await mutate('publishProgram', { id: created.program!.id });
  expect(published.userErrors).toEqual([]);
  return published.program!;
}

export async function rows(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  return orm.em.getConnection().execute(sql, params);
}
export const programRow = async (id: string) => (await rows('select * from program where id = ?', [id]))[0];
export const sessionRows = (id: string) =>
  rows('select * from program_session where program_id = ? order by position', [id]);
export const countByTitle = async (title: string) =>
  (await rows('select id from program where title = ?', [title])).length;

/** Finds, in the seed, a center of DISTRICT with an active library partner that has a room, another active partner and a former one. */
async function findFixture(): Promise<Fixture> {
  const em = orm.em.fork();
  const centers = await em.find(LearningCenter, { district: DISTRICT }, { orderBy: { id: 'asc' } });
  const partnerships = await em.find(Partnership, { districtCode: DISTRICT }, { orderBy: { id: 'asc' } });
  const foreignRoom = await em.findOneOrFail(
    CenterSpace,
    { center: { district: { $ne: DISTRICT } } },
    { orderBy: { id: 'asc' } },
  );
  const refOf = (p: Partnership): Ref => ({ typename: p.partnerType, id: p.partnerId });
  for (const center of centers) {
    const own = partnerships.filter((p) => p.center.id === center.id);
    const former = own.find((p) => !p.active);
    for (const library of own.filter((p) => p.active && p.partnerType === 'Library')) {
      const other = own.find((p) => p.active && p !== library);
      const { data } = await graphql(gateway(), 'query($id: ID!) { library(id: $id) { spaces { id } } }', {
        id: library.partnerId,
      });
      const room = data!.library.spaces
        .map((space: { id: string }) => space.id)
        .find((id: string) => id !== center.venueId);
      if (former && other && room) {
        return {
          center: {
            id: center.id,
            venue: center.venueType && center.venueId ? { typename: center.venueType, id: center.venueId } : null,
          },
          partner: refOf(library),
          partnerRoom: room,
          otherPartner: refOf(other),
          formerPartner: refOf(former),
          foreignCenterRoom: foreignRoom.id,
        };
      }
    }
  }
  throw new Error(
    `no center of ${DISTRICT} has an active library partner with a room, another active partner and a former partner`,
  );
}

/** Opens the centers database, finds the fixture and signs a token for every caller (call it at the top of a test file). */
export function setUpProgramWrites(): void {
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
}
