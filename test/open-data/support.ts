/** Programs the open-data tests write, through the gateway as the city admin. */
import { Role } from '../../lib/auth';
import { graphql, testStack, tokenFor } from '../support/stack';

/** A learning center of the seeded network (역삼1동, Gangnam-gu), hosting its own test programs. */
export const CENTER = 'LC1168064000';

export const cityAdminToken = () => tokenFor({ sub: 'test-open-data', role: Role.CITY_ADMIN });

type ProgramMutation = 'createProgram' | 'publishProgram' | 'archiveProgram';

export async function programMutation(
  mutation: ProgramMutation,
  input: Record<string, unknown>,
): Promise<{ id: string; status: string }> {
  const inputType = mutation === 'createProgram' ? 'CreateProgramInput' : 'ProgramIdInput';
  const { data, errors } = await graphql(
    testStack().gatewayUrl,
    `mutation($input: ${inputType}!) { ${mutation}(input: $input) { program { id status } userErrors { code message } } }`,
    { input },
    {},
    { token: await cityAdminToken() },
  );
  expect(errors).toBeUndefined();
  expect(data![mutation].userErrors).toEqual([]);
  return data![mutation].program;
}

/** A new DRAFT program of CENTER hosted by the center itself. */
export function createProgram(overrides: Record<string, unknown> = {}): Promise<{ id: string; status: string }> {
  return programMutation('createProgram', {
    centerId: CENTER,
    host: { type: 'LEARNING_CENTER', id: CENTER },
    title: `Open data test ${Date.now()}`,
    track: 'LIFE_CULTURE',
    fieldCode: '5-3',
    startsOn: '2027-09-01',
    endsOn: '2027-09-15',
    capacity: 12,
    feeKrw: 15000,
    sessions: [
      { startsAt: '2027-09-01T19:00:00+09:00', endsAt: '2027-09-01T21:00:00+09:00' },
      { startsAt: '2027-09-08T19:00:00+09:00', endsAt: '2027-09-08T21:00:00+09:00' },
    ],
    ...overrides,
  });
}
