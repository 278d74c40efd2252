/**
 * Partnership proposals through the gateway: an expert proposes, the district's officer or the city approves or
 * declines; who may do what, what is refused (and changes nothing), and who sees a proposal.
 */
import { graphql, testStack } from '../support/stack';
import { call, readAs, setUpCooperation, tokenOf, type Caller } from './cooperation-support';
import { freshPartner, partnershipRows, refused, succeeded, world } from './network-support';

setUpCooperation();

const propose = (partner = freshPartner(), caller: Caller = 'homeExpert', extra: Record<string, unknown> = {}) =>
  call(
    'proposePartnership',
    { centerId: world.homeCenter, partner, kind: 'CO_HOSTING', note: '주민 요청이 많습니다.', ...extra },
    caller,
  );
const statusOf = async (id: string) => (await partnershipRows(world.homeCenter)).find((row) => row.id === id) ?? null;

/** The ids of the home center's partnerships `caller` sees in the list, on the center and on the partner. */
async function seenBy(caller: Caller, partnerId: string): Promise<string[][]> {
  const data = await readAs(
    caller,
    `query($center: ID!) {
      list: partnerships(filter: { centerId: $center }, first: 100) { edges { node { id partner { ... on School { id } ... on Library { id } ... on CulturalCenter { id } ... on CivilProvider { id } } } } }
      learningCenter(id: $center) { partnerships { id } }
    }`,
    { center: world.homeCenter },
  );
  return [
    data.list.edges.map((edge: { node: { id: string } }) => edge.node.id),
    data.learningCenter.partnerships.map((p: { id: string }) => p.id),
    [partnerId],
  ];
}

describe('partnership proposals', () => {
  it('an expert proposes, the officer approves: PROPOSED, then ACTIVE, with who and when', async () => {
    const partner = freshPartner('SCHOOL');
    const proposed = succeeded(await propose(partner));
    expect(proposed).toMatchObject({
      status: 'PROPOSED',
      active: false,
      proposedBy: 'cooperation-expert',
      proposalNote: '주민 요청이 많습니다.',
      decidedBy: null,
      decidedAt: null,
      partner: { __typename: 'School', id: partner.id },
    });
    expect(proposed.proposedAt).toMatch(/^\d{4}-\d\d-\d\dT.*\+09:00$/);
    const approved = succeeded(await call('approvePartnership', { id: proposed.id }, 'homeOfficer'));
    expect(approved).toEqual({
      ...proposed,
      status: 'ACTIVE',
      active: true,
      decidedBy: 'cooperation-officer',
      decidedAt: expect.stringMatching(/\+09:00$/),
    });
    expect(await statusOf(proposed.id)).toMatchObject({ active: true });
    // Approved is public: anonymous callers see it now.
    const [list, onCenter] = await seenBy('anonymous', partner.id);
    expect(list).toContain(proposed.id);
    expect(onCenter).toContain(proposed.id);
    // Who proposed and decided are accounts: the district's staff see them, the public does not.
    const actors = async (caller: Caller) =>
      (
        await readAs(
          caller,
          'query($c: ID!) { partnerships(filter: { centerId: $c }, first: 100) { edges { node { id proposedBy decidedBy } } } }',
          {
            c: world.homeCenter,
          },
        )
      ).partnerships.edges.find((edge: { node: { id: string } }) => edge.node.id === proposed.id).node;
    expect(await actors('anonymous')).toEqual({ id: proposed.id, proposedBy: null, decidedBy: null });
    expect(await actors('awayOfficer')).toEqual({ id: proposed.id, proposedBy: null, decidedBy: null });
    expect(await actors('homeExpert')).toEqual({
      id: proposed.id,
      proposedBy: 'cooperation-expert',
      decidedBy: 'cooperation-officer',
    });
  });

  it('the city declines with a reason: DECLINED stays on record, never active, and the pair may be proposed again', async () => {
    const partner = freshPartner();
    const proposed = succeeded(await propose(partner));
    const declined = succeeded(
      await call('declinePartnership', { id: proposed.id, reason: '  올해는 공간이 없습니다. ' }, 'cityAdmin'),
    );
    expect(declined).toMatchObject({
      status: 'DECLINED',
      active: false,
      declineReason: '올해는 공간이 없습니다.',
      decidedBy: 'cooperation-admin',
    });
    const again = succeeded(await propose(partner));
    expect(again.id).not.toBe(proposed.id);
  });

  it('an officer ends an approved partnership; a proposal cannot be ended, only declined', async () => {
    const proposed = succeeded(await propose());
    refused(await call('endPartnership', { id: proposed.id }, 'homeOfficer'), {
      code: 'CONFLICT',
      field: ['input', 'id'],
    });
    expect(await statusOf(proposed.id)).toMatchObject({ active: false });
    succeeded(await call('approvePartnership', { id: proposed.id }, 'homeOfficer'));
    const ended = succeeded(await call('endPartnership', { id: proposed.id }, 'homeOfficer'));
    expect(ended).toMatchObject({ status: 'ENDED', active: false });
    // Ending an ended one changes nothing, as before.
    expect(succeeded(await call('endPartnership', { id: proposed.id }, 'homeOfficer'))).toEqual(ended);
  });

  it('deciding twice is a conflict, whichever the decisions', async () => {
    const approved = succeeded(await propose());
    succeeded(await call('approvePartnership', { id: approved.id }, 'homeOfficer'));
    const declined = succeeded(await propose());
    succeeded(await call('declinePartnership', { id: declined.id }, 'homeOfficer'));
    for (const [mutation, id] of [
      ['approvePartnership', approved.id],
      ['declinePartnership', approved.id],
      ['approvePartnership', declined.id],
      ['declinePartnership', declined.id],
    ]) {
      const before = await statusOf(id);
      refused(await call(mutation, { id }, 'cityAdmin'), { code: 'CONFLICT', field: ['input', 'id'] });
      expect(await statusOf(id)).toEqual(before);
    }
    refused(await call('approvePartnership', { id: 'PS-none' }, 'cityAdmin'), {
      code: 'NOT_FOUND',
      field: ['input', 'id'],
    });
  });

  it('allows no second proposal, nor an officer’s partnership, for a pair with a proposal awaiting', async () => {
    const partner = freshPartner();
    const proposed = succeeded(await propose(partner));
    const before = await partnershipRows(world.homeCenter);
    refused(await propose(partner), { code: 'CONFLICT', field: ['input', 'partner'] });
    refused(
      await call('createPartnership', { centerId: world.homeCenter, partner, kind: 'CO_HOSTING' }, 'homeOfficer'),
      {
        code: 'CONFLICT',
        field: ['input', 'partner'],
      },
    );
    expect(await partnershipRows(world.homeCenter)).toEqual(before);
    // Once it runs, a proposal for the pair is refused too.
    succeeded(await call('approvePartnership', { id: proposed.id }, 'homeOfficer'));
    refused(await propose(partner), { code: 'CONFLICT' });
  });

  it('an officer’s own partnership is active at once, decided by them', async () => {
    const created = succeeded(
      await call(
        'createPartnership',
        { centerId: world.homeCenter, partner: freshPartner(), kind: 'VENUE_SHARING' },
        'homeOfficer',
      ),
    );
    expect(created).toMatchObject({
      status: 'ACTIVE',
      active: true,
      proposedBy: null,
      decidedBy: 'cooperation-officer',
    });
  });

  it('only an expert of the center’s district proposes; everyone else is refused and nothing is written', async () => {
    const expected: [Caller, string][] = [
      ['awayExpert', 'FORBIDDEN'],
      ['homeOfficer', 'FORBIDDEN'],
      ['cityAdmin', 'FORBIDDEN'],
      ['homeOffice', 'FORBIDDEN'],
      ['resident', 'FORBIDDEN'],
      ['analyst', 'FORBIDDEN'],
      ['anonymous', 'UNAUTHENTICATED'],
    ];
    for (const [caller, code] of expected) {
      const before = await partnershipRows(world.homeCenter);
      const payload = await propose(world.freshPartners[0], caller);
      expect({ caller, codes: payload.userErrors.map((e) => e.code) }).toEqual({ caller, codes: [code] });
      expect(await partnershipRows(world.homeCenter)).toEqual(before);
    }
  });

  it('refuses bad proposals: a future start, a long note, an unknown partner', async () => {
    const before = await partnershipRows(world.homeCenter);
    refused(await propose(world.freshPartners[0], 'homeExpert', { since: '2999-01-01' }), {
      code: 'INVALID_INPUT',
      field: ['input', 'since'],
    });
    refused(await propose(world.freshPartners[0], 'homeExpert', { note: '가'.repeat(1001) }), {
      code: 'INVALID_INPUT',
      field: ['input', 'note'],
    });
    refused(await propose({ type: 'SCHOOL', id: 'B-NO-SUCH' }), {
      code: 'NOT_FOUND',
      field: ['input', 'partner', 'id'],
    });
    expect(await partnershipRows(world.homeCenter)).toEqual(before);
  });

  it('only the district’s officer, the city (or the partner’s office) decide; another district is forbidden', async () => {
    const proposed = succeeded(await propose(freshPartner('LIBRARY')));
    const expected: [Caller, string][] = [
      ['awayOfficer', 'FORBIDDEN'],
      ['homeExpert', 'FORBIDDEN'],
      ['awayExpert', 'FORBIDDEN'],
      ['homeOffice', 'FORBIDDEN'],
      ['resident', 'FORBIDDEN'],
      ['anonymous', 'UNAUTHENTICATED'],
    ];
    for (const mutation of ['approvePartnership', 'declinePartnership']) {
      for (const [caller, code] of expected) {
        const payload = await call(mutation, { id: proposed.id }, caller);
        expect({ mutation, caller, codes: payload.userErrors.map((e) => e.code) }).toEqual({
          mutation,
          caller,
          codes: [code],
        });
        expect(await statusOf(proposed.id)).toMatchObject({ active: false });
      }
    }
    const seen = await readAs(
      'cityAdmin',
      'query($id: ID!) { partnerships(filter: { partnerId: $id }) { edges { node { status } } } }',
      {
        id: proposed.partner.id,
      },
    );
    expect(seen.partnerships.edges.map((edge: { node: { status: string } }) => edge.node.status)).toContain('PROPOSED');
  });

  it('shows a proposal, and a declined one, to the district’s experts and officers and the city only', async () => {
    const partner = freshPartner('SCHOOL');
    const proposed = succeeded(await propose(partner));
    const declined = succeeded(await propose(freshPartner()));
    succeeded(await call('declinePartnership', { id: declined.id }, 'homeOfficer'));
    for (const caller of ['homeExpert', 'homeOfficer', 'cityAdmin'] as Caller[]) {
      const [list, onCenter] = await seenBy(caller, partner.id);
      expect({ caller, list: list.includes(proposed.id) && list.includes(declined.id) }).toEqual({
        caller,
        list: true,
      });
      expect(onCenter).toEqual(expect.arrayContaining([proposed.id, declined.id]));
    }
    for (const caller of ['anonymous', 'resident', 'analyst', 'awayOfficer', 'awayExpert', 'otherOffice'] as Caller[]) {
      const [list, onCenter] = await seenBy(caller, partner.id);
      expect({ caller, seen: [...list, ...onCenter].filter((id) => id === proposed.id || id === declined.id) }).toEqual(
        {
          caller,
          seen: [],
        },
      );
    }
    // Nor on the partner's own page, nor through the status filter.
    const data = await readAs(
      'anonymous',
      `query($id: ID!) { school(id: $id) { partnerships { id } }
        proposals: partnerships(filter: { status: PROPOSED }, first: 5) { edges { node { id } } } }`,
      { id: partner.id },
    );
    expect(data.school.partnerships.map((p: { id: string }) => p.id)).not.toContain(proposed.id);
    expect(data.proposals.edges).toEqual([]);
    const own = await readAs(
      'homeExpert',
      'query($c: ID!) { partnerships(filter: { centerId: $c, status: PROPOSED }, first: 100) { edges { node { id status } } } }',
      {
        c: world.homeCenter,
      },
    );
    expect(own.partnerships.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(proposed.id);
    expect(new Set(own.partnerships.edges.map((edge: { node: { status: string } }) => edge.node.status))).toEqual(
      new Set(['PROPOSED']),
    );
  });

  it('does not count proposals in the district’s coverage until they are approved', async () => {
    const coverage = async () =>
      (
        await readAs(
          'anonymous',
          '{ district(code: "11680") { coverage { partnershipCount activePartnershipCount } } }',
        )
      ).district.coverage;
    const before = await coverage();
    const proposed = succeeded(await propose());
    expect(await coverage()).toEqual(before);
    succeeded(await call('approvePartnership', { id: proposed.id }, 'homeOfficer'));
    expect(await coverage()).toEqual({
      partnershipCount: before.partnershipCount + 1,
      activePartnershipCount: before.activePartnershipCount + 1,
    });
  });

  it('resolves a proposal as an entity only for those who may see it', async () => {
    const proposed = succeeded(await propose());
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Partnership { id status proposalNote } } }`;
    const reps = [{ __typename: 'Partnership', id: proposed.id }];
    const asEntity = async (caller: Caller) =>
      (await graphql(testStack().subgraphUrls.centers, query, { reps }, {}, { token: tokenOf(caller) })).data!
        ._entities;
    expect(await asEntity('anonymous')).toEqual([null]);
    expect(await asEntity('awayOfficer')).toEqual([null]);
    expect(await asEntity('homeOfficer')).toEqual([
      { id: proposed.id, status: 'PROPOSED', proposalNote: '주민 요청이 많습니다.' },
    ]);
  });

  it('names nothing of another district’s proposal when it blocks a partnership of the same two centers', async () => {
    const proposed = succeeded(await propose({ type: 'LEARNING_CENTER', id: world.awayCenter }));
    const before = await partnershipRows(world.awayCenter);
    const answer = await call(
      'createPartnership',
      { centerId: world.awayCenter, partner: { type: 'LEARNING_CENTER', id: world.homeCenter }, kind: 'CO_HOSTING' },
      'awayOfficer',
    );
    refused(answer, { code: 'CONFLICT', field: ['input', 'partner'] });
    const message = (answer.userErrors as { message: string }[])[0].message;
    expect(message).not.toContain(proposed.id);
    expect(message).not.toMatch(/a proposed partnership|decide it/);
    expect(await partnershipRows(world.awayCenter)).toEqual(before);
  });
});
