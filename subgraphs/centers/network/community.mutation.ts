import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import {
  forUpdate,
  InputCheck,
  keyedWrite,
  PayloadType,
  requireRole,
  runMutation,
  toPayload,
} from '../../../lib/subgraph/mutation';
import {
  CreateLearningCommunityInput,
  RecordCommunityActivityInput,
  UpdateLearningCommunityInput,
} from './community.input';
import { CommunityActivity } from './community-activity.entity';
import { LearningCenter } from '../places/learning-center.entity';
import { LearningCommunity } from './learning-community.entity';
import { findOrFail, newId, requireDistrict, seoulToday } from '../mutation-support';
import { seoulNow } from '../seoul-time';

export const LearningCommunityPayload = PayloadType(LearningCommunity, 'learningCommunity');
export const CommunityActivityPayload = PayloadType(CommunityActivity, 'communityActivity');

/** Experts support learning communities, so they may manage them beside the district's officers. */
const COMMUNITY_ROLES = [Role.DISTRICT_OFFICER, Role.EXPERT, Role.CITY_ADMIN];
const NAME_LENGTH = { max: 100 };
const MAX_MEMBERS = 10_000;
export const ACTIVITY_LIMITS = { attendance: 10_000, note: { max: 500 } } as const;

function checkActivityFields(input: RecordCommunityActivityInput): InputCheck {
  const { attendance, note } = ACTIVITY_LIMITS;
  return new InputCheck()
    .expect(input.heldOn <= seoulToday(), 'heldOn', `heldOn (${input.heldOn}) must not be after today`)
    .expect(
      input.attendance >= 0 && input.attendance <= attendance,
      'attendance',
      `attendance must be 0 to ${attendance}`,
    )
    .text(input.note, 'note', note);
}

/** Problems of the fields a create and an update share. An update leaves out what it keeps; null is refused. */
function checkCommunityFields(input: {
  name?: string | null;
  track?: unknown;
  memberCount?: number | null;
}): InputCheck {
  const check = new InputCheck();
  for (const field of ['name', 'track', 'memberCount'] as const)
    check.expect(input[field] !== null, field, `${field} cannot be null: leave it out to keep it`);
  const { memberCount } = input;
  return check
    .text(input.name, 'name', NAME_LENGTH)
    .expect(
      memberCount === undefined || memberCount === null || (memberCount >= 1 && memberCount <= MAX_MEMBERS),
      'memberCount',
      `memberCount must be 1 to ${MAX_MEMBERS}`,
    );
}

@Resolver()
export class LearningCommunityMutations {
  @Mutation(() => LearningCommunityPayload, {
    description: "Records a learning community of a center (the district's officers and experts, the city).",
  })
  async createLearningCommunity(
    @Arg('input', () => CreateLearningCommunityInput) input: CreateLearningCommunityInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => {
      requireRole(ctx.identity, COMMUNITY_ROLES);
      checkCommunityFields(input).done();
    };
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('createLearningCommunity', input, LearningCommunity), precheck },
      async (em) => {
        const center = await findOrFail(em, LearningCenter, input.centerId, 'centerId');
        requireDistrict(ctx.identity!, center.district.code, 'manage learning communities', ['input', 'centerId']);
        return em.create(LearningCommunity, {
          id: newId('LCM'),
          center,
          name: input.name.trim(),
          track: input.track,
          memberCount: input.memberCount,
        });
      },
    );
    return toPayload('learningCommunity', outcome);
  }

  @Mutation(() => LearningCommunityPayload, {
    description: 'Renames a learning community, changes its track or member count.',
  })
  async updateLearningCommunity(
    @Arg('input', () => UpdateLearningCommunityInput) input: UpdateLearningCommunityInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const outcome = await runMutation(ctx, { operation: 'updateLearningCommunity' }, async (em) => {
      const identity = requireRole(ctx.identity, COMMUNITY_ROLES);
      checkCommunityFields(input).done();
      const community = await findOrFail(em, LearningCommunity, input.id, 'id', forUpdate(em));
      const center = await em.findOneOrFail(LearningCenter, community.center.id);
      requireDistrict(identity, center.district.code, 'manage learning communities', ['input', 'id']);
      if (input.name != null) community.name = input.name.trim();
      if (input.track != null) community.track = input.track;
      if (input.memberCount != null) community.memberCount = input.memberCount;
      return community;
    });
    return toPayload('learningCommunity', outcome);
  }

  @Mutation(() => CommunityActivityPayload, {
    description: "Records an activity a learning community held (the district's experts and officers, the city).",
  })
  async recordCommunityActivity(
    @Arg('input', () => RecordCommunityActivityInput) input: RecordCommunityActivityInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const precheck = () => {
      requireRole(ctx.identity, COMMUNITY_ROLES);
      checkActivityFields(input).done();
    };
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('recordCommunityActivity', input, CommunityActivity), precheck },
      async (em) => {
        const community = await findOrFail(em, LearningCommunity, input.communityId, 'communityId');
        const center = await em.findOneOrFail(LearningCenter, community.center.id);
        requireDistrict(ctx.identity!, center.district.code, 'support learning communities', ['input', 'communityId']);
        return em.create(CommunityActivity, {
          id: newId('LCA'),
          community,
          heldOn: input.heldOn,
          kind: input.kind,
          attendance: input.attendance,
          note: input.note?.trim() || null,
          recordedAt: seoulNow(),
        });
      },
    );
    return toPayload('communityActivity', outcome);
  }
}
