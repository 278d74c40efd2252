/**
 * Lifelong-learning experts through the gateway: added to a district, assigned to a center and back, bad input
 * refused, retries.
 */
import { randomUUID } from 'node:crypto';
import {
  expertRows,
  HOME,
  make,
  mutate,
  query,
  refused,
  setUpNetworkWrites,
  succeeded,
  world,
} from './network-support';

setUpNetworkWrites();

describe('experts', () => {
  it('adds an expert to a district with each duty once, assigns them to a center and back to the whole district', async () => {
    const created = succeeded(
      await mutate(
        'createExpert',
        {
          districtCode: HOME,
          name: '김배움',
          duties: ['RESOURCE_DISCOVERY', 'PROGRAM_DEVELOPMENT', 'RESOURCE_DISCOVERY'],
        },
        'homeOfficer',
      ),
    );
    expect(created).toEqual({
      id: expect.any(String),
      name: '김배움',
      duties: ['PROGRAM_DEVELOPMENT', 'RESOURCE_DISCOVERY'],
      district: { code: HOME },
      center: null,
    });

    const assigned = succeeded(
      await mutate('assignExpert', { expertId: created.id, centerId: world.homeCenter }, 'homeOfficer'),
    );
    expect(assigned).toEqual({ ...created, center: { id: world.homeCenter } });
    const atCenter = await query('query($id: ID!) { learningCenter(id: $id) { experts { id } } }', {
      id: world.homeCenter,
    });
    expect(atCenter.learningCenter.experts).toContainEqual({ id: created.id });

    const reDuty = succeeded(
      await mutate('assignExpert', { expertId: created.id, duties: ['COMMUNITY_SUPPORT'] }, 'homeOfficer'),
    );
    expect(reDuty).toEqual({ ...created, center: { id: world.homeCenter }, duties: ['COMMUNITY_SUPPORT'] });

    const unassigned = succeeded(await mutate('assignExpert', { expertId: created.id, centerId: null }, 'homeOfficer'));
    expect(unassigned).toEqual({ ...created, duties: ['COMMUNITY_SUPPORT'], center: null });
    expect((await expertRows(HOME)).find((row) => row.id === created.id)).toEqual({
      id: created.id,
      name: '김배움',
      centerId: null,
      duties: ['COMMUNITY_SUPPORT'],
    });
  });

  it('refuses no duties, a blank name, a center of another district and unknown ids, changing nothing', async () => {
    const expert = await make.expert();
    const before = await expertRows(HOME);
    refused(
      await mutate('createExpert', { districtCode: HOME, name: ' ', duties: [] }),
      { code: 'INVALID_INPUT', field: ['input', 'name'] },
      {
        code: 'INVALID_INPUT',
        field: ['input', 'duties'],
      },
    );
    refused(await mutate('createExpert', { districtCode: '99999', name: '이름', duties: ['LEARNER_COUNSELING'] }), {
      code: 'NOT_FOUND',
      field: ['input', 'districtCode'],
    });
    refused(await mutate('assignExpert', { expertId: expert.id, duties: [] }), {
      code: 'INVALID_INPUT',
      field: ['input', 'duties'],
    });
    refused(await mutate('assignExpert', { expertId: expert.id, centerId: world.awayCenter }), {
      code: 'INVALID_INPUT',
      field: ['input', 'centerId'],
    });
    refused(await mutate('assignExpert', { expertId: expert.id, centerId: 'NO-SUCH-CENTER' }), {
      code: 'NOT_FOUND',
      field: ['input', 'centerId'],
    });
    refused(await mutate('assignExpert', { expertId: 'EX-none', centerId: null }), {
      code: 'NOT_FOUND',
      field: ['input', 'expertId'],
    });
    expect(await expertRows(HOME)).toEqual(before);
  });

  it('returns the same expert when a create is retried with the same idempotency key', async () => {
    const input = {
      districtCode: HOME,
      name: '한 번만 전문가',
      duties: ['LEARNER_COUNSELING'],
      idempotencyKey: randomUUID(),
    };
    const before = await expertRows(HOME);
    const first = succeeded(await mutate('createExpert', input, 'homeOfficer'));
    expect(succeeded(await mutate('createExpert', input, 'homeOfficer'))).toEqual(first);
    expect(await expertRows(HOME)).toHaveLength(before.length + 1);
  });
});
