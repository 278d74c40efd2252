/**
 * Partnerships through the gateway: with institutions of every kind, their start, what is refused (unknown,
 * duplicate, self, future), retries, ending, and a partner whose subgraph cannot be reached.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { GATEWAY_SECRET_HEADER } from '../../lib/auth';
import { loadConfig } from '../../lib/config';
import { startSubgraph, type RunningSubgraph } from '../../lib/subgraph/subgraph-server';
import { centersSubgraph } from '../../subgraphs/centers/index';
import { testStack } from '../support/stack';
import {
  freshPartner,
  make,
  mutate,
  partnershipRows,
  query,
  refused,
  seoulToday,
  setUpNetworkWrites,
  succeeded,
  world,
} from './network-support';

setUpNetworkWrites();

describe('partnerships', () => {
  it('links a center with a school, a library, a cultural center, a civil provider and another center', async () => {
    const partners = [
      freshPartner('SCHOOL'),
      freshPartner('LIBRARY'),
      freshPartner('CULTURAL_CENTER'),
      freshPartner('CIVIL_PROVIDER'),
      { type: 'LEARNING_CENTER', id: world.homeCenter2 },
    ];
    const typenames: Record<string, string> = {
      SCHOOL: 'School',
      LIBRARY: 'Library',
      CULTURAL_CENTER: 'CulturalCenter',
      CIVIL_PROVIDER: 'CivilProvider',
      LEARNING_CENTER: 'LearningCenter',
    };
    for (const partner of partners) {
      const created = succeeded(
        await mutate(
          'createPartnership',
          { centerId: world.homeCenter, partner, kind: 'INSTRUCTOR_EXCHANGE', since: '2025-09-01' },
          'homeOfficer',
        ),
      );
      expect(created).toEqual({
        id: expect.any(String),
        kind: 'INSTRUCTOR_EXCHANGE',
        since: '2025-09-01',
        active: true,
        center: { id: world.homeCenter },
        partner: { __typename: typenames[partner.type], id: partner.id },
      });
      // The partner's own subgraph resolves it, and the partnership shows on the partner.
      const data = await query(
        `query($centerId: ID!) { learningCenter(id: $centerId) { partnerships { id partner { __typename
          ... on School { name partnerships { id } } ... on Library { name partnerships { id } } ... on CulturalCenter { name partnerships { id } }
          ... on CivilProvider { name partnerships { id } } ... on LearningCenter { name } } } } }`,
        { centerId: world.homeCenter },
      );
      const listed = data.learningCenter.partnerships.find((p: { id: string }) => p.id === created.id);
      expect(listed.partner.name.length).toBeGreaterThan(0);
      if (partner.type !== 'LEARNING_CENTER')
        expect(listed.partner.partnerships.map((p: { id: string }) => p.id)).toContain(created.id);
    }
  });

  it('starts a partnership today (in Seoul) when no date is given', async () => {
    const before = seoulToday();
    const created = succeeded(
      await mutate('createPartnership', { centerId: world.homeCenter, partner: freshPartner(), kind: 'VENUE_SHARING' }),
    );
    expect([before, seoulToday()]).toContain(created.since);
  });

  it('answers NOT_FOUND for a partner of any kind that does not exist, and for an unknown center, writing nothing', async () => {
    const before = await partnershipRows(world.homeCenter);
    for (const type of ['SCHOOL', 'LIBRARY', 'CULTURAL_CENTER', 'CIVIL_PROVIDER', 'LEARNING_CENTER']) {
      const payload = await mutate('createPartnership', {
        centerId: world.homeCenter,
        partner: { type, id: 'NO-SUCH-ID' },
        kind: 'CO_HOSTING',
      });
      refused(payload, { code: 'NOT_FOUND', field: ['input', 'partner', 'id'] });
    }
    // An id of the wrong kind does not exist either: a library id is no school.
    refused(
      await mutate('createPartnership', {
        centerId: world.homeCenter,
        partner: { type: 'SCHOOL', id: world.byType.LIBRARY[0].id },
        kind: 'CO_HOSTING',
      }),
      { code: 'NOT_FOUND', field: ['input', 'partner', 'id'] },
    );
    refused(
      await mutate('createPartnership', {
        centerId: 'NO-SUCH-CENTER',
        partner: world.byType.SCHOOL[0],
        kind: 'CO_HOSTING',
      }),
      { code: 'NOT_FOUND', field: ['input', 'centerId'] },
    );
    expect(await partnershipRows(world.homeCenter)).toEqual(before);
  });

  it('refuses a second active partnership with the same partner (CONFLICT) until the first has ended', async () => {
    const partner = freshPartner();
    const first = await make.partnership(partner);
    const before = await partnershipRows(world.homeCenter);
    refused(
      await mutate(
        'createPartnership',
        { centerId: world.homeCenter, partner, kind: 'RESOURCE_SHARING' },
        'homeOfficer',
      ),
      { code: 'CONFLICT', field: ['input', 'partner'] },
    );
    expect(await partnershipRows(world.homeCenter)).toEqual(before);

    succeeded(await mutate('endPartnership', { id: first.id }, 'homeOfficer'));
    const again = succeeded(
      await mutate(
        'createPartnership',
        { centerId: world.homeCenter, partner, kind: 'RESOURCE_SHARING' },
        'homeOfficer',
      ),
    );
    expect(again.id).not.toBe(first.id);
    const rows = (await partnershipRows(world.homeCenter)).filter((row) => row.partnerId === partner.id);
    expect(rows.map(({ id, active }) => ({ id, active })).sort((a, b) => Number(a.active) - Number(b.active))).toEqual([
      { id: first.id, active: false },
      { id: again.id, active: true },
    ]);
  });

  it('treats two centers as one pair whichever of them records the partnership', async () => {
    succeeded(
      await mutate('createPartnership', {
        centerId: world.homeCenter2,
        partner: { type: 'LEARNING_CENTER', id: world.awayCenter },
        kind: 'CO_HOSTING',
      }),
    );
    const before = await partnershipRows(world.awayCenter);
    refused(
      await mutate(
        'createPartnership',
        { centerId: world.awayCenter, partner: { type: 'LEARNING_CENTER', id: world.homeCenter2 }, kind: 'CO_HOSTING' },
        'awayOfficer',
      ),
      { code: 'CONFLICT', field: ['input', 'partner'] },
    );
    expect(await partnershipRows(world.awayCenter)).toEqual(before);
  });

  it('refuses a center partnering itself and a start date in the future, naming the fields', async () => {
    const before = await partnershipRows(world.homeCenter);
    refused(
      await mutate('createPartnership', {
        centerId: world.homeCenter,
        partner: { type: 'LEARNING_CENTER', id: world.homeCenter },
        kind: 'CO_HOSTING',
      }),
      { code: 'INVALID_INPUT', field: ['input', 'partner', 'id'] },
    );
    refused(
      await mutate('createPartnership', {
        centerId: world.homeCenter,
        partner: world.freshPartners[0],
        kind: 'CO_HOSTING',
        since: '2999-01-01',
      }),
      { code: 'INVALID_INPUT', field: ['input', 'since'] },
    );
    refused(
      await mutate('createPartnership', {
        centerId: world.homeCenter,
        partner: world.freshPartners[0],
        kind: 'CO_HOSTING',
        idempotencyKey: '   ',
      }),
      { code: 'INVALID_INPUT', field: ['input', 'idempotencyKey'] },
    );
    expect(await partnershipRows(world.homeCenter)).toEqual(before);
  });

  it('returns the same partnership when a create is retried with the same idempotency key', async () => {
    const input = {
      centerId: world.homeCenter,
      partner: freshPartner(),
      kind: 'CO_HOSTING',
      idempotencyKey: randomUUID(),
    };
    const first = succeeded(await mutate('createPartnership', input, 'homeOfficer'));
    const retry = succeeded(await mutate('createPartnership', input, 'homeOfficer'));
    expect(retry).toEqual(first);
    expect((await partnershipRows(world.homeCenter)).filter((row) => row.partnerId === input.partner.id)).toHaveLength(
      1,
    );
  });

  it('ends a partnership but keeps it on record; ending it again changes nothing; an unknown id is NOT_FOUND', async () => {
    const { id } = await make.partnership();
    const ended = succeeded(await mutate('endPartnership', { id }, 'homeOfficer'));
    expect(ended).toMatchObject({ id, active: false, since: '2024-03-01' });
    const afterEnd = await partnershipRows(world.homeCenter);
    expect(afterEnd.find((row) => row.id === id)).toMatchObject({ active: false });

    expect(succeeded(await mutate('endPartnership', { id }, 'homeOfficer'))).toEqual(ended);
    expect(await partnershipRows(world.homeCenter)).toEqual(afterEnd);
    refused(await mutate('endPartnership', { id: 'PS-none' }), { code: 'NOT_FOUND', field: ['input', 'id'] });
  });

  describe('when the subgraph owning the partner cannot be reached', () => {
    let isolated: RunningSubgraph;
    let secret: string;
    beforeAll(async () => {
      // A second centers service on the same database, configured with a gateway (its entity relay) that is not there.
      const deadPort = await new Promise<number>((resolve) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
          const { port } = server.address() as { port: number };
          server.close(() => resolve(port));
        });
      });
      const config = loadConfig(
        { ...testStack().env, GATEWAY_URL: `http://127.0.0.1:${deadPort}/graphql` },
        { service: 'centers' },
      );
      secret = config.gatewaySecret;
      isolated = await startSubgraph(centersSubgraph, config, 0);
    });
    afterAll(async () => {
      await isolated?.stop();
    });

    it('answers a user error that says so and writes nothing', async () => {
      const before = await partnershipRows(world.homeCenter);
      const payload = await mutate(
        'createPartnership',
        { centerId: world.homeCenter, partner: freshPartner('LIBRARY'), kind: 'CO_HOSTING' },
        'cityAdmin',
        isolated.url,
        {
          [GATEWAY_SECRET_HEADER]: secret,
        },
      );
      refused(payload, { code: 'UNAVAILABLE', field: ['input', 'partner', 'id'] });
      expect(payload.userErrors[0].message).toMatch(/could not be checked/);
      expect(await partnershipRows(world.homeCenter)).toEqual(before);
    });
  });
});
