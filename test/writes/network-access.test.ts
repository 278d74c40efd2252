/**
 * Who may write the cooperation network: every caller against every network mutation, allowed or refused
 * (and then changing nothing).
 */
import { randomUUID } from 'node:crypto';
import {
  CALLER_NAMES,
  communityRows,
  expertRows,
  freshPartner,
  HOME,
  make,
  mutate,
  partnershipRows,
  refused,
  setUpNetworkWrites,
  succeeded,
  supportRows,
  unusedYear,
  world,
  type CallerName,
} from './network-support';

setUpNetworkWrites();

interface MatrixRow {
  mutation: string;
  allowed: CallerName[];
  /** A valid input for one attempt, and what it may change in the database. */
  attempt(): Promise<{ input: Record<string, unknown>; state: () => Promise<unknown> }>;
}

const MATRIX: MatrixRow[] = [
  {
    mutation: 'createPartnership',
    allowed: ['cityAdmin', 'homeOfficer'],
    attempt: async () => ({
      input: {
        centerId: world.homeCenter,
        partner: freshPartner(),
        kind: 'RESOURCE_SHARING',
        idempotencyKey: randomUUID(),
      },
      state: () => partnershipRows(world.homeCenter),
    }),
  },
  {
    mutation: 'endPartnership',
    allowed: ['cityAdmin', 'homeOfficer'],
    attempt: async () => {
      const { id } = await make.partnership();
      return { input: { id }, state: () => partnershipRows(world.homeCenter) };
    },
  },
  {
    mutation: 'createLearningCommunity',
    allowed: ['cityAdmin', 'homeOfficer', 'homeExpert'],
    attempt: async () => ({
      input: {
        centerId: world.homeCenter,
        name: '권한 시험 동아리',
        track: 'LOCAL_PROBLEM_SOLVING',
        memberCount: 8,
        idempotencyKey: randomUUID(),
      },
      state: () => communityRows(world.homeCenter),
    }),
  },
  {
    mutation: 'updateLearningCommunity',
    allowed: ['cityAdmin', 'homeOfficer', 'homeExpert'],
    attempt: async () => {
      const { id } = await make.community();
      return {
        input: { id, memberCount: 30, track: 'VOCATIONAL_CAPACITY' },
        state: () => communityRows(world.homeCenter),
      };
    },
  },
  {
    mutation: 'createExpert',
    allowed: ['cityAdmin', 'homeOfficer'],
    attempt: async () => ({
      input: {
        districtCode: HOME,
        name: '권한 시험 전문가',
        duties: ['LEARNER_COUNSELING'],
        idempotencyKey: randomUUID(),
      },
      state: () => expertRows(HOME),
    }),
  },
  {
    mutation: 'assignExpert',
    allowed: ['cityAdmin', 'homeOfficer'],
    attempt: async () => {
      const { id } = await make.expert();
      return {
        input: { expertId: id, centerId: world.homeCenter, duties: ['COMMUNITY_SUPPORT'] },
        state: () => expertRows(HOME),
      };
    },
  },
  {
    mutation: 'recordCitySupport',
    allowed: ['cityAdmin'],
    attempt: async () => ({
      input: {
        districtCode: HOME,
        kind: 'FINANCIAL',
        year: await unusedYear(HOME, 'FINANCIAL', 2050),
        amountKrw: 5_000_000,
        note: null,
        idempotencyKey: randomUUID(),
      },
      state: () => supportRows(HOME),
    }),
  },
  {
    mutation: 'updateCitySupport',
    allowed: ['cityAdmin'],
    attempt: async () => {
      const { id } = await make.support();
      return { input: { id, amountKrw: 7_000_000, note: '고침' }, state: () => supportRows(HOME) };
    },
  },
];

describe('who may write the cooperation network', () => {
  it.each(MATRIX.map((row) => [row.mutation, row] as const))(
    '%s: allowed callers succeed; every other caller is refused and changes nothing',
    async (_name, row) => {
      for (const caller of CALLER_NAMES) {
        const { input, state } = await row.attempt();
        const before = await state();
        const payload = await mutate(row.mutation, input, caller);
        if (row.allowed.includes(caller)) {
          succeeded(payload);
          expect(await state()).not.toEqual(before);
        } else {
          const code = caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
          expect({ caller, codes: payload.userErrors.map((e) => e.code) }).toEqual({ caller, codes: [code] });
          refused(payload, { code });
          expect(await state()).toEqual(before);
        }
      }
    },
  );
});
