/**
 * A center's details for residents through the gateway: anyone reads its address, phone, opening hours and
 * accessibility notes; the district's officers and the city change them, field by field, with bad input refused
 * and nothing changed; experts, residents, other districts and anonymous callers cannot.
 */
import type { TokenClaims } from '../../lib/auth';
import type { Orm } from '../../lib/subgraph/orm';
import { LearningCenter } from '../../subgraphs/centers/places/learning-center.entity';
import { cityAdmin, districtOfficer, expert, resident, tokenOf } from '../support/actors';
import { codes, mutate, type Payload } from '../support/mutations';
import { graphql, openSubgraphDatabase, testStack } from '../support/stack';

/** Geumcheon-gu, with G-Valley's near-workplace center: a district the other write suites leave alone. */
const HOME = '11545';
const AWAY = '11110';
const DETAILS = 'id kind address phone openingHours accessibilityNotes';
const HOME_OFFICER = districtOfficer(HOME, 'center-test-officer');

let orm: Orm;
let centerId: string;

function update(input: Record<string, unknown>, caller: TokenClaims | null): Promise<Payload> {
  return (async () =>
    mutate({
      mutation: 'updateLearningCenter',
      inputType: 'UpdateLearningCenterInput',
      input: { id: centerId, ...input },
      selection: `learningCenter { ${DETAILS} }`,
      token: await tokenOf(caller),
    }))();
}

async function stored(): Promise<Record<string, unknown>> {
  const center = await orm.em.fork().findOneOrFail(LearningCenter, centerId);
  const { address, phone, openingHours, accessibilityNotes } = center;
  return { address, phone, openingHours, accessibilityNotes };
}

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  const { data } = await graphql(
    testStack().gatewayUrl,
    `query($d: ID!) { learningCenters(filter: { districtCode: $d }, first: 100) { edges { node { ${DETAILS} } } } }`,
    { d: HOME },
  );
  const centers = data!.learningCenters.edges.map((edge: any) => edge.node);
  centerId = centers.find((center: any) => center.kind === 'NEAR_WORKPLACE_CENTER').id;
});
afterAll(() => orm.close());

describe("a learning center's details for residents", () => {
  it('are readable by anyone: the seed gives every center an address, a phone, opening hours and accessibility notes', async () => {
    const { data, errors } = await graphql(
      testStack().gatewayUrl,
      `query($d: ID!) { learningCenters(filter: { districtCode: $d }, first: 100) { edges { node { ${DETAILS} } } } }`,
      { d: HOME },
    );
    expect(errors).toBeUndefined();
    const centers = data!.learningCenters.edges.map((edge: any) => edge.node);
    expect(centers.map((center: any) => center.kind).sort()).toEqual(
      [...Array(centers.length - 1).fill('DONG_CENTER'), 'NEAR_WORKPLACE_CENTER'].sort(),
    );
    for (const center of centers) {
      expect(center.address).toMatch(/^서울(특별시)? 금천구 /);
      expect(center.phone).toMatch(/^02-\d{4}-\d{4}$/);
      expect(center.openingHours).toMatch(/\d\d:\d\d-\d\d:\d\d/);
      expect(center.accessibilityNotes).toBeTruthy();
    }
  });

  it("are changed by the district's officer, field by field: omitted fields stay, null clears one", async () => {
    const before = await stored();
    const payload = await update({ phone: ' 02-2627-1234 ', openingHours: '평일 18:30-22:00' }, HOME_OFFICER);
    expect(payload.userErrors).toEqual([]);
    expect(payload.learningCenter).toMatchObject({
      id: centerId,
      phone: '02-2627-1234',
      openingHours: '평일 18:30-22:00',
    });
    expect(await stored()).toEqual({ ...before, phone: '02-2627-1234', openingHours: '평일 18:30-22:00' });

    const cleared = await update({ accessibilityNotes: null }, cityAdmin('center-test-admin'));
    expect(cleared.userErrors).toEqual([]);
    expect(await stored()).toEqual({
      ...before,
      phone: '02-2627-1234',
      openingHours: '평일 18:30-22:00',
      accessibilityNotes: null,
    });
    const notes = '1층, 휠체어로 출입할 수 있습니다.';
    expect((await update({ accessibilityNotes: notes }, HOME_OFFICER)).learningCenter.accessibilityNotes).toBe(notes);
  });

  it('refuses a bad phone number and over-long text, field by field, and changes nothing', async () => {
    const before = await stored();
    for (const phone of ['2627-1234', '02 2627 1234', '02-2627-12345', '+82-2-2627-1234', '']) {
      const payload = await update({ phone }, HOME_OFFICER);
      expect(payload.learningCenter).toBeNull();
      expect(payload.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'phone'] }),
      ]);
    }
    const tooLong = await update(
      { address: '가'.repeat(201), openingHours: '가'.repeat(201), accessibilityNotes: '가'.repeat(501) },
      HOME_OFFICER,
    );
    expect(tooLong.userErrors.map((error) => error.field)).toEqual([
      ['input', 'address'],
      ['input', 'openingHours'],
      ['input', 'accessibilityNotes'],
    ]);
    expect(await stored()).toEqual(before);
  });

  it("refuses experts, residents, another district's officer and anonymous callers, and an unknown center", async () => {
    const before = await stored();
    const input = { phone: '02-1111-2222' };
    for (const caller of [expert(HOME, 'center-test-expert'), resident('center-test-resident'), null])
      expect(codes(await update(input, caller))).toEqual([caller ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
    const away = await update(input, districtOfficer(AWAY, 'center-test-away-officer'));
    expect(away.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: ['input', 'id'] })]);
    expect(await stored()).toEqual(before);
    const unknown = await mutate({
      mutation: 'updateLearningCenter',
      inputType: 'UpdateLearningCenterInput',
      input: { id: 'LC-NOPE', ...input },
      selection: 'learningCenter { id }',
      token: await tokenOf(HOME_OFFICER),
    });
    expect(unknown.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
  });
});
