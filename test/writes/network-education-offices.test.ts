/**
 * The offices of education as partners, through the gateway: the city's office and the district support offices
 * as partnership parties, and the EDUCATION_OFFICE role agreeing partnerships for its own schools (and itself) only.
 */
import { call, offices, readAs, setUpCooperation, type Caller } from './cooperation-support';
import { freshPartner, partnershipRows, refused, succeeded, world } from './network-support';

setUpCooperation();

const CITY_OFFICE = '7010000';
const officePartner = (code: string) => ({ type: 'EDUCATION_OFFICE', id: code });
const propose = (partner: { type: string; id: string }) =>
  call('proposePartnership', { centerId: world.homeCenter, partner, kind: 'VENUE_SHARING' }, 'homeExpert');
const programInput = (host: { type: string; id: string }) => ({
  centerId: world.homeCenter,
  host,
  track: 'LIFE_CULTURE',
  fieldCode: '1-1',
  startsOn: '2030-03-02',
  endsOn: '2030-03-30',
  capacity: 10,
  feeKrw: 0,
});
const statusOf = async (id: string) => (await partnershipRows(world.homeCenter)).find((row) => row.id === id);

describe('the offices of education as partners', () => {
  it('lists the city’s office of education beside its 11 support offices', async () => {
    const data = await readAs('anonymous', '{ educationOffices { code nameKo districts { code } } }');
    expect(data.educationOffices).toHaveLength(12);
    expect(data.educationOffices).toContainEqual({ code: CITY_OFFICE, nameKo: '서울특별시교육청', districts: [] });
  });

  it('an officer links a center with the city’s office; the office resolves and lists it', async () => {
    const created = succeeded(
      await call(
        'createPartnership',
        { centerId: world.homeCenter, partner: officePartner(CITY_OFFICE), kind: 'RESOURCE_SHARING' },
        'homeOfficer',
      ),
    );
    expect(created).toMatchObject({ status: 'ACTIVE', partner: { __typename: 'EducationOffice', code: CITY_OFFICE } });
    const data = await readAs(
      'anonymous',
      `query($c: ID!) { learningCenter(id: $c) { partnerships { id partner { ... on EducationOffice { code nameKo partnerships { id } } } } } }`,
      { c: world.homeCenter },
    );
    const listed = data.learningCenter.partnerships.find((p: { id: string }) => p.id === created.id);
    expect(listed.partner.nameKo).toBe('서울특별시교육청');
    expect(listed.partner.partnerships.map((p: { id: string }) => p.id)).toContain(created.id);
    // One running partnership per pair, with an office as with anyone.
    refused(
      await call(
        'createPartnership',
        { centerId: world.homeCenter, partner: officePartner(CITY_OFFICE), kind: 'CO_HOSTING' },
        'cityAdmin',
      ),
      { code: 'CONFLICT' },
    );
  });

  it('refuses an office code that does not exist', async () => {
    const before = await partnershipRows(world.homeCenter);
    refused(
      await call(
        'createPartnership',
        { centerId: world.homeCenter, partner: officePartner('7999999'), kind: 'CO_HOSTING' },
        'homeOfficer',
      ),
      { code: 'NOT_FOUND', field: ['input', 'partner', 'id'] },
    );
    expect(await partnershipRows(world.homeCenter)).toEqual(before);
  });

  it('the office of a school approves and declines proposals with it; another office is forbidden', async () => {
    const approvedSchool = freshPartner('SCHOOL');
    const toApprove = succeeded(await propose(approvedSchool));
    const toDecline = succeeded(await propose(freshPartner('SCHOOL')));
    for (const mutation of ['approvePartnership', 'declinePartnership']) {
      refused(await call(mutation, { id: toApprove.id }, 'otherOffice'), { code: 'FORBIDDEN', field: ['input', 'id'] });
    }
    expect(await statusOf(toApprove.id)).toMatchObject({ active: false });
    expect(succeeded(await call('approvePartnership', { id: toApprove.id }, 'homeOffice'))).toMatchObject({
      status: 'ACTIVE',
      decidedBy: 'cooperation-home-office',
    });
    expect(
      succeeded(await call('declinePartnership', { id: toDecline.id, reason: '학사 일정' }, 'homeOffice')),
    ).toMatchObject({
      status: 'DECLINED',
      declineReason: '학사 일정',
    });
    // An office may not end what it agreed: ending stays with the district and the city.
    refused(await call('endPartnership', { id: toApprove.id }, 'homeOffice'), { code: 'FORBIDDEN' });
  });

  it('an office decides proposals with itself, not with a library nor with another office', async () => {
    const withItself = succeeded(await propose(officePartner(offices.home)));
    const withLibrary = succeeded(await propose(freshPartner('LIBRARY')));
    const withOther = succeeded(await propose(officePartner(offices.other)));
    refused(await call('approvePartnership', { id: withLibrary.id }, 'homeOffice'), { code: 'FORBIDDEN' });
    refused(await call('approvePartnership', { id: withOther.id }, 'homeOffice'), { code: 'FORBIDDEN' });
    expect(succeeded(await call('approvePartnership', { id: withItself.id }, 'homeOffice'))).toMatchObject({
      status: 'ACTIVE',
      partner: { __typename: 'EducationOffice', code: offices.home },
    });
    expect(succeeded(await call('approvePartnership', { id: withOther.id }, 'otherOffice')).status).toBe('ACTIVE');
  });

  it('an office links a center with one of its schools, not with another office’s school', async () => {
    const school = freshPartner('SCHOOL');
    const created = succeeded(
      await call(
        'createPartnership',
        { centerId: world.homeCenter, partner: school, kind: 'VENUE_SHARING' },
        'homeOffice',
      ),
    );
    expect(created).toMatchObject({ status: 'ACTIVE', decidedBy: 'cooperation-home-office' });
    const before = await partnershipRows(world.homeCenter);
    refused(
      await call(
        'createPartnership',
        { centerId: world.homeCenter, partner: { type: 'SCHOOL', id: offices.awaySchool }, kind: 'VENUE_SHARING' },
        'homeOffice',
      ),
      { code: 'FORBIDDEN', field: ['input', 'partner', 'id'] },
    );
    refused(
      await call(
        'createPartnership',
        { centerId: world.homeCenter, partner: freshPartner('LIBRARY'), kind: 'VENUE_SHARING' },
        'homeOffice',
      ),
      { code: 'FORBIDDEN' },
    );
    expect(await partnershipRows(world.homeCenter)).toEqual(before);
  });

  it('an office sees the proposals with its schools; another office does not', async () => {
    const proposed = succeeded(await propose(freshPartner('SCHOOL')));
    const proposals = async (caller: Caller) =>
      (
        await readAs(
          caller,
          'query($c: ID!) { partnerships(filter: { centerId: $c, status: PROPOSED }, first: 100) { edges { node { id } } } }',
          { c: world.homeCenter },
        )
      ).partnerships.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(await proposals('homeOffice')).toContain(proposed.id);
    expect(await proposals('otherOffice')).not.toContain(proposed.id);
  });

  it('an office of education hosts no programs', async () => {
    // Everything else in the input is valid: the host alone is refused.
    const data = await readAs(
      'cityAdmin',
      `mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id } userErrors { code field } } }`,
      { input: { ...programInput(officePartner(CITY_OFFICE)), title: '교육청 주최 강좌' } },
    );
    expect(data.createProgram).toEqual({
      program: null,
      userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'host'] }],
    });
  });

  it('an office reads its schools’ programs, drafts included, and changes none of them', async () => {
    const school = freshPartner('SCHOOL');
    succeeded(
      await call('createPartnership', { centerId: world.homeCenter, partner: school, kind: 'CO_HOSTING' }, 'cityAdmin'),
    );
    const created = await readAs(
      'cityAdmin',
      `mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id status } userErrors { code } } }`,
      { input: { ...programInput(school), title: '학교 연계 초안 강좌' } },
    );
    expect(created.createProgram.userErrors).toEqual([]);
    const draft = created.createProgram.program;
    expect(draft.status).toBe('DRAFT');
    const read = (caller: Caller) =>
      readAs(
        caller,
        `query($id: ID!, $host: ID!) { program(id: $id) { id }
          programs(filter: { status: DRAFT, hostId: $host }, first: 100) { edges { node { id } } } }`,
        { id: draft.id, host: school.id },
      );
    const own = await read('homeOffice');
    expect(own.program).toEqual({ id: draft.id });
    expect(own.programs.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(draft.id);
    for (const caller of ['otherOffice', 'anonymous', 'resident'] as Caller[]) {
      const other = await read(caller);
      expect({ caller, program: other.program, drafts: other.programs.edges }).toEqual({
        caller,
        program: null,
        drafts: [],
      });
    }
    // Read-only: publishing it is refused, and it stays a draft.
    const publish = await readAs(
      'homeOffice',
      'mutation($input: ProgramIdInput!) { publishProgram(input: $input) { program { id } userErrors { code } } }',
      { input: { id: draft.id } },
    );
    expect(publish.publishProgram.program).toBeNull();
    expect(publish.publishProgram.userErrors.length).toBe(1);
    expect((await read('cityAdmin')).programs.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(
      draft.id,
    );
  });
});
