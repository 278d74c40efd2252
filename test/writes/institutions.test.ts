/**
 * The writes of the four institution subgraphs, through the gateway: who may
 * manage an institution's profile and rooms (every role against every
 * mutation), what bad input is answered with, and that whatever is refused
 * leaves the database exactly as it was.
 *
 * Independent of the other test files: the rooms used here are created here,
 * and afterAll deletes them and puts every profile touched back as it was.
 */
import { randomUUID } from 'node:crypto';
import { Role, type TokenClaims } from '../../lib/auth';
import type { SubgraphName } from '../../lib/config';
import type { Orm } from '../../lib/subgraph/orm';
import { graphql, openSubgraphDatabase, testStack, tokenFor } from '../support/stack';

/** Gangdong-gu: last by code, so its institutions are not the ones other suites sample first. */
const DISTRICT = '11740';
const RUN = randomUUID().slice(0, 8);
let serial = 0;
/** A text no earlier run or test used. */
const fresh = (label: string) => `${label} ${RUN}-${++serial}`;

type Row = Record<string, unknown>;
type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED';
type InstitutionTypename = 'School' | 'Library' | 'CulturalCenter' | 'CivilProvider';

const ACTORS = [
  'CITY_ADMIN', 'ITSELF', 'SAME_TYPE', 'OTHER_TYPE', 'OWN_EDUCATION_OFFICE', 'OTHER_EDUCATION_OFFICE',
  'DISTRICT_OFFICER', 'EXPERT', 'RESIDENT', 'ANALYST', 'ANONYMOUS',
] as const;
type Actor = (typeof ACTORS)[number];

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
interface Fixture {
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
    case 'CITY_ADMIN': return { sub: 'test-city-admin', role: Role.CITY_ADMIN };
    case 'ITSELF': return { sub: `test-${f.typename}-${f.id}`, role: Role.INSTITUTION, institution: `${f.typename}:${f.id}` };
    case 'SAME_TYPE': return { sub: `test-${f.typename}-${f.siblingId}`, role: Role.INSTITUTION, institution: `${f.typename}:${f.siblingId}` };
    case 'OTHER_TYPE': return { sub: `test-${other}-${f.id}`, role: Role.INSTITUTION, institution: `${other}:${f.id}` };
    case 'OWN_EDUCATION_OFFICE': return { sub: `test-office-${f.officeCode}`, role: Role.EDUCATION_OFFICE, educationOffice: f.officeCode };
    case 'OTHER_EDUCATION_OFFICE': return { sub: `test-office-${f.otherOfficeCode}`, role: Role.EDUCATION_OFFICE, educationOffice: f.otherOfficeCode };
    case 'DISTRICT_OFFICER': return { sub: 'test-district-officer', role: Role.DISTRICT_OFFICER, district: DISTRICT };
    case 'EXPERT': return { sub: 'test-expert', role: Role.EXPERT, district: DISTRICT };
    case 'RESIDENT': return { sub: 'test-resident', role: Role.RESIDENT };
    case 'ANALYST': return { sub: 'test-analyst', role: Role.ANALYST };
    case 'ANONYMOUS': return null;
  }
}

function outcomeOf(actor: Actor, allowed: readonly Actor[]): Outcome {
  if (allowed.includes(actor)) return 'ALLOWED';
  return actor === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
}

const may = (actor: Actor, outcome: Outcome, what: string) =>
  `${ACTOR_NAMES[actor]} ${outcome === 'ALLOWED' ? 'may' : `may not (${outcome})`} ${what}`;

const lowerFirst = (name: string) => name[0].toLowerCase() + name.slice(1);

interface UserError { field: string[] | null; message: string; code: string }
interface Result<T = Row> { node: T | null; userErrors: UserError[] }

/** Runs `mutation` (aliased `result { node ... userErrors }`) through the gateway as `actor`. */
async function send<T = Row>(actor: Actor, f: Fixture, mutation: string, input: Row): Promise<Result<T>> {
  const claims = claimsOf(actor, f);
  const token = claims ? await tokenFor(claims) : undefined;
  const response = await graphql<{ result: Result<T> }>(testStack().gatewayUrl, mutation, { input }, {}, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.result;
}

async function read<T = Row>(query: string, variables: Row): Promise<T> {
  const response = await graphql<T>(testStack().gatewayUrl, query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

const USER_ERRORS = 'userErrors { field message code }';

/** The user errors of a refusal, as [code, field path] pairs. */
const refusals = (result: Result) => result.userErrors.map((e) => [e.code, e.field]);

function expectRefused(result: Result, outcome: Exclude<Outcome, 'ALLOWED'>): void {
  expect(result.node).toBeNull();
  expect(result.userErrors.map((e) => e.code)).toEqual([outcome]);
  expect(result.userErrors[0].message).not.toBe('');
}

const orms = new Map<SubgraphName, Orm>();
async function sql(subgraph: SubgraphName, text: string, params: unknown[] = []): Promise<Row[]> {
  return orms.get(subgraph)!.em.fork().getConnection().execute(text, params);
}

/* ------------------------------------------------------------------ */
/* Schools, libraries, cultural centers: profile and rooms             */
/* ------------------------------------------------------------------ */

interface SpaceOwnerCase {
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

const SPACE_OWNERS: SpaceOwnerCase[] = [
  {
    subgraph: 'schools', typename: 'School', space: 'SchoolSpace', ownerIdField: 'schoolId', ownerQuery: 'school', ownerList: 'schools',
    ownerTable: 'school', spaceTable: 'school_space', ownerColumn: 'school_id',
    managers: ['CITY_ADMIN', 'ITSELF', 'OWN_EDUCATION_OFFICE'], renamers: ['CITY_ADMIN', 'OWN_EDUCATION_OFFICE'],
  },
  {
    subgraph: 'libraries', typename: 'Library', space: 'LibrarySpace', ownerIdField: 'libraryId', ownerQuery: 'library', ownerList: 'libraries',
    ownerTable: 'library', spaceTable: 'library_space', ownerColumn: 'library_id',
    managers: ['CITY_ADMIN', 'ITSELF'], renamers: ['CITY_ADMIN'],
  },
  {
    subgraph: 'cultural-centers', typename: 'CulturalCenter', space: 'CulturalSpace', ownerIdField: 'culturalCenterId',
    ownerQuery: 'culturalCenter', ownerList: 'culturalCenters',
    ownerTable: 'cultural_center', spaceTable: 'cultural_space', ownerColumn: 'cultural_center_id',
    managers: ['CITY_ADMIN', 'ITSELF'], renamers: ['CITY_ADMIN'],
  },
];

/** The first two institutions of DISTRICT, and the education offices relative to it. */
async function fixtureOf(typename: InstitutionTypename, list: string): Promise<Fixture> {
  const data = await read<Row & { district: { educationOffice: { code: string } }; educationOffices: { code: string }[] }>(
    `query($code: ID!) {
      district(code: $code) { educationOffice { code } }
      educationOffices { code }
      list: ${list}(filter: { districtCode: $code }, first: 2) { edges { node { id } } }
    }`,
    { code: DISTRICT },
  );
  const [first, second] = (data.list as { edges: { node: { id: string } }[] }).edges.map((e) => e.node.id);
  const officeCode = data.district.educationOffice.code;
  return { typename, id: first, siblingId: second, officeCode, otherOfficeCode: data.educationOffices.find((o) => o.code !== officeCode)!.code };
}

describe.each(SPACE_OWNERS)('writes of the $subgraph subgraph', (c) => {
  const payload = lowerFirst(c.space);
  const SPACE_FIELDS = 'id name capacity removed';
  const CREATE = `mutation($input: Create${c.space}Input!) { result: create${c.space}(input: $input) { node: ${payload} { ${SPACE_FIELDS} } ${USER_ERRORS} } }`;
  const UPDATE = `mutation($input: Update${c.space}Input!) { result: update${c.space}(input: $input) { node: ${payload} { ${SPACE_FIELDS} } ${USER_ERRORS} } }`;
  const REMOVE = `mutation($input: Remove${c.space}Input!) { result: remove${c.space}(input: $input) { node: ${payload} { ${SPACE_FIELDS} } ${USER_ERRORS} } }`;
  const PROFILE = `mutation($input: Update${c.typename}ProfileInput!) {
    result: update${c.typename}Profile(input: $input) { node: ${lowerFirst(c.typename)} { id name address phone homepage } ${USER_ERRORS} } }`;

  let f: Fixture;
  /** The rows as they were before this file ran, to put back afterwards. */
  let originalOwners: Row[];
  let originalSpaceIds: Set<string>;

  const ownerRow = async (id = f.id) => (await sql(c.subgraph, `select id, name, address, phone, homepage from ${c.ownerTable} where id = ?`, [id]))[0];
  const spaceRows = async (ownerId = f.id) =>
    sql(c.subgraph, `select id, name, capacity, removed_at from ${c.spaceTable} where ${c.ownerColumn} = ? order by id`, [ownerId]);
  const spaceRow = async (id: string) => (await sql(c.subgraph, `select id, name, capacity, removed_at from ${c.spaceTable} where id = ?`, [id]))[0];
  /** The rooms the gateway lists for the owner. */
  const listedSpaces = async (ownerId = f.id) =>
    (await read<Row & { owner: { spaces: Row[] } }>(`query($id: ID!) { owner: ${c.ownerQuery}(id: $id) { spaces { id name capacity removed } } }`, { id: ownerId }))
      .owner.spaces;
  /** A room of the fixture created by the city admin, for a test to work on. */
  async function freshRoom(): Promise<{ id: string; name: string; capacity: number }> {
    const { node, userErrors } = await send<{ id: string; name: string; capacity: number }>('CITY_ADMIN', f, CREATE, {
      [c.ownerIdField]: f.id, name: fresh('Room'), capacity: 20,
    });
    expect(userErrors).toEqual([]);
    return node!;
  }

  beforeAll(async () => {
    orms.set(c.subgraph, await openSubgraphDatabase(c.subgraph));
    f = await fixtureOf(c.typename, c.ownerList);
    originalOwners = [await ownerRow(f.id), await ownerRow(f.siblingId)];
    originalSpaceIds = new Set([...(await spaceRows(f.id)), ...(await spaceRows(f.siblingId))].map((row) => String(row.id)));
  });

  afterAll(async () => {
    for (const owner of originalOwners) {
      await sql(c.subgraph, `update ${c.ownerTable} set name = ?, address = ?, phone = ?, homepage = ? where id = ?`, [
        owner.name, owner.address, owner.phone, owner.homepage, owner.id,
      ]);
      for (const row of await spaceRows(String(owner.id))) {
        if (!originalSpaceIds.has(String(row.id))) await sql(c.subgraph, `delete from ${c.spaceTable} where id = ?`, [row.id]);
      }
    }
    await orms.get(c.subgraph)?.close(true);
  });

  describe(`who may create a ${c.space}`, () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, c.managers);
      it(may(actor, outcome, `open a new room of the ${c.typename}`), async () => {
        const before = await spaceRows();
        const name = fresh('Room');
        const result = await send(actor, f, CREATE, { [c.ownerIdField]: f.id, name, capacity: 24, idempotencyKey: fresh('key') });
        const after = await spaceRows();
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toMatchObject({ name, capacity: 24, removed: false });
          expect(after.map((row) => row.id).sort()).toEqual([...before.map((row) => row.id), result.node!.id].sort());
        } else {
          expectRefused(result, outcome);
          expect(after).toEqual(before);
        }
      });
    }
  });

  describe(`who may update a ${c.space}`, () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, c.managers);
      it(may(actor, outcome, `rename a room of the ${c.typename} and change its capacity`), async () => {
        const room = await freshRoom();
        const before = await spaceRow(room.id);
        const name = fresh('Renamed room');
        const result = await send(actor, f, UPDATE, { id: room.id, name, capacity: 31 });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toEqual({ id: room.id, name, capacity: 31, removed: false });
          expect(await spaceRow(room.id)).toEqual({ ...before, name, capacity: 31 });
        } else {
          expectRefused(result, outcome);
          expect(await spaceRow(room.id)).toEqual(before);
        }
      });
    }
  });

  describe(`who may remove a ${c.space}`, () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, c.managers);
      it(may(actor, outcome, `remove a room of the ${c.typename}`), async () => {
        const room = await freshRoom();
        const before = await spaceRow(room.id);
        const result = await send(actor, f, REMOVE, { id: room.id });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toEqual({ ...room, removed: true });
          expect((await spaceRow(room.id)).removed_at).toEqual(expect.any(String));
          expect((await listedSpaces()).map((space) => space.id)).not.toContain(room.id);
        } else {
          expectRefused(result, outcome);
          expect(await spaceRow(room.id)).toEqual(before);
          expect((await listedSpaces()).map((space) => space.id)).toContain(room.id);
        }
      });
    }
  });

  describe(`who may edit the ${c.typename}'s address, phone and homepage`, () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, c.managers);
      it(may(actor, outcome, 'edit them'), async () => {
        const before = await ownerRow();
        const input = { id: f.id, address: fresh('서울특별시 강동구 테스트로'), phone: '02-3425-0000', homepage: `https://example.org/${RUN}/${++serial}` };
        const result = await send(actor, f, PROFILE, input);
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toEqual({ ...input, name: before.name });
          expect(await ownerRow()).toEqual({ ...before, address: input.address, phone: input.phone, homepage: input.homepage });
        } else {
          expectRefused(result, outcome);
          expect(await ownerRow()).toEqual(before);
        }
      });
    }
  });

  describe(`who may rename the ${c.typename}`, () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, c.renamers);
      it(may(actor, outcome, 'change its name'), async () => {
        const before = await ownerRow();
        const name = fresh(`${before.name}`);
        const result = await send(actor, f, PROFILE, { id: f.id, name, address: fresh('주소') });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(await ownerRow()).toMatchObject({ name, address: result.node!.address });
          const { owner } = await read<{ owner: { name: string } }>(`query($id: ID!) { owner: ${c.ownerQuery}(id: $id) { name } }`, { id: f.id });
          expect(owner.name).toBe(name);
        } else {
          expectRefused(result, outcome);
          // the whole request is refused: the address given with the name is not saved either
          expect(await ownerRow()).toEqual(before);
        }
      });
    }

    it('points a managing but not renaming caller at the name field', async () => {
      const result = await send('ITSELF', f, PROFILE, { id: f.id, name: fresh('New name') });
      expect(refusals(result)).toEqual([['FORBIDDEN', ['input', 'name']]]);
    });
  });

  describe('rooms', () => {
    it('shows a new room among the owner\'s spaces through the gateway, pointing back to its owner', async () => {
      const room = await freshRoom();
      const { owner } = await read<{ owner: { spaces: Row[] } }>(
        `query($id: ID!) { owner: ${c.ownerQuery}(id: $id) { spaces { id name capacity removed owner: ${lowerFirst(c.typename)} { id } } } }`,
        { id: f.id },
      );
      expect(owner.spaces).toContainEqual({ ...room, owner: { id: f.id } });
    });

    it('stores the name trimmed and accepts the limits: 100 characters and a capacity of 1 or 5000', async () => {
      const name = `${RUN}${'가'.repeat(92)}`;
      const big = await send('ITSELF', f, CREATE, { [c.ownerIdField]: f.id, name: `  ${name}  `, capacity: 5000 });
      const small = await send('ITSELF', f, CREATE, { [c.ownerIdField]: f.id, name: fresh('Tiny room'), capacity: 1 });
      expect([big.userErrors, small.userErrors]).toEqual([[], []]);
      expect(await spaceRow(String(big.node!.id))).toMatchObject({ name, capacity: 5000 });
      expect(small.node).toMatchObject({ capacity: 1 });
    });

    it('answers a blank name and a capacity of 0 with an error on each field, and creates nothing', async () => {
      const before = await spaceRows();
      const result = await send('ITSELF', f, CREATE, { [c.ownerIdField]: f.id, name: '   ', capacity: 0 });
      expect(result.node).toBeNull();
      expect(refusals(result)).toEqual([['INVALID_INPUT', ['input', 'name']], ['INVALID_INPUT', ['input', 'capacity']]]);
      expect(await spaceRows()).toEqual(before);
    });

    it('answers a name over 100 characters and a capacity over 5000 with errors, and creates nothing', async () => {
      const before = await spaceRows();
      const result = await send('CITY_ADMIN', f, CREATE, { [c.ownerIdField]: f.id, name: 'x'.repeat(101), capacity: 5001 });
      expect(refusals(result)).toEqual([['INVALID_INPUT', ['input', 'name']], ['INVALID_INPUT', ['input', 'capacity']]]);
      expect(await spaceRows()).toEqual(before);
    });

    it(`answers an unknown ${c.typename} with NOT_FOUND on input.${c.ownerIdField}`, async () => {
      const result = await send('CITY_ADMIN', f, CREATE, { [c.ownerIdField]: 'NO-SUCH-ID', name: fresh('Room'), capacity: 10 });
      expect(refusals(result)).toEqual([['NOT_FOUND', ['input', c.ownerIdField]]]);
      expect(await sql(c.subgraph, `select id from ${c.spaceTable} where ${c.ownerColumn} = ?`, ['NO-SUCH-ID'])).toEqual([]);
    });

    it('answers an unknown room with NOT_FOUND on input.id when updating or removing', async () => {
      for (const [mutation, input] of [[UPDATE, { id: 'NO-SUCH-ROOM', capacity: 10 }], [REMOVE, { id: 'NO-SUCH-ROOM' }]] as const) {
        expect(refusals(await send('CITY_ADMIN', f, mutation, input))).toEqual([['NOT_FOUND', ['input', 'id']]]);
      }
    });

    it('refuses to clear a room\'s name or capacity with null, and changes nothing', async () => {
      const room = await freshRoom();
      const before = await spaceRow(room.id);
      const result = await send('ITSELF', f, UPDATE, { id: room.id, name: null, capacity: null });
      expect(refusals(result)).toEqual([['INVALID_INPUT', ['input', 'name']], ['INVALID_INPUT', ['input', 'capacity']]]);
      expect(await spaceRow(room.id)).toEqual(before);
    });

    it('changes only the fields given', async () => {
      const room = await freshRoom();
      const result = await send('ITSELF', f, UPDATE, { id: room.id, capacity: 77 });
      expect(result.node).toEqual({ ...room, capacity: 77, removed: false });
      expect(await spaceRow(room.id)).toMatchObject({ name: room.name, capacity: 77 });
    });

    it('creates one room however often a create is retried with the same idempotency key, also in parallel', async () => {
      const before = await spaceRows();
      const input = { [c.ownerIdField]: f.id, name: fresh('Retried room'), capacity: 12, idempotencyKey: fresh('retry') };
      const parallel = await Promise.all([1, 2, 3, 4, 5].map(() => send('ITSELF', f, CREATE, input)));
      const first = await send('ITSELF', f, CREATE, input);
      expect(parallel.concat(first).map((result) => result.userErrors)).toEqual(Array(6).fill([]));
      expect(new Set(parallel.concat(first).map((result) => result.node!.id))).toEqual(new Set([first.node!.id]));
      expect(await spaceRows()).toHaveLength(before.length + 1);

      // a new key is a new room, and the same key from another caller is that caller's own
      const other = await send('ITSELF', f, CREATE, { ...input, idempotencyKey: fresh('retry') });
      const byAdmin = await send('CITY_ADMIN', f, CREATE, input);
      expect(new Set([first.node!.id, other.node!.id, byAdmin.node!.id]).size).toBe(3);
      expect(await spaceRows()).toHaveLength(before.length + 3);
    });

    it('refuses an idempotency key over 200 characters, and creates nothing', async () => {
      const before = await spaceRows();
      const result = await send('ITSELF', f, CREATE, { [c.ownerIdField]: f.id, name: fresh('Room'), capacity: 5, idempotencyKey: 'k'.repeat(201) });
      expect(refusals(result)).toEqual([['INVALID_INPUT', ['input', 'idempotencyKey']]]);
      expect(await spaceRows()).toEqual(before);
    });

    it('keeps a removed room resolvable by key for the programs held there, but no longer editable', async () => {
      const room = await freshRoom();
      expect((await send('ITSELF', f, REMOVE, { id: room.id })).userErrors).toEqual([]);
      const removedRow = await spaceRow(room.id);

      // the Venue of a program is resolved by key (_entities), which still finds the room and its name
      const { data } = await graphql<{ _entities: Row[] }>(
        testStack().subgraphUrls[c.subgraph],
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${c.space} { id name removed } } }`,
        { representations: [{ __typename: c.space, id: room.id }] },
      );
      expect(data!._entities).toEqual([{ id: room.id, name: room.name, removed: true }]);

      expect(refusals(await send('ITSELF', f, UPDATE, { id: room.id, name: fresh('Again') }))).toEqual([['NOT_FOUND', ['input', 'id']]]);
      expect(refusals(await send('ITSELF', f, REMOVE, { id: room.id }))).toEqual([['NOT_FOUND', ['input', 'id']]]);
      expect(await spaceRow(room.id)).toEqual(removedRow);
    });
  });

  describe('profile', () => {
    it('clears a contact field given as null and leaves the fields not given as they are', async () => {
      const phone = '02-3425-1234';
      expect((await send('ITSELF', f, PROFILE, { id: f.id, phone, homepage: 'https://example.org/before' })).userErrors).toEqual([]);
      const before = await ownerRow();
      const result = await send('ITSELF', f, PROFILE, { id: f.id, homepage: null });
      expect(result.userErrors).toEqual([]);
      expect(await ownerRow()).toEqual({ ...before, phone, homepage: null });
    });

    it('answers a blank address, a malformed phone and a non-web homepage with an error on each field, and changes nothing', async () => {
      const before = await ownerRow();
      const result = await send('ITSELF', f, PROFILE, { id: f.id, address: '  ', phone: 'call us', homepage: 'ftp://example.org' });
      expect(result.node).toBeNull();
      expect(refusals(result)).toEqual([
        ['INVALID_INPUT', ['input', 'address']],
        ['INVALID_INPUT', ['input', 'phone']],
        ['INVALID_INPUT', ['input', 'homepage']],
      ]);
      expect(await ownerRow()).toEqual(before);
    });

    it('refuses to clear the name, and a name over 100 characters, changing nothing', async () => {
      const before = await ownerRow();
      expect(refusals(await send('CITY_ADMIN', f, PROFILE, { id: f.id, name: null }))).toEqual([['INVALID_INPUT', ['input', 'name']]]);
      expect(refusals(await send('CITY_ADMIN', f, PROFILE, { id: f.id, name: 'n'.repeat(101) }))).toEqual([['INVALID_INPUT', ['input', 'name']]]);
      expect(await ownerRow()).toEqual(before);
    });

    it(`answers an unknown ${c.typename} with NOT_FOUND on input.id`, async () => {
      expect(refusals(await send('CITY_ADMIN', f, PROFILE, { id: 'NO-SUCH-ID', address: 'x' }))).toEqual([['NOT_FOUND', ['input', 'id']]]);
    });
  });
});

/* ------------------------------------------------------------------ */
/* Civil providers                                                      */
/* ------------------------------------------------------------------ */

describe('writes of the civil-providers subgraph', () => {
  const PROVIDER_FIELDS = 'id name kind certifiedExcellent districts { code }';
  const PROFILE = `mutation($input: UpdateCivilProviderProfileInput!) {
    result: updateCivilProviderProfile(input: $input) { node: civilProvider { ${PROVIDER_FIELDS} } ${USER_ERRORS} } }`;
  const CERTIFY = `mutation($input: SetCivilProviderCertificationInput!) {
    result: setCivilProviderCertification(input: $input) { node: civilProvider { ${PROVIDER_FIELDS} } ${USER_ERRORS} } }`;
  const KINDS = ['NONPROFIT', 'COOPERATIVE', 'SOCIAL_ENTERPRISE', 'ACADEMY', 'UNIVERSITY_EXTENSION', 'COMMUNITY_GROUP'];

  let f: Fixture;
  let originals: { provider: Row; areas: Row[] }[];

  /** The provider row and the districts it serves, as stored. */
  async function stored(id = f.id): Promise<{ provider: Row; areas: Row[] }> {
    const [provider] = await sql('civil-providers', 'select id, name, kind, certified_excellent from civil_provider where id = ?', [id]);
    const areas = await sql('civil-providers', 'select provider_id, district_code from served_area where provider_id = ? order by district_code', [id]);
    return { provider: { ...provider, certified_excellent: Boolean(provider.certified_excellent) }, areas };
  }
  const districtCodes = (state: { areas: Row[] }) => state.areas.map((area) => area.district_code);

  beforeAll(async () => {
    orms.set('civil-providers', await openSubgraphDatabase('civil-providers'));
    f = await fixtureOf('CivilProvider', 'civilProviders');
    originals = [await stored(f.id), await stored(f.siblingId)];
  });

  afterAll(async () => {
    for (const { provider, areas } of originals) {
      await sql('civil-providers', 'update civil_provider set name = ?, kind = ?, certified_excellent = ? where id = ?', [
        provider.name, provider.kind, provider.certified_excellent, provider.id,
      ]);
      await sql('civil-providers', 'delete from served_area where provider_id = ?', [provider.id]);
      for (const area of areas) {
        await sql('civil-providers', 'insert into served_area (provider_id, district_code) values (?, ?)', [area.provider_id, area.district_code]);
      }
    }
    await orms.get('civil-providers')?.close(true);
  });

  describe("who may update a provider's profile", () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, ['CITY_ADMIN', 'ITSELF']);
      it(may(actor, outcome, 'change its name, kind and districts'), async () => {
        const before = await stored();
        const kind = KINDS.find((k) => k !== before.provider.kind)!;
        const codes = [DISTRICT, districtCodes(before).includes('11110') ? '11140' : '11110'];
        const name = fresh('테스트 배움협동조합');
        const result = await send(actor, f, PROFILE, { id: f.id, name, kind, districtCodes: codes });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toMatchObject({ id: f.id, name, kind, districts: [...codes].sort().map((code) => ({ code })) });
          const after = await stored();
          expect(after.provider).toEqual({ ...before.provider, name, kind });
          expect(districtCodes(after)).toEqual([...codes].sort());
        } else {
          expectRefused(result, outcome);
          expect(await stored()).toEqual(before);
        }
      });
    }
  });

  describe('who may certify a provider as excellent', () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, ['CITY_ADMIN']);
      it(may(actor, outcome, 'grant or withdraw the certification'), async () => {
        const before = await stored();
        const certifiedExcellent = !before.provider.certified_excellent;
        const result = await send(actor, f, CERTIFY, { id: f.id, certifiedExcellent });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toMatchObject({ id: f.id, certifiedExcellent });
          expect(await stored()).toEqual({ ...before, provider: { ...before.provider, certified_excellent: certifiedExcellent } });
        } else {
          expectRefused(result, outcome);
          expect(await stored()).toEqual(before);
        }
      });
    }
  });

  it('does not let a provider certify itself through its profile', async () => {
    const { errors } = await graphql(testStack().gatewayUrl, `mutation { updateCivilProviderProfile(input: { id: "${f.id}", certifiedExcellent: true }) { userErrors { code } } }`);
    expect(errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lists the provider under the districts it now serves and no longer under the others, through the gateway', async () => {
    const name = fresh('동네 배움 연구소');
    expect((await send('ITSELF', f, PROFILE, { id: f.id, name, districtCodes: ['11110', DISTRICT] })).userErrors).toEqual([]);
    const { provider } = await read<{ provider: { districts: { code: string }[] } }>('query($id: ID!) { provider: civilProvider(id: $id) { districts { code } } }', { id: f.id });
    expect(provider.districts).toEqual([{ code: '11110' }, { code: DISTRICT }]);
    const servedIn = async (code: string) =>
      (await read<{ found: { edges: { node: { id: string } }[] } }>(
        'query($code: ID!, $name: String!) { found: civilProviders(filter: { districtCode: $code, nameContains: $name }) { edges { node { id } } } }',
        { code, name },
      )).found.edges.map((e) => e.node.id);
    expect(await servedIn('11110')).toEqual([f.id]);
    expect(await servedIn(DISTRICT)).toEqual([f.id]);
    expect(await servedIn('11140')).toEqual([]);
  });

  it('answers malformed and repeated district codes with an error on each, and changes nothing', async () => {
    const before = await stored();
    const result = await send('ITSELF', f, PROFILE, { id: f.id, name: ' ', districtCodes: ['123', DISTRICT, DISTRICT] });
    expect(result.node).toBeNull();
    expect(refusals(result)).toEqual([
      ['INVALID_INPUT', ['input', 'name']],
      ['INVALID_INPUT', ['input', 'districtCodes', '0']],
      ['INVALID_INPUT', ['input', 'districtCodes', '2']],
    ]);
    expect(await stored()).toEqual(before);
  });

  it('answers an empty district list, or a cleared one, with an error on districtCodes', async () => {
    const before = await stored();
    for (const districtCodesInput of [[], null]) {
      const result = await send('ITSELF', f, PROFILE, { id: f.id, districtCodes: districtCodesInput });
      expect(refusals(result)).toEqual([['INVALID_INPUT', ['input', 'districtCodes']]]);
    }
    expect(refusals(await send('ITSELF', f, PROFILE, { id: f.id, name: null, kind: null }))).toEqual([
      ['INVALID_INPUT', ['input', 'name']],
      ['INVALID_INPUT', ['input', 'kind']],
    ]);
    expect(await stored()).toEqual(before);
  });

  it('answers a district the centers subgraph does not know with NOT_FOUND on that entry, and changes nothing', async () => {
    const before = await stored();
    const result = await send('ITSELF', f, PROFILE, { id: f.id, name: fresh('Renamed'), districtCodes: [DISTRICT, '11999'] });
    expect(refusals(result)).toEqual([['NOT_FOUND', ['input', 'districtCodes', '1']]]);
    expect(await stored()).toEqual(before);
  });

  it('answers an unknown provider with NOT_FOUND on input.id, for both mutations', async () => {
    expect(refusals(await send('CITY_ADMIN', f, PROFILE, { id: 'NO-SUCH-ID', name: 'x' }))).toEqual([['NOT_FOUND', ['input', 'id']]]);
    expect(refusals(await send('CITY_ADMIN', f, CERTIFY, { id: 'NO-SUCH-ID', certifiedExcellent: true }))).toEqual([['NOT_FOUND', ['input', 'id']]]);
  });
});
