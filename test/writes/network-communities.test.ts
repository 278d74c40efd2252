/**
 * Learning communities through the gateway: created, updated field by field, bad input refused, retries.
 */
import { randomUUID } from 'node:crypto';
import { communityRows, make, mutate, query, refused, setUpNetworkWrites, succeeded, world } from './network-support';

setUpNetworkWrites();

describe('learning communities', () => {
  it("creates a community of a center and updates only the fields given, for the district's expert", async () => {
    const created = succeeded(
      await mutate(
        'createLearningCommunity',
        { centerId: world.homeCenter, name: '  마을 기록 모임  ', track: 'LOCAL_PROBLEM_SOLVING', memberCount: 9 },
        'homeExpert',
      ),
    );
    expect(created).toEqual({
      id: expect.any(String),
      name: '마을 기록 모임',
      track: 'LOCAL_PROBLEM_SOLVING',
      memberCount: 9,
      center: { id: world.homeCenter },
    });
    const listed = await query('query($id: ID!) { learningCenter(id: $id) { communities { id name } } }', {
      id: world.homeCenter,
    });
    expect(listed.learningCenter.communities).toContainEqual({ id: created.id, name: '마을 기록 모임' });

    const updated = succeeded(
      await mutate('updateLearningCommunity', { id: created.id, memberCount: 14 }, 'homeExpert'),
    );
    expect(updated).toEqual({ ...created, memberCount: 14 });
    expect((await communityRows(world.homeCenter)).find((row) => row.id === created.id)).toEqual({
      id: created.id,
      name: '마을 기록 모임',
      track: 'LOCAL_PROBLEM_SOLVING',
      memberCount: 14,
    });
  });

  it('answers bad inputs with user errors on every field at fault and changes nothing', async () => {
    const before = await communityRows(world.homeCenter);
    refused(
      await mutate('createLearningCommunity', {
        centerId: world.homeCenter,
        name: '   ',
        track: 'LIFE_CULTURE',
        memberCount: 0,
      }),
      { code: 'INVALID_INPUT', field: ['input', 'name'] },
      { code: 'INVALID_INPUT', field: ['input', 'memberCount'] },
    );
    refused(
      await mutate('createLearningCommunity', {
        centerId: world.homeCenter,
        name: '가'.repeat(101),
        track: 'LIFE_CULTURE',
        memberCount: 10_001,
      }),
      { code: 'INVALID_INPUT', field: ['input', 'name'] },
      { code: 'INVALID_INPUT', field: ['input', 'memberCount'] },
    );
    refused(
      await mutate('createLearningCommunity', {
        centerId: 'NO-SUCH-CENTER',
        name: '모임',
        track: 'LIFE_CULTURE',
        memberCount: 5,
      }),
      {
        code: 'NOT_FOUND',
        field: ['input', 'centerId'],
      },
    );
    const community = await make.community();
    const withCommunity = await communityRows(world.homeCenter);
    refused(
      await mutate('updateLearningCommunity', { id: community.id, name: null, memberCount: -3 }),
      { code: 'INVALID_INPUT', field: ['input', 'name'] },
      {
        code: 'INVALID_INPUT',
        field: ['input', 'memberCount'],
      },
    );
    refused(await mutate('updateLearningCommunity', { id: 'LCM-none', memberCount: 3 }), {
      code: 'NOT_FOUND',
      field: ['input', 'id'],
    });
    expect(await communityRows(world.homeCenter)).toEqual(withCommunity);
    expect(withCommunity.filter((row) => !before.some((old) => old.id === row.id))).toHaveLength(1);
  });

  it('returns the same community when a create is retried with the same idempotency key', async () => {
    const input = {
      centerId: world.homeCenter,
      name: '다시 보내도 하나',
      track: 'LIFE_CULTURE',
      memberCount: 6,
      idempotencyKey: randomUUID(),
    };
    const first = succeeded(await mutate('createLearningCommunity', input, 'homeOfficer'));
    expect(succeeded(await mutate('createLearningCommunity', input, 'homeOfficer'))).toEqual(first);
    expect((await communityRows(world.homeCenter)).filter((row) => row.name === input.name)).toHaveLength(1);
  });
});
