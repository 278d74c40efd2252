/**
 * Supporting learning communities through the gateway: the district's experts and officers record activities;
 * residents join and leave by themselves (idempotently); everyone sees the activities and how many joined, and a
 * resident sees only their own communities, never another resident's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenClaims } from '../../lib/auth';
import type { Orm } from '../../lib/subgraph/orm';
import { CommunityActivity } from '../../subgraphs/centers/network/community-activity.entity';
import { CommunityMembership } from '../../subgraphs/centers/network/community-membership.entity';
import { analyst, cityAdmin, districtOfficer, expert, institution, resident, tokenOf } from '../support/actors';
import { codes, mutate, type Payload } from '../support/mutations';
import { RUN } from '../support/names';
import { graphql, openSubgraphDatabase, testStack } from '../support/stack';

const HOME = '11680';
const AWAY = '11110';
const HOME_EXPERT = expert(HOME, 'community-test-expert');
const HOME_OFFICER = districtOfficer(HOME, 'community-test-officer');
const AWAY_EXPERT = expert(AWAY, 'community-test-away-expert');
const ADMIN = cityAdmin('community-test-admin');
const alice = resident(`R-${RUN}-alice`);
const bob = resident(`R-${RUN}-bob`);

const ACTIVITY = 'communityActivity { id heldOn kind attendance note }';
const COMMUNITY = 'learningCommunity { id joinedMemberCount }';
const MUTATIONS: Record<string, [string, string]> = {
  recordCommunityActivity: ['RecordCommunityActivityInput', ACTIVITY],
  joinLearningCommunity: ['CommunityMembershipInput', COMMUNITY],
  leaveLearningCommunity: ['CommunityMembershipInput', COMMUNITY],
  createLearningCommunity: ['CreateLearningCommunityInput', 'learningCommunity { id }'],
};

async function call(mutation: string, input: Record<string, unknown>, caller: TokenClaims | null): Promise<Payload> {
  const [inputType, selection] = MUTATIONS[mutation];
  return mutate({ mutation, inputType, input, selection, token: await tokenOf(caller) });
}

async function read(text: string, variables: Record<string, unknown> = {}, caller: TokenClaims | null = null) {
  const { data, errors } = await graphql(testStack().gatewayUrl, text, variables, {}, { token: await tokenOf(caller) });
  expect(errors).toBeUndefined();
  return data!;
}

const seoulDay = (days = 0) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

let orm: Orm;
let homeCenter: string;

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  const data = await read(
    'query($d: ID!) { learningCenters(filter: { districtCode: $d }, first: 1) { edges { node { id } } } }',
    {
      d: HOME,
    },
  );
  homeCenter = data.learningCenters.edges[0].node.id;
});
afterAll(() => orm.close());

async function newCommunity(): Promise<string> {
  const payload = await call(
    'createLearningCommunity',
    { centerId: homeCenter, name: `시험 모임 ${RUN}`, track: 'LIFE_CULTURE', memberCount: 8 },
    ADMIN,
  );
  expect(payload.userErrors).toEqual([]);
  return payload.learningCommunity.id;
}

/** The community as anyone reads it, through its center. */
async function publicView(id: string, caller: TokenClaims | null = null) {
  const data = await read(
    `query($center: ID!) { learningCenter(id: $center) { communities {
      id joinedMemberCount activities { id heldOn kind attendance note }
    } } }`,
    { center: homeCenter },
    caller,
  );
  return data.learningCenter.communities.find((community: { id: string }) => community.id === id);
}

describe('community activities', () => {
  it("records activities for the district's experts, officers and the city, read by anyone latest first", async () => {
    const community = await newCommunity();
    const meeting = await call(
      'recordCommunityActivity',
      { communityId: community, heldOn: seoulDay(-7), kind: 'MEETING', attendance: 11, note: '  첫 모임  ' },
      HOME_EXPERT,
    );
    expect(meeting).toEqual({
      communityActivity: {
        id: expect.stringMatching(/^LCA-/),
        heldOn: seoulDay(-7),
        kind: 'MEETING',
        attendance: 11,
        note: '첫 모임',
      },
      userErrors: [],
    });
    const study = await call(
      'recordCommunityActivity',
      { communityId: community, heldOn: seoulDay(), kind: 'STUDY', attendance: 0 },
      HOME_OFFICER,
    );
    expect(study.userErrors).toEqual([]);
    const byAdmin = await call(
      'recordCommunityActivity',
      { communityId: community, heldOn: seoulDay(-30), kind: 'VOLUNTEERING', attendance: 4 },
      ADMIN,
    );
    expect(byAdmin.userErrors).toEqual([]);
    const view = await publicView(community);
    expect(view.activities).toEqual([study.communityActivity, meeting.communityActivity, byAdmin.communityActivity]);
  });

  it('refuses anonymous callers, residents and other roles, and experts of another district', async () => {
    const community = await newCommunity();
    const input = { communityId: community, heldOn: seoulDay(-1), kind: 'EXHIBITION', attendance: 3 };
    expect(codes(await call('recordCommunityActivity', input, null))).toEqual(['UNAUTHENTICATED']);
    for (const caller of [alice, analyst('community-test-analyst'), institution(`LearningCenter:${homeCenter}`, 'x')])
      expect(codes(await call('recordCommunityActivity', input, caller))).toEqual(['FORBIDDEN']);
    const away = await call('recordCommunityActivity', input, AWAY_EXPERT);
    expect(away.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: ['input', 'communityId'] })]);
    expect(await orm.em.fork().count(CommunityActivity, { community })).toBe(0);
  });

  it('answers bad input with user errors on every field at fault', async () => {
    const community = await newCommunity();
    const bad = await call(
      'recordCommunityActivity',
      { communityId: community, heldOn: seoulDay(2), kind: 'OTHER', attendance: -1, note: '가'.repeat(501) },
      HOME_EXPERT,
    );
    expect(bad.communityActivity).toBeNull();
    expect(bad.userErrors.map(({ code, field }) => ({ code, field }))).toEqual([
      { code: 'INVALID_INPUT', field: ['input', 'heldOn'] },
      { code: 'INVALID_INPUT', field: ['input', 'attendance'] },
      { code: 'INVALID_INPUT', field: ['input', 'note'] },
    ]);
    const unknown = await call(
      'recordCommunityActivity',
      { communityId: 'LCM-000000000000', heldOn: seoulDay(), kind: 'OTHER', attendance: 1 },
      HOME_EXPERT,
    );
    expect(unknown.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'communityId'] }),
    ]);
    expect(await orm.em.fork().count(CommunityActivity, { community })).toBe(0);
  });
});

describe('community members', () => {
  const myCommunities = async (caller: TokenClaims | null) =>
    (await read('{ viewer { communities { id } } }', {}, caller)).viewer;

  it('lets a resident join once however often they ask, and leave, with the count visible to all', async () => {
    const community = await newCommunity();
    expect((await call('joinLearningCommunity', { communityId: community }, alice)).learningCommunity).toEqual({
      id: community,
      joinedMemberCount: 1,
    });
    const again = await call('joinLearningCommunity', { communityId: community }, alice);
    expect(again).toEqual({ learningCommunity: { id: community, joinedMemberCount: 1 }, userErrors: [] });
    // Concurrent joins of one resident: all succeed, one membership.
    const joins = await Promise.all(
      [1, 2, 3, 4].map(() => call('joinLearningCommunity', { communityId: community }, bob)),
    );
    expect(joins.map((payload) => payload.userErrors)).toEqual([[], [], [], []]);
    expect((await publicView(community)).joinedMemberCount).toBe(2);
    expect(await orm.em.fork().count(CommunityMembership, { community, residentId: alice.sub })).toBe(1);

    const left = await call('leaveLearningCommunity', { communityId: community }, alice);
    expect(left).toEqual({ learningCommunity: { id: community, joinedMemberCount: 1 }, userErrors: [] });
    const leftAgain = await call('leaveLearningCommunity', { communityId: community }, alice);
    expect(leftAgain).toEqual(left);
    expect((await publicView(community)).joinedMemberCount).toBe(1);
  });

  it("shows a resident their own communities only, never another resident's, and no one else any", async () => {
    const mine = await newCommunity();
    const theirs = await newCommunity();
    await call('joinLearningCommunity', { communityId: mine }, alice);
    await call('joinLearningCommunity', { communityId: theirs }, bob);
    const aliceSees = (await myCommunities(alice)).communities.map((c: { id: string }) => c.id);
    expect(aliceSees).toContain(mine);
    expect(aliceSees).not.toContain(theirs);
    expect((await myCommunities(bob)).communities.map((c: { id: string }) => c.id)).toContain(theirs);
    expect(await myCommunities(HOME_EXPERT)).toEqual({ communities: null });
    expect(await myCommunities(null)).toBeNull();
    // Memberships are not a GraphQL type: no resident id can be asked for.
    const supergraph = readFileSync(join(__dirname, '../../schema/supergraph.graphql'), 'utf8');
    expect(supergraph).not.toMatch(/type CommunityMembership\b|residentId/);
  });

  it('refuses joining or leaving for anyone but a resident, and unknown communities', async () => {
    const community = await newCommunity();
    expect(codes(await call('joinLearningCommunity', { communityId: community }, null))).toEqual(['UNAUTHENTICATED']);
    for (const caller of [HOME_EXPERT, HOME_OFFICER, ADMIN])
      for (const mutation of ['joinLearningCommunity', 'leaveLearningCommunity'])
        expect(codes(await call(mutation, { communityId: community }, caller))).toEqual(['FORBIDDEN']);
    const unknown = await call('joinLearningCommunity', { communityId: 'LCM-000000000000' }, alice);
    expect(unknown.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'communityId'] }),
    ]);
    expect((await publicView(community)).joinedMemberCount).toBe(0);
  });
});
