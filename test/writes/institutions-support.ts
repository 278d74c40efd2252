/**
 * What the institution write tests share (institutions-*.test.ts): the actors relative to an institution of
 * DISTRICT, its mutations through the gateway, and the rows they leave. Each test file is independent of the
 * others: the rooms it uses it creates, and afterAll deletes them and puts every profile touched back as it was.
 */
import { Role, type TokenClaims } from '../../lib/auth';
import type { SubgraphName } from '../../lib/config';
import type { Orm } from '../../lib/subgraph/orm';
import { USER_ERRORS, type UserError } from '../support/mutations';
import { fresh } from '../support/names';
import { graphql, openSubgraphDatabase, testStack, tokenFor } from '../support/stack';

/** Gangdong-gu: last by code, so its institutions are not the ones other suites sample first. */
export const DISTRICT = '11740';

export type Row = Record<string, unknown>;
export type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED';
type InstitutionTypename = 'School' | 'Library' | 'CulturalCenter' | 'CivilProvider';

export const ACTORS = [
  'CITY_ADMIN',
  'ITSELF',
  'SAME_TYPE',
  'OTHER_TYPE',
  'OWN_EDUCATION_OFFICE',
  'OTHER_EDUCATION_OFFICE',
  'DISTRICT_OFFICER',
  'EXPERT',
  'RESIDENT',
  'ANALYST',
  'ANONYMOUS',
] as const;
export type Actor = (typeof ACTORS)[number];

const ACTOR_NAMES: Record<Actor, string> = {
  CITY_ADMIN: 'a CITY_ADMIN',
  ITSELF: 'the institution itself',
  SAME_TYPE: 'another institution of the same type',
  OTHER_TYPE: 'an institution of another type with the same id',
  OWN_EDUCATION_OFFICE: "the EDUCATION_OFFICE serving the institution's district",
  OTHER_EDUCATION_OFFICE: 'another EDUCATION_OFFICE',
  DISTRICT_OFFICER: "a DISTRICT_OFFICER of the institution's district",
  EXPERT: "an EXPERT of the institution's district",
  RESIDENT: 'a RESIDENT',
  ANALYST: 'an ANALYST',
  ANONYMOUS: 'an anonymous caller',
};

/** An institution to write to, and what the actors are relative to it. */
export interface Fixture {
  typename: InstitutionTypename;
  id: string;
  /** Another institution of the same type. */
  siblingId: string;
  officeCode: string;
  otherOfficeCode: string;
}

function claimsOf(actor: Actor, f: Fixture): TokenClaims | null {
  const other: InstitutionTypename = f.typename === 'Library' ? 'CulturalCenter' : 'Library';
  switch (actor) {
    case 'CITY_ADMIN':
      return { sub: 'test-city-admin', role: Role.CITY_ADMIN };
    case 'ITSELF':
      return { sub: `test-${f.typename}-${f.id}`, role: Role.INSTITUTION, institution: `${f.typename}:${f.id}` };
    case 'SAME_TYPE':
      return {
        sub: `test-${f.typename}-${f.siblingId}`,
        role: Role.INSTITUTION,
        institution: `${f.typename}:${f.siblingId}`,
      };
    case 'OTHER_TYPE':
      return { sub: `test-${other}-${f.id}`, role: Role.INSTITUTION, institution: `${other}:${f.id}` };
    case 'OWN_EDUCATION_OFFICE':
      return { sub: `test-office-${f.officeCode}`, role: Role.EDUCATION_OFFICE, educationOffice: f.officeCode };
    case 'OTHER_EDUCATION_OFFICE':
      return {
        sub: `test-office-${f.otherOfficeCode}`,
        role: Role.EDUCATION_OFFICE,
        educationOffice: f.otherOfficeCode,
      };
    case 'DISTRICT_OFFICER':
      return { sub: 'test-district-officer', role: Role.DISTRICT_OFFICER, district: DISTRICT };
    case 'EXPERT':
      return { sub: 'test-expert', role: Role.EXPERT, district: DISTRICT };
    case 'RESIDENT':
      return { sub: 'test-resident', role: Role.RESIDENT };
    case 'ANALYST':
      return { sub: 'test-analyst', role: Role.ANALYST };
    case 'ANONYMOUS':
      return null;
  }
}

export function outcomeOf(actor: Actor, allowed: readonly Actor[]): Outcome {
  if (allowed.includes(actor)) return 'ALLOWED';
  return actor === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
}

export const may = (actor: Actor, outcome: Outcome, what: string) =>
  `${ACTOR_NAMES[actor]} ${outcome === 'ALLOWED' ? 'may' : `may not (${outcome})`} ${what}`;

export const lowerFirst = (name: string) => name[0].toLowerCase() + name.slice(1);

export interface Result<T = Row> {
  node: T | null;
  userErrors: UserError[];
}

/** Runs `mutation` (aliased `result { node ... userErrors }`) through the gateway as `actor`. */
export async function send<T = Row>(actor: Actor, f: Fixture, mutation: string, input: Row): Promise<Result<T>> {
  const claims = claimsOf(actor, f);
  const token = claims ? await tokenFor(claims) : undefined;
  const response = await graphql<{ result: Result<T> }>(testStack().gatewayUrl, mutation, { input }, {}, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.result;
}

export async function read<T = Row>(query: string, variables: Row): Promise<T> {
  const response = await graphql<T>(testStack().gatewayUrl, query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/** The user errors of a refusal, as [code, field path] pairs. */
export const refusals = (result: Result) => result.userErrors.map((e) => [e.code, e.field]);

export function expectRefused(result: Result, outcome: Exclude<Outcome, 'ALLOWED'>): void {
  expect(result.node).toBeNull();
  expect(result.userErrors.map((e) => e.code)).toEqual([outcome]);
  expect(result.userErrors[0].message).not.toBe('');
}

export const orms = new Map<SubgraphName, Orm>();
export async function sql(subgraph: SubgraphName, text: string, params: unknown[] = []): Promise<Row[]> {
  return orms.get(subgraph)!.em.fork().getConnection().execute(text, params);
}

/* ------------------------------------------------------------------ */
/* Schools, libraries, cultural centers: profile and rooms             */
/* ------------------------------------------------------------------ */

export interface SpaceOwnerCase {
  subgraph: 'schools' | 'libraries' | 'cultural-centers';
  typename: 'School' | 'Library' | 'CulturalCenter';
  space: 'SchoolSpace' | 'LibrarySpace' | 'CulturalSpace';
  ownerIdField: string;
  /** Query field and connection field of the owner: school / schools. */
  ownerQuery: string;
  ownerList: string;
  ownerTable: string;
  spaceTable: string;
  ownerColumn: string;
  /** Who may edit the contact profile and manage the rooms. */
  managers: Actor[];
  /** Who may also change the name. */
  renamers: Actor[];
}

export const SPACE_OWNERS: SpaceOwnerCase[] = [
  {
    subgraph: 'schools',
    typename: 'School',
    space: 'SchoolSpace',
    ownerIdField: 'schoolId',
    ownerQuery: 'school',
    ownerList: 'schools',
    ownerTable: 'school',
    spaceTable: 'school_space',
    ownerColumn: 'school_id',
    managers: ['CITY_ADMIN', 'ITSELF', 'OWN_EDUCATION_OFFICE'],
    renamers: ['CITY_ADMIN', 'OWN_EDUCATION_OFFICE'],
  },
  {
    subgraph: 'libraries',
    typename: 'Library',
    space: 'LibrarySpace',
    ownerIdField: 'libraryId',
    ownerQuery: 'library',
    ownerList: 'libraries',
    ownerTable: 'library',
    spaceTable: 'library_space',
    ownerColumn: 'library_id',
    managers: ['CITY_ADMIN', 'ITSELF'],
    renamers: ['CITY_ADMIN'],
  },
  {
    subgraph: 'cultural-centers',
    typename: 'CulturalCenter',
    space: 'CulturalSpace',
    ownerIdField: 'culturalCenterId',
    ownerQuery: 'culturalCenter',
    ownerList: 'culturalCenters',
    ownerTable: 'cultural_center',
    spaceTable: 'cultural_space',
    ownerColumn: 'cultural_center_id',
    managers: ['CITY_ADMIN', 'ITSELF'],
    renamers: ['CITY_ADMIN'],
  },
];

/** The first two institutions of DISTRICT, and the education offices relative to it. */
export async function fixtureOf(typename: InstitutionTypename, list: string): Promise<Fixture> {
  const data = await read<
    Row & { district: { educationOffice: { code: string } }; educationOffices: { code: string }[] }
  >(
    `query($code: ID!) {
      district(code: $code) { educationOffice { code } }
      educationOffices { code }
      list: ${list}(filter: { districtCode: $code }, first: 2) { edges { node { id } } }
    }`,
    { code: DISTRICT },
  );
  const [first, second] = (data.list as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
  const officeCode = data.district.educationOffice.code;
  return {
    typename,
    id: first,
    siblingId: second,
    officeCode,
    otherOfficeCode: data.educationOffices.find((o) => o.code !== officeCode)!.code,
  };
}

/**
 * The mutations and rows of an institution with rooms (call it in a describe per case): opens its database, finds
 * the fixture before the tests and puts its rows back after them.
 */
export function spaceOwnerWrites(c: SpaceOwnerCase) {
  const payload = lowerFirst(c.space);
  const SPACE_FIELDS = 'id name capacity removed';
  const CREATE = `mutation($input: Create${c.space}Input!) { result: create${c.space}(input: $input) { node: ${payload} { ${SPACE_FIELDS} } ${USER_ERRORS} } }`;
  const UPDATE = `mutation($input: Update${c.space}Input!) { result: update${c.space}(input: $input) { node: ${payload} { ${SPACE_FIELDS} } ${USER_ERRORS} } }`;
  const REMOVE = `mutation($input: Remove${c.space}Input!) { result: remove${c.space}(input: $input) { node: ${payload} { ${SPACE_FIELDS} } ${USER_ERRORS} } }`;
  const PROFILE = `mutation($input: Update${c.typename}ProfileInput!) {
    result: update${c.typename}Profile(input: $input) { node: ${lowerFirst(c.typename)} { id name address phone homepage } ${USER_ERRORS} } }`;

  /** The institution written to, filled in before the tests. */
  const f = {} as Fixture;
  /** The rows as they were before this file ran, to put back afterwards. */
  let originalOwners: Row[];
  let originalSpaceIds: Set<string>;

  const ownerRow = async (id = f.id) =>
    (await sql(c.subgraph, `select id, name, address, phone, homepage from ${c.ownerTable} where id = ?`, [id]))[0];
  const spaceRows = async (ownerId = f.id) =>
    sql(
      c.subgraph,
      `select id, name, capacity, removed_at from ${c.spaceTable} where ${c.ownerColumn} = ? order by id`,
      [ownerId],
    );
  const spaceRow = async (id: string) =>
    (await sql(c.subgraph, `select id, name, capacity, removed_at from ${c.spaceTable} where id = ?`, [id]))[0];
  /** The rooms the gateway lists for the owner. */
  const listedSpaces = async (ownerId = f.id) =>
    (
      await read<Row & { owner: { spaces: Row[] } }>(
        `query($id: ID!) { owner: ${c.ownerQuery}(id: $id) { spaces { id name capacity removed } } }`,
        { id: ownerId },
      )
    ).owner.spaces;
  /** A room of the fixture created by the city admin, for a test to work on. */
  async function freshRoom(): Promise<{ id: string; name: string; capacity: number }> {
    const { node, userErrors } = await send<{ id: string; name: string; capacity: number }>('CITY_ADMIN', f, CREATE, {
      [c.ownerIdField]: f.id,
      name: fresh('Room'),
      capacity: 20,
    });
    expect(userErrors).toEqual([]);
    return node!;
  }

  beforeAll(async () => {
    orms.set(c.subgraph, await openSubgraphDatabase(c.subgraph));
    Object.assign(f, await fixtureOf(c.typename, c.ownerList));
    originalOwners = [await ownerRow(f.id), await ownerRow(f.siblingId)];
    originalSpaceIds = new Set(
      [...(await spaceRows(f.id)), ...(await spaceRows(f.siblingId))].map((row) => String(row.id)),
    );
  });

  afterAll(async () => {
    for (const owner of originalOwners) {
      await sql(c.subgraph, `update ${c.ownerTable} set name = ?, address = ?, phone = ?, homepage = ? where id = ?`, [
        owner.name,
        owner.address,
        owner.phone,
        owner.homepage,
        owner.id,
      ]);
      for (const row of await spaceRows(String(owner.id))) {
        if (!originalSpaceIds.has(String(row.id)))
          await sql(c.subgraph, `delete from ${c.spaceTable} where id = ?`, [row.id]);
      }
    }
    await orms.get(c.subgraph)?.close(true);
  });

  return { f, CREATE, UPDATE, REMOVE, PROFILE, ownerRow, spaceRows, spaceRow, listedSpaces, freshRoom };
}
