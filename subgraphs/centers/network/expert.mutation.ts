import { ref } from '@mikro-orm/core';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/knex';
import { MAX_SUBJECT_LENGTH, Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import {
  fail,
  forUpdate,
  InputCheck,
  keyedWrite,
  PayloadType,
  requireRole,
  runMutation,
  toPayload,
  UserErrorCode,
} from '../../../lib/subgraph/mutation';
import { District } from '../places/district.entity';
import { ExpertDuty, LifelongLearningExpert } from './expert.entity';
import { AssignExpertInput, CreateExpertInput } from './expert.input';
import { LearningCenter } from '../places/learning-center.entity';
import { findOrFail, newId, requireDistrict } from '../mutation-support';

export const ExpertPayload = PayloadType(LifelongLearningExpert, 'expert', 'Expert');

/** Experts are district staff: the district's officers and the city manage them. */
const EXPERT_ROLES = [Role.DISTRICT_OFFICER, Role.CITY_ADMIN];
const DUTY_ORDER = Object.values(ExpertDuty);

/** The account subject to link: trimmed, blank as none; CONFLICT when another expert has it already. */
async function linkableSubject(
  em: EntityManager,
  subject: string | null | undefined,
  expertId: string | null,
): Promise<string | null> {
  const linked = subject?.trim() || null;
  if (!linked) return null;
  new InputCheck().text(linked, 'subject', { max: MAX_SUBJECT_LENGTH }).done();
  const holder = await em.findOne(LifelongLearningExpert, { subject: linked });
  if (holder && holder.id !== expertId) {
    fail(UserErrorCode.CONFLICT, `Expert ${holder.id} signs in with this subject already.`, ['input', 'subject']);
  }
  return linked;
}

/** Each duty once, in the enum's order, so equal sets of duties read the same. */
function normalDuties(duties: readonly ExpertDuty[]): ExpertDuty[] {
  return DUTY_ORDER.filter((duty) => duties.includes(duty));
}

@Resolver()
export class ExpertMutations {
  @Mutation(() => ExpertPayload, {
    description: "Adds a Dong Lifelong Learning Expert to a district (the district's officers, the city).",
  })
  async createExpert(@Arg('input', () => CreateExpertInput) input: CreateExpertInput, @Ctx() ctx: SubgraphContext) {
    const precheck = () => {
      requireRole(ctx.identity, EXPERT_ROLES);
      new InputCheck()
        .text(input.name, 'name', { max: 100 })
        .expect(input.duties.length > 0, 'duties', 'duties must list at least one duty')
        .done();
    };
    const outcome = await runMutation(
      ctx,
      { ...keyedWrite('createExpert', input, LifelongLearningExpert), precheck },
      async (em) => {
        const district = await findOrFail(em, District, input.districtCode, 'districtCode');
        requireDistrict(ctx.identity!, district.code, 'manage experts', ['input', 'districtCode']);
        return em.create(LifelongLearningExpert, {
          id: newId('EX'),
          name: input.name.trim(),
          district,
          center: null,
          duties: normalDuties(input.duties),
          subject: await linkableSubject(em, input.subject, null),
        });
      },
    );
    return toPayload('expert', outcome);
  }

  @Mutation(() => ExpertPayload, {
    description:
      "Assigns an expert to a center of their district (or none), sets their duties and the account they sign in with (the district's officers, the city).",
  })
  async assignExpert(@Arg('input', () => AssignExpertInput) input: AssignExpertInput, @Ctx() ctx: SubgraphContext) {
    const outcome = await runMutation(ctx, { operation: 'assignExpert' }, async (em) => {
      const identity = requireRole(ctx.identity, EXPERT_ROLES);
      new InputCheck()
        .expect(
          input.duties == null || input.duties.length > 0,
          'duties',
          'duties must list at least one duty (leave it out to keep them)',
        )
        .done();
      const expert = await findOrFail(em, LifelongLearningExpert, input.expertId, 'expertId', forUpdate(em));
      requireDistrict(identity, expert.district.code, 'manage experts', ['input', 'expertId']);
      if (input.centerId === null) expert.center = null;
      if (input.centerId != null) {
        const center = await findOrFail(em, LearningCenter, input.centerId, 'centerId');
        if (center.district.code !== expert.district.code) {
          fail(
            UserErrorCode.INVALID_INPUT,
            `The center lies in district ${center.district.code}, not in the expert's district ${expert.district.code}.`,
            ['input', 'centerId'],
          );
        }
        expert.center = ref(center);
      }
      if (input.duties) expert.duties = normalDuties(input.duties);
      if (input.subject !== undefined) expert.subject = await linkableSubject(em, input.subject, expert.id);
      return expert;
    });
    return toPayload('expert', outcome);
  }
}
