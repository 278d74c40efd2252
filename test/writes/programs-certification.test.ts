/**
 * The city's excellence certification of programs (서울시 우수 평생교육 프로그램 인증) through the gateway: the city
 * certifies a published program for a year and withdraws it; `programs` and `searchPrograms` filter by it; nobody
 * else may certify, and a draft is never certified.
 */
import { buildNetwork } from '../../seed/network';
import { codes, mutate as mutateThroughGateway, type Payload } from '../support/mutations';
import { fresh } from '../support/names';
import { graphql, TEST_SEED_PROGRAMS } from '../support/stack';
import { DISTRICT, gateway, newProgram, programRow, setUpProgramWrites, tokens, type Caller } from './programs-support';

setUpProgramWrites();

const SELECTION = 'program { id title status version certification { year certifiedAt } }';

async function certification(
  mutation: 'certifyProgram' | 'withdrawProgramCertification',
  input: Record<string, unknown>,
  caller: Caller = 'cityAdmin',
): Promise<Payload> {
  return mutateThroughGateway({
    mutation,
    inputType: mutation === 'certifyProgram' ? 'CertifyProgramInput' : 'WithdrawProgramCertificationInput',
    input,
    selection: SELECTION,
    token: tokens.get(caller),
  });
}

async function read(text: string, variables: Record<string, unknown>): Promise<any> {
  const { data, errors } = await graphql(gateway(), text, variables);
  expect(errors).toBeUndefined();
  return data;
}

/** The ids `programs` and `searchPrograms` find among the programs titled `title`, under the given conditions. */
async function found(
  title: string,
  conditions: Record<string, unknown>,
): Promise<{ listed: string[]; searched: string[] }> {
  const data = await read(
    `query($filter: ProgramFilter, $search: ProgramSearchInput) {
      programs(filter: $filter, first: 100) { edges { node { id } } }
      searchPrograms(filter: $search, first: 100) { edges { node { id } } }
    }`,
    {
      filter: { districtCode: DISTRICT, titleContains: title, ...conditions },
      search: { districtCode: DISTRICT, text: title, ...conditions },
    },
  );
  const ids = (connection: any) => connection.edges.map((edge: any) => edge.node.id);
  return { listed: ids(data.programs), searched: ids(data.searchPrograms) };
}

describe('certifying programs as excellent', () => {
  it('certifies a published program for a year, keeps its version, and shows it to anyone', async () => {
    const program = await newProgram({ publish: true });
    const certified = await certification('certifyProgram', { id: program.id, year: 2026 });
    expect(certified.userErrors).toEqual([]);
    expect(certified.program).toEqual({
      id: program.id,
      title: program.title,
      status: 'PUBLISHED',
      version: program.version,
      certification: { year: 2026, certifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
    expect(await programRow(program.id)).toMatchObject({ certified_year: 2026, version: program.version });
    const anonymous = await read('query($id: ID!) { program(id: $id) { certification { year certifiedAt } } }', {
      id: program.id,
    });
    expect(anonymous.program.certification).toEqual(certified.program!.certification);

    // The host's next update is not stale: the certification is not an edit.
    const update = await mutateThroughGateway({
      mutation: 'updateProgram',
      inputType: 'UpdateProgramInput',
      input: { id: program.id, version: program.version, title: fresh('Renamed') },
      selection: SELECTION,
      token: tokens.get('host'),
    });
    expect(update.userErrors).toEqual([]);
    expect(update.program.certification.year).toBe(2026);
  });

  it('filters programs and search by certification and its year, and follows a new year and a withdrawal', async () => {
    const title = fresh('우수 프로그램');
    const certified = await newProgram({ publish: true, title });
    const other = await newProgram({ publish: true, title: `${title} 보통` });
    const both = [certified.id, other.id].sort();
    expect((await certification('certifyProgram', { id: certified.id, year: 2025 })).userErrors).toEqual([]);

    const sorted = (ids: { listed: string[]; searched: string[] }) => ({
      listed: [...ids.listed].sort(),
      searched: [...ids.searched].sort(),
    });
    expect(sorted(await found(title, {}))).toEqual({ listed: both, searched: both });
    expect(await found(title, { certified: true })).toEqual({ listed: [certified.id], searched: [certified.id] });
    expect(await found(title, { certified: false })).toEqual({ listed: [other.id], searched: [other.id] });
    expect(await found(title, { certifiedInYear: 2025 })).toEqual({ listed: [certified.id], searched: [certified.id] });
    expect(await found(title, { certifiedInYear: 2026 })).toEqual({ listed: [], searched: [] });

    const again = await certification('certifyProgram', { id: certified.id, year: 2026 });
    expect(again.program!.certification.year).toBe(2026);
    expect(await found(title, { certifiedInYear: 2025 })).toEqual({ listed: [], searched: [] });
    expect(await found(title, { certifiedInYear: 2026, certified: true })).toEqual({
      listed: [certified.id],
      searched: [certified.id],
    });

    const withdrawn = await certification('withdrawProgramCertification', { id: certified.id });
    expect(withdrawn.userErrors).toEqual([]);
    expect(withdrawn.program!.certification).toBeNull();
    expect(await found(title, { certified: true })).toEqual({ listed: [], searched: [] });
    const row = await programRow(certified.id);
    const twice = await certification('withdrawProgramCertification', { id: certified.id });
    expect(twice.userErrors).toEqual([]);
    expect(await programRow(certified.id)).toEqual(row);
  });

  it('answers a filter that contradicts itself with a bad-input error', async () => {
    const { errors } = await graphql(
      gateway(),
      '{ programs(filter: { certified: false, certifiedInYear: 2026 }) { edges { node { id } } } }',
    );
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves the seeded certified programs, each with its year', async () => {
    const seeded = [...buildNetwork({ programs: TEST_SEED_PROGRAMS }).programs()].filter(
      (program) => program.certifiedYear !== null && program.status === 'PUBLISHED',
    );
    expect(seeded.length).toBeGreaterThan(0);
    const sample = seeded.slice(0, 5);
    for (const program of sample) {
      const { program: served } = await read('query($id: ID!) { program(id: $id) { certification { year } } }', {
        id: program.id,
      });
      expect(served.certification).toEqual({ year: program.certifiedYear });
    }
  });

  it('lets only the city certify, only published programs, for a year from 2000 to 2100', async () => {
    const program = await newProgram({ publish: true });
    const before = await programRow(program.id);
    const callers: [Caller, string][] = [
      ['homeOfficer', 'FORBIDDEN'],
      ['host', 'FORBIDDEN'],
      ['expert', 'FORBIDDEN'],
      ['educationOffice', 'FORBIDDEN'],
      ['resident', 'FORBIDDEN'],
      ['analyst', 'FORBIDDEN'],
      ['anonymous', 'UNAUTHENTICATED'],
    ];
    for (const [caller, code] of callers) {
      expect(codes(await certification('certifyProgram', { id: program.id, year: 2026 }, caller))).toEqual([code]);
      expect(codes(await certification('withdrawProgramCertification', { id: program.id }, caller))).toEqual([code]);
    }
    const bad = await certification('certifyProgram', { id: program.id, year: 1999 });
    expect(bad.userErrors.map(({ code, field }) => [code, field])).toEqual([['INVALID_INPUT', ['input', 'year']]]);
    const draft = await newProgram();
    const refused = await certification('certifyProgram', { id: draft.id, year: 2026 });
    expect(refused.userErrors.map(({ code, field }) => [code, field])).toEqual([['CONFLICT', ['input', 'id']]]);
    expect((await programRow(draft.id)).certified_year).toBeNull();
    expect(codes(await certification('certifyProgram', { id: 'PG-none', year: 2026 }))).toEqual(['NOT_FOUND']);
    expect(await programRow(program.id)).toEqual(before);
  });
});
